/** 目标与进度: each indicator's targets against the townships' latest reports (指导性计划), as a chart and a table. */
import { Card, Empty, Space } from 'antd';
import { BarsChart } from '../../platform/EChart';
import { useData } from '../../platform/data';
import type { GrainComparison } from './contract';
import { KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Row = GrainComparison[number]['byTownship'][number];

export function ComparisonTab() {
  const c = useData<GrainComparison>([...KEYS.targets, 'comparison'], '/api/grain/targets/comparison?year=2022').data ?? [];
  if (!c.length) return <Empty description="尚无指标类型与指标任务（由县农业农村局依网络版附件录入或导入）" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {c.map((i) => (
        <Card key={i.indicatorId} size="small" title={`${i.indicator}（${i.unit}）：目标 ${i.target}，已填报 ${i.reported}`}>
          <BarsChart categories={i.byTownship.map((t) => t.township)} series={[
            { name: '目标（指导性）', data: i.byTownship.map((t) => Number(t.target ?? 0)) },
            { name: '填报', data: i.byTownship.map((t) => Number(t.reported ?? 0)), color: '#52c41a' },
          ]} height={240} />
          <ResponsiveTable<Row> size="small" rowKey="townshipId" pagination={false} dataSource={i.byTownship} locale={{ emptyText: '该指标尚未下达到乡（镇）' }} columns={[
            { title: '乡（镇）', dataIndex: 'township' },
            { title: '目标', dataIndex: 'target', render: (v: string | null) => v ?? '未下达' },
            { title: '填报', dataIndex: 'reported', render: (v: string | null) => v ?? '未填报' },
            { title: '时段', dataIndex: 'season', render: (v: string | null) => v ?? '—' },
          ]} />
        </Card>
      ))}
    </Space>
  );
}
