import { Button, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useData } from '../../platform/data';
import { wan4, type FundMeta, type FundProject } from './contract';
import { DiscloseButton, ProjectForm } from './ProjectForm';
import { PROJECTS, ProjectDrawer } from './ProjectDetail';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** The projects the user reads, by step; opened, a project's drawer with its steps; a form to declare one. */
export function ProjectsTab() {
  const [step, setStep] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const meta = useData<FundMeta>(['agrifund', 'meta'], '/api/agrifund/meta');
  const { data, loading } = useData<{ items: FundProject[] }>([...PROJECTS, step], `/api/agrifund/projects${step ? `?step=${step}` : ''}`);
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select allowClear placeholder="按步骤筛选" style={{ width: 160 }} value={step} onChange={(v) => setStep(v ?? null)} notFoundContent="正在读取办理步骤" options={(meta.data?.steps ?? []).map((s) => ({ value: s.code, label: s.name }))} />
        {meta.data?.mayDeclare && <Button type="primary" onClick={() => setCreating(true)}>项目申报</Button>}
        {/* 「两个一律」: the project authority for any township, a township for its own (the server checks which). */}
        {(meta.data?.mayCounty || meta.data?.mayDeclare) && <DiscloseButton meta={meta.data} />}
        <a href="/api/agrifund/projects.xlsx">导出项目台账（Excel）</a>
      </Space>
      <ResponsiveTable<FundProject>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: step ? `没有处于「${meta.data?.steps.find((s) => s.code === step)?.name ?? '该步骤'}」的项目，可清除筛选查看全部` : meta.data?.mayDeclare ? '尚无项目：点「项目申报」申报本乡镇的项目，或由县里导入项目表（见网络版）' : '尚无项目：各乡镇申报或县里导入项目表（见网络版）后显示在这里' }}
        onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '项目', dataIndex: 'name' },
          { title: '乡（镇）', dataIndex: 'township' },
          { title: '子项', render: (_, p) => `${p.itemCode} ${p.itemName}` },
          { title: '安排（万元）', dataIndex: 'amountWan', align: 'right', render: (v: string) => wan4(v) },
          { title: '已拨付（万元）', dataIndex: 'paidWan', align: 'right', render: (v: string) => wan4(v) },
          { title: '步骤', render: (_, p) => <Space size={4}><Tag color="blue">{p.stepLabel}</Tag>{p.late && <Tag color="red">未当年完成</Tag>}</Space> },
          { title: '待办', render: (_, p) => (p.actions.some((a) => a.allowed) ? <Tag color="orange">{p.actions.filter((a) => a.allowed).map((a) => a.label).join('、')}</Tag> : null) },
        ]}
      />
      {open !== null && <ProjectDrawer id={open} onClose={() => setOpen(null)} />}
      {creating && meta.data && <ProjectForm meta={meta.data} onClose={(id) => { setCreating(false); if (id) setOpen(id); }} />}
    </>
  );
}
