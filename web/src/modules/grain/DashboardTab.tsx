/** 看板: the reserve's scale and stock by grain, the year's share, rotations by state, 轮空期 risks, subsidy and loss. */
import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { BarsChart } from '../../platform/EChart';
import { useData } from '../../platform/data';
import { formatMoney } from '../../platform/kit';
import type { GrainDashboard } from './contract';
import { KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function DashboardTab() {
  const d = useData<GrainDashboard>(KEYS.dashboard, '/api/grain/dashboard?year=2022').data;
  if (!d) return null;
  const r = d.reserve;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {r.shareProblem && <Alert type="warning" showIcon title={r.shareProblem} />}
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={[
        { key: 'scale', label: '储备规模（办公室录入）', children: r.scale ? `${r.scale.scaleWanJin} 万斤（${r.scale.establishedYear} 年建立；${r.scale.source}）` : '未录入' },
        { key: 'counted', label: '在储计入规模（不含不宜存）', children: `${r.countedWanJin} 万斤` },
        { key: 'plan', label: '2022 年轮换计划', children: r.plan2022.map((p) => `${p.grain} ${p.wanJin} 万斤`).join('、') },
        { key: 'planned', label: `${d.year} 年已申请轮换`, children: `${r.plannedWanJin} 万斤${r.sharePercent ? `（占储备总量 ${r.sharePercent}%）` : ''}` },
        { key: 'subsidy', label: '轮换费用补贴（元）', children: formatMoney(d.subsidyFen) },
        { key: 'loss', label: '差价亏损弥补（元）', children: formatMoney(d.lossFen) },
      ]} />
      <Card size="small" title="各品种库存（万斤）">
        <BarsChart categories={d.byGrain.map((g) => g.grain)} series={[
          { name: '在储计入', data: d.byGrain.map((g) => Number(g.countedWanJin)) },
          { name: '不宜存', data: d.byGrain.map((g) => Number(g.unfitWanJin)), color: '#faad14' },
          { name: '已轮出待补库', data: d.byGrain.map((g) => Number(g.soldWanJin)), color: '#ff4d4f' },
        ]} />
      </Card>
      <Card size="small" title="轮换进度与轮空期风险">
        <BarsChart categories={d.states.map((s) => s.label)} series={[{ name: '轮换', data: d.states.map((s) => s.count) }]} height={220} />
        <ResponsiveTable size="small" pagination={false} rowKey="risk" dataSource={d.risks} locale={{ emptyText: '没有轮出后待补库的货位，暂无轮空期风险' }} columns={[
          { title: '轮空期风险（未补库货位）', dataIndex: 'risk', render: (v: string) => <Tag color={v === '高风险' ? 'red' : v === '关注' ? 'orange' : 'green'}>{v}</Tag> },
          { title: '货位数', dataIndex: 'count' },
        ]} />
      </Card>
    </Space>
  );
}
