/** 服务组织: the list with each organisation's own steps (from its `actions`), its evidence and step log; the application form. */
import { Button, Card, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { Attachments } from '../../platform/Attachments';
import { useData, useRun } from '../../platform/data';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import { CRITERIA as RULE_CRITERIA, ORG_TYPES } from '../../../../server/src/modules/trusteeship/trusteeship.rules.js';
import type { Unit } from '../directory/contract';
import type { OrgApplicationRequest, TrusteeshipOrg } from './contract';
import { KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

// The document's criteria, from the module's rules file (交政办发〔2022〕16号), numbered as the text numbers them.
export const CRITERIA: [string, string][] = RULE_CRITERIA.map((c, i) => [c.code, `${'一二三四五'[i]}、${c.text}`]);

const statusColor = (s: TrusteeshipOrg['status']) => (s === 'published' ? 'green' : s === 'rejected' ? 'red' : 'blue');

export function OrgsTab({ units }: { units: Unit[] }) {
  const { can } = useAuth();
  const orgs = useData<{ items: TrusteeshipOrg[] }>(KEYS.orgs, '/api/trusteeship/orgs');
  const [form] = Form.useForm();
  const { run, pending } = useRun([KEYS.orgs]);
  const apply = async (v: OrgApplicationRequest) => {
    if (await run(() => send('POST', '/api/trusteeship/orgs', v), '申请已提交')) form.resetFields();
  };
  const townships = units.filter((u) => u.kind === 'township');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ResponsiveTable
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={orgs.data?.items ?? []}
        locale={{ emptyText: can('trusteeship.apply') ? '尚无服务组织：在下方提交参加托管试点的申请' : '尚无服务组织：服务组织提交申请后显示在这里' }}
        expandable={{
          expandedRowRender: (o: TrusteeshipOrg) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={1} bordered items={CRITERIA.map(([k, label]) => ({ key: k, label, children: o.criteria[k] ?? '—' }))} />
              <Typography.Text strong>证明材料（营业执照、银行开户许可证、农机清单、场所照片等）</Typography.Text>
              {/* The server takes evidence from the organisation's own account while the application is under review. */}
              <Attachments entity="trusteeship_org" entityId={o.id} canAttach={can('trusteeship.apply') && (o.status === 'applied' || o.status === 'recommended')} />
              <Typography.Text strong>办理记录</Typography.Text>
              <StepTimeline entries={o.timeline} />
            </Space>
          ),
        }}
        columns={[
          { title: '服务组织', dataIndex: 'name' },
          { title: '类型', dataIndex: 'orgType' },
          { title: '乡镇', dataIndex: 'townshipId', render: (id: number) => units.find((u) => u.id === id)?.name ?? id },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            render: (v: string, o: TrusteeshipOrg) => (
              <Tag color={statusColor(o.status)}>
                {v}
                {o.noticeEnd && o.status === 'approved' ? `，至 ${o.noticeEnd}` : ''}
              </Tag>
            ),
          },
          { title: '县托管合同', dataIndex: 'countyContractNo', render: (v: string | null) => v ?? '—' },
          // Each row its own steps and forms: what is typed for one organisation never shows in another's.
          { title: '办理', render: (_: unknown, o: TrusteeshipOrg) => <StepActions actions={o.actions} invalidates={[KEYS.all]} /> },
        ]}
      />
      {can('trusteeship.apply') && (
        <Card size="small" title="申请参加托管试点（逐条说明五项标准）">
          <Form form={form} layout="vertical" onFinish={(v) => void apply({ ...v, criteria: Object.fromEntries(CRITERIA.map(([k]) => [k, v[`c_${k}`] ?? ''])) } as OrgApplicationRequest)} style={{ maxWidth: 640 }}>
            <Form.Item name="name" label="服务组织名称" rules={[{ required: true, message: '请填写名称' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true, len: 18, message: '18 位' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="orgType" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
              <Select options={ORG_TYPES.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
            <Form.Item name="townshipId" label="所在乡（镇）" rules={[{ required: true, message: '请选择乡镇' }]}>
              <Select notFoundContent="正在读取乡（镇）" options={townships.map((t) => ({ value: t.id, label: t.name }))} />
            </Form.Item>
            {CRITERIA.map(([k, label]) => (
              <Form.Item key={k} name={`c_${k}`} label={label} rules={[{ required: true, message: '请说明并写明证明材料' }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit" loading={pending}>
              提交申请
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
