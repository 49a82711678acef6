/** 看板: quotas and progress by township, money due and paid, each village's coverage. */
import { Space, Table, Tag, Typography } from 'antd';
import { formatMoney } from '../../platform/kit';
import { BarsChart } from '../../platform/EChart';
import { useData } from '../../platform/data';
import { WHOLE_VILLAGE_PERCENT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { ToiletsTotals } from './contract';
import { TOILETS } from './HouseholdPanel';
import { pct } from './SurveyTab';

type Coverage = ToiletsTotals['villages'][number];

export function DashboardTab() {
  const d = useData<ToiletsTotals>([...TOILETS, 'dashboard'], '/api/toilets/dashboard');
  const t = d.data?.townships ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d.data && <Typography.Text>全县 2022 年改厕计划 {d.data.plan} 座（各乡镇指标与进度见下）</Typography.Text>}
      <BarsChart categories={t.map((x) => x.township)} series={[
        { name: '指标', data: t.map((x) => x.quota) },
        { name: '摸底', data: t.map((x) => x.surveyed) },
        { name: '协议', data: t.map((x) => x.agreed) },
        { name: '开工', data: t.map((x) => x.started) },
        { name: '完工', data: t.map((x) => x.completed) },
        { name: '验收', data: t.map((x) => x.accepted) },
      ]} />
      <Table size="small" rowKey="townshipId" pagination={false} scroll={{ x: true }} dataSource={t} columns={[
        { title: '乡镇', dataIndex: 'township' },
        { title: '指标', dataIndex: 'quota' },
        { title: '摸底', dataIndex: 'surveyed' },
        { title: '确定', dataIndex: 'selected' },
        { title: '协议', dataIndex: 'agreed' },
        { title: '开工', dataIndex: 'started' },
        { title: '完工', dataIndex: 'completed' },
        { title: '验收', dataIndex: 'accepted' },
        { title: '应拨（元）', dataIndex: 'dueFen', render: formatMoney },
        { title: '已拨（元）', dataIndex: 'paidFen', render: formatMoney },
      ]} />
      <Typography.Text strong>各村卫生厕所普及率（达到 {d.data?.threshold ?? WHOLE_VILLAGE_PERCENT}% 的村可获中央奖补：{d.data?.reached ?? 0} 个）</Typography.Text>
      <Table size="small" rowKey="villageId" scroll={{ x: true }} dataSource={d.data?.villages ?? []} columns={[
        { title: '乡镇', dataIndex: 'township' },
        { title: '村', dataIndex: 'village' },
        { title: '摸底户数', dataIndex: 'households' },
        { title: '普及率', dataIndex: 'ratePermille', render: (v: number, x: Coverage) => <Tag color={x.reached ? 'green' : 'default'}>{pct(v)}{x.reached ? ` 达 ${WHOLE_VILLAGE_PERCENT}%` : ''}</Tag> },
        { title: '可达', dataIndex: 'reachablePermille', render: pct },
      ]} />
    </Space>
  );
}
