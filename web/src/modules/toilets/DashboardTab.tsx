/** 看板: quotas and progress by township, money due and paid, each village's coverage. */
import { Space, Tag, Typography } from 'antd';
import { StatTable } from '../../platform/StatTable';
import { useData } from '../../platform/data';
import { WHOLE_VILLAGE_PERCENT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { ToiletsTotals } from './contract';
import { TOILETS } from './HouseholdPanel';
import { pct } from './SurveyTab';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Coverage = ToiletsTotals['villages'][number];
type Township = ToiletsTotals['townships'][number];

export function DashboardTab() {
  const d = useData<ToiletsTotals>([...TOILETS, 'dashboard'], '/api/toilets/dashboard');
  const t = d.data?.townships ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {d.data && <Typography.Text>全县 2022 年改厕计划 {d.data.plan} 座（各乡镇指标与进度见下）</Typography.Text>}
      <StatTable<Township>
        rows={t}
        rowKey="townshipId"
        category="township"
        total
        chart={{}}
        emptyText="还没有乡镇改厕指标：各乡镇的指标下达后，指标与进度列在这里"
        columns={[
          { key: 'township', title: '乡镇' },
          { key: 'quota', title: '指标', kind: 'count', chart: true },
          { key: 'surveyed', title: '摸底', kind: 'count', chart: true },
          { key: 'selected', title: '确定', kind: 'count' },
          { key: 'agreed', title: '协议', kind: 'count', chart: true },
          { key: 'started', title: '开工', kind: 'count', chart: true },
          { key: 'completed', title: '完工', kind: 'count', chart: true },
          { key: 'accepted', title: '验收', kind: 'count', chart: true },
          { key: 'dueFen', title: '应拨（元）', kind: 'money' },
          { key: 'paidFen', title: '已拨（元）', kind: 'money' },
        ]}
      />
      <Typography.Text strong>各村卫生厕所普及率（达到 {d.data?.threshold ?? WHOLE_VILLAGE_PERCENT}% 的村可获中央奖补：{d.data?.reached ?? 0} 个）</Typography.Text>
      <ResponsiveTable size="small" rowKey="villageId" scroll={{ x: true }} dataSource={d.data?.villages ?? []} locale={{ emptyText: '还没有摸底登记的村：村委会摸底登记后，各村普及率列在这里' }} columns={[
        { title: '乡镇', dataIndex: 'township' },
        { title: '村', dataIndex: 'village', cardTitle: true },
        { title: '摸底户数', dataIndex: 'households' },
        { title: '普及率', dataIndex: 'ratePermille', render: (v: number, x: Coverage) => <Tag color={x.reached ? 'green' : 'default'}>{pct(v)}{x.reached ? ` 达 ${WHOLE_VILLAGE_PERCENT}%` : ''}</Tag> },
        { title: '可达', dataIndex: 'reachablePermille', render: pct },
      ]} />
    </Space>
  );
}
