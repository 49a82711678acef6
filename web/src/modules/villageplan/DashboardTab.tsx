import { Table } from 'antd';
import { useData } from '../../platform/data';
import type { PlanDashboard } from './contract';

type Row = PlanDashboard['townships'][number];

/** Progress by township towards 「2024 年底…应编尽编」. */
export function DashboardTab() {
  const { data, loading } = useData<PlanDashboard>(['villageplan', 'dashboard'], '/api/villageplan/dashboard');
  return (
    <Table<Row>
        scroll={{ x: 'max-content' }}
      rowKey="townshipId"
      size="small"
      loading={loading}
      title={() => `目标：${data?.target ?? ''} 前有条件、有需求的村庄应编尽编`}
      dataSource={data?.townships ?? []}
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
  );
}
