import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { StepActions } from '../../platform/StepActions';
import { useData } from '../../platform/data';
import { wan4, type FundMeta, type FundPayment, type FundProject } from './contract';
import { PROJECTS, ProjectDrawer } from './ProjectDetail';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Row = FundProject['milestones'][number] & { key: string; project: FundProject };

/** Payment requests (milestones reported reached) with their verification and payment, and the 拨付台账. */
export function PaymentsTab() {
  const meta = useData<FundMeta>(['agrifund', 'meta'], '/api/agrifund/meta');
  const requests = useData<{ items: FundProject[] }>(['agrifund', 'requests'], '/api/agrifund/requests');
  const payments = useData<{ items: FundPayment[] }>(['agrifund', 'payments'], '/api/agrifund/payments');
  const [open, setOpen] = useState<number | null>(null);
  const rows: Row[] = (requests.data?.items ?? []).flatMap((p) => p.milestones.filter((m) => m.reportedAt).map((m) => ({ ...m, key: `${p.id}.${m.seq}`, project: p })));
  const keys = [['agrifund', 'requests'] as const, ['agrifund', 'payments'] as const, PROJECTS, ['agrifund', 'kpis'] as const];
  return (
    <>
      {meta.data && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`${meta.data.gate}（${meta.data.source}）：实施单位申请拨付，项目主管部门核实进度后，财政部门在已核实金额内拨付。`} />}
      <Typography.Title level={5}>拨付申请</Typography.Title>
      <ResponsiveTable<Row>
        scroll={{ x: 'max-content' }}
        size="small"
        loading={requests.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '暂无拨付申请：实施单位报告进度节点达到并申请拨付后，在这里核实、拨付' }}
        columns={[
          { title: '项目', render: (_, r) => <a onClick={() => setOpen(r.project.id)}>{r.project.name}</a> },
          { title: '乡（镇）', render: (_, r) => r.project.township },
          { title: '进度节点', render: (_, r) => `${r.seq}. ${r.name}` },
          { title: '申请（万元）', render: (_, r) => wan4(r.requestWan ?? '0') },
          { title: '核实', render: (_, r) => (r.verifiedAt ? `已核实（${r.verifiedBy}）` : '待核实') },
          { title: '已拨付/已核实（万元）', render: (_, r) => `${wan4(r.project.paidWan)} / ${wan4(r.project.verifiedWan)}` },
          { title: '办理', render: (_, r) => <StepActions actions={r.actions} invalidates={keys} size="small" /> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>拨付台账</Typography.Title>
      <a href="/api/agrifund/payments.xlsx">导出拨付台账（Excel）</a>
      <ResponsiveTable<FundPayment>
        scroll={{ x: 'max-content' }}
        size="small"
        rowKey="id"
        loading={payments.loading}
        dataSource={payments.data?.items ?? []}
        locale={{ emptyText: '尚无拨付：财政部门在已核实金额内拨付后记入台账' }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (v: string) => v.slice(0, 10) },
          { title: '项目', dataIndex: 'project' },
          { title: '乡（镇）', dataIndex: 'township' },
          { title: '子项', dataIndex: 'itemName' },
          { title: '节点', dataIndex: 'seq' },
          { title: '金额（万元）', dataIndex: 'amountWan', align: 'right', render: (v: string) => wan4(v) },
          { title: '经办', dataIndex: 'by' },
        ]}
      />
      {open !== null && <ProjectDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
