/** 看板: area and subsidy by crop, stage, township and organisation; the acceptances' progress. */
import { Card, Space } from 'antd';
import { useData } from '../../platform/data';
import { BarsChart } from '../../platform/EChart';
import { formatMoney } from '../../platform/kit';
import type { TrusteeshipTotals } from './contract';
import { KEYS, SEASON } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** Accepted area and subsidy paid by stage. */
function StageChart({ rows }: { rows: TrusteeshipTotals['byStage'] }) {
  return (
    <BarsChart
      axes={['亩', '元']}
      categories={rows.map((r) => r.label.replace('作业', ''))}
      series={[
        { name: '作业面积（亩）', data: rows.map((r) => Number(r.areaMu)) },
        { name: '县验面积（亩）', data: rows.map((r) => Number(r.acceptedMu)) },
        { name: '已拨补助（元）', data: rows.map((r) => r.paidFen / 100), right: true },
      ]}
    />
  );
}

export function DashboardTab() {
  const d = useData<TrusteeshipTotals>([...KEYS.all, 'dashboard'], `/api/trusteeship/dashboard?season=${SEASON}`);
  const cols = [
    { title: '项目', dataIndex: 'label' },
    { title: '作业单', dataIndex: 'works' },
    { title: '作业面积（亩）', dataIndex: 'areaMu' },
    { title: '县验面积（亩）', dataIndex: 'acceptedMu' },
    { title: '农户确认', dataIndex: 'confirmed' },
    { title: '乡镇初验', dataIndex: 'township' },
    { title: '县级验收', dataIndex: 'county' },
    { title: '已拨补助（元）', dataIndex: 'paidFen', render: formatMoney },
  ];
  if (!d.data) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title="按环节：面积与补助"><StageChart rows={d.data.byStage} /></Card>
      {(['byCrop', 'byStage', 'byTownship', 'byOrg'] as const).map((k) => (
        <Card key={k} size="small" title={{ byCrop: '按作物', byStage: '按环节', byTownship: '按乡镇', byOrg: '按服务组织' }[k]}>
          <ResponsiveTable size="small" rowKey="key" pagination={false} dataSource={d.data![k]} columns={cols} locale={{ emptyText: '本季尚无作业：服务组织登记作业、农户确认后按此统计' }} />
        </Card>
      ))}
    </Space>
  );
}
