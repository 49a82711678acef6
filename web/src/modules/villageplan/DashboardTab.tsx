import { BarsChart } from '../../platform/EChart';
import { useData } from '../../platform/data';
import type { PlanDashboard } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Row = PlanDashboard['townships'][number];

/** Progress by township towards 「到2024年底…应编尽编」: the 应编 villages against those approved and in hand, then the table. */
export function DashboardTab() {
  const { data, loading } = useData<PlanDashboard>(['villageplan', 'dashboard'], '/api/villageplan/dashboard');
  const rows = data?.townships ?? [];
  return (
    <>
      <BarsChart
        categories={rows.map((r) => r.township)}
        series={[
          { name: '应编', data: rows.map((r) => r.listed) },
          { name: '已批准', data: rows.map((r) => r.approved), color: '#52c41a' },
          { name: '编制中', data: rows.map((r) => r.compiling), color: '#1677ff' },
          { name: '报批中', data: rows.map((r) => r.submitted), color: '#faad14' },
        ]}
      />
      <ResponsiveTable<Row>
        scroll={{ x: 'max-content' }}
        rowKey="townshipId"
        size="small"
        loading={loading}
        title={() => `目标：${data?.target ?? ''} 前有条件、有需求的村庄应编尽编`}
        dataSource={rows}
        locale={{ emptyText: '尚无进度可统计：各乡（镇）提出村庄分类、组织编制后按乡镇统计' }}
        columns={[
          { title: '乡（镇）', dataIndex: 'township' },
          { title: '已分类', dataIndex: 'classified' },
          { title: '应编', dataIndex: 'listed' },
          { title: '已批准', dataIndex: 'approved' },
          { title: '编制中', dataIndex: 'compiling' },
          { title: '报批中', dataIndex: 'submitted' },
          { title: '期限临期', dataIndex: 'deadlinesSoon' },
          { title: '期限逾期', dataIndex: 'deadlinesOverdue' },
          { title: '待实施评估', dataIndex: 'evaluationsDue' },
        ]}
      />
    </>
  );
}
