import { Alert, Typography } from 'antd';
import { BarsChart } from '../../platform/EChart';
import { useData } from '../../platform/data';
import { wan4, type FundKpis } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Kpi = FundKpis['total'] & { code?: string; id?: number; name: string };

const columns = (first: string) => [
  { title: first, dataIndex: 'name' },
  { title: '项目数', dataIndex: 'projects', align: 'right' as const },
  { title: '开工率', dataIndex: 'startedPct', align: 'right' as const, render: (v: string) => `${v}%` },
  { title: '竣工率', dataIndex: 'completedPct', align: 'right' as const, render: (v: string) => `${v}%` },
  { title: '资金拨付率', dataIndex: 'paidPct', align: 'right' as const, render: (v: string) => `${v}%` },
  { title: '安排（万元）', dataIndex: 'amountWan', align: 'right' as const, render: (v: string) => wan4(v) },
  { title: '已拨付（万元）', dataIndex: 'paidWan', align: 'right' as const, render: (v: string) => wan4(v) },
  { title: '未当年完成', dataIndex: 'late', align: 'right' as const },
];

/** 开工率, 竣工率, 资金拨付率 by category, sub-item and township, with 「当年项目当年完成」 flags. */
export function DashboardTab() {
  const { data, loading } = useData<FundKpis>(['agrifund', 'kpis'], '/api/agrifund/kpis');
  if (!data) return null;
  const chart = (rows: Kpi[]) => (
    <BarsChart categories={rows.map((r) => r.name)} series={[{ name: '开工率', data: rows.map((r) => Number(r.startedPct)) }, { name: '竣工率', data: rows.map((r) => Number(r.completedPct)) }, { name: '资金拨付率', data: rows.map((r) => Number(r.paidPct)) }]} />
  );
  return (
    <>
      <Alert type={data.total.late ? 'warning' : 'info'} showIcon style={{ marginBottom: 8 }} title={`${data.year} 年：开工率 ${data.total.startedPct}%，竣工率 ${data.total.completedPct}%，资金拨付率 ${data.total.paidPct}%；${data.lateLabel} ${data.total.late} 个`} />
      <Typography.Title level={5}>按类别</Typography.Title>
      {chart(data.byCategory)}
      <ResponsiveTable<Kpi> scroll={{ x: 'max-content' }} size="small" rowKey="code" loading={loading} pagination={false} dataSource={data.byCategory} columns={columns('类别')} locale={{ emptyText: `${data.year} 年尚无资金安排：县里录入资金安排后，按类别统计开工率、竣工率和拨付率` }} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>按乡镇</Typography.Title>
      {chart(data.byTownship)}
      <ResponsiveTable<Kpi> scroll={{ x: 'max-content' }} size="small" rowKey="id" pagination={false} dataSource={data.byTownship} columns={columns('乡（镇）')} locale={{ emptyText: `${data.year} 年尚无乡镇申报项目：项目申报后按乡镇统计` }} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>按子项</Typography.Title>
      <ResponsiveTable<Kpi> scroll={{ x: 'max-content' }} size="small" rowKey="code" pagination={false} dataSource={data.bySubItem} columns={columns('子项')} locale={{ emptyText: `${data.year} 年尚无资金安排子项：县里录入资金安排后按子项统计` }} />
    </>
  );
}
