/** 单位确认: the unit's registrations, the stamped documents attached per kind, confirmation (盖章) by its actions. */
import { Button, Space, Tag, Typography } from 'antd';
import { Attachments } from '../../platform/Attachments';
import { useData } from '../../platform/data';
import { StepActions } from '../../platform/StepActions';
import { DOCUMENTS, requiredDocuments, type IdentityType } from '../../../../server/src/modules/skills/skills.rules.js';
import type { SkillRegistration } from './contract';
import { SKILLS } from './SkillsPage';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function ConfirmTab() {
  const list = useData<{ items: SkillRegistration[] }>([...SKILLS, 'registrations'], '/api/skills/registrations');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button href="/api/skills/registrations.xlsx">导出报名汇总表（Excel）</Button>
        <Button href="/api/skills/registrations.pdf">打印报名汇总表（PDF）</Button>
        <Typography.Text type="secondary">证明材料均需加盖单位公章；社保缴纳单位名称应与报名所在单位一致。</Typography.Text>
      </Space>
      <ResponsiveTable
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        locale={{ emptyText: '尚无报名：选手或本单位报名后显示在这里，上传盖章证明材料后确认' }}
        expandable={{
          expandedRowRender: (r: SkillRegistration) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {requiredDocuments(r.identity as IdentityType).flat().map((kind) => (
                <div key={kind}>
                  <Typography.Text strong>{DOCUMENTS[kind]}</Typography.Text>
                  <Attachments entity="skill_document" entityId={`${r.id}.${kind}`} canAttach={r.mayAttach} label={`上传${DOCUMENTS[kind]}（盖章 PDF 或照片）`} invalidates={[SKILLS]} />
                </div>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: '项目', dataIndex: 'eventName' },
          { title: '选手', render: (_: unknown, r: SkillRegistration) => (r.partnerName ? `${r.name}、${r.partnerName}` : r.name) },
          { title: '身份', dataIndex: 'identityName', responsive: ['md'] },
          { title: '单位', dataIndex: 'unitName', responsive: ['lg'] },
          { title: '状态', dataIndex: 'statusLabel', render: (v: string, r: SkillRegistration) => <Tag color={r.status === 'registered' ? 'gold' : 'blue'}>{v}</Tag> },
          { title: '尚缺材料', render: (_: unknown, r: SkillRegistration) => r.missing.join('、') || '—', responsive: ['md'] },
          { title: '办理', render: (_: unknown, r: SkillRegistration) => <Space wrap><StepActions actions={r.actions} invalidates={[SKILLS]} size="small" /><Button size="small" href={`/api/skills/registrations/${r.id}/form.pdf`}>报名表 PDF</Button></Space> },
        ]}
      />
    </Space>
  );
}
