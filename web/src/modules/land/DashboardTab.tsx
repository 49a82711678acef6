import { Card, Col, Row, Statistic } from 'antd';
import { BarsChart } from '../../platform/EChart';
import { MapView } from '../../platform/MapView';
import { useData } from '../../platform/data';
import { RecordList } from '../../platform/RecordList';
import type { LandDashboard } from './contract';

const COLORS: Record<string, string> = { planned: '#8c8c8c', published: '#1677ff', noticed: '#722ed1', dealt: '#fa8c16', supplied: '#52c41a', started: '#13c2c2', completed: '#389e0d' };

/** The plan's execution, parcels by state on the map, and the 闲置 parcels (supplied, not started by the agreed date). */
export function DashboardTab() {
  const { data } = useData<LandDashboard>(['land', 'dashboard'], '/api/land/dashboard?year=2022');
  if (!data) return null;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={16}>
        <BarsChart height={220} categories={data.plan.uses.map((u) => u.name)} series={[{ name: '计划指标（公顷）', data: data.plan.uses.map((u) => Number(u.cap)) }, { name: '已列入地块（公顷）', data: data.plan.uses.map((u) => Number(u.used)), color: '#fa8c16' }]} />
        <MapView height={420} layers={data.parcels.map((p) => ({ id: p.id, geometry: p.boundary, label: `${p.code} ${p.statusLabel}${p.idle ? '（闲置）' : ''}`, color: p.idle ? '#cf1322' : COLORS[p.status] }))} />
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" title="计划执行">
          <Statistic title="已列入地块（公顷）" value={data.plan.used} suffix={`/ ${data.plan.total}`} />
        </Card>
        <Card size="small" title="地块状态" style={{ marginTop: 12 }}>
          <RecordList size="small" items={data.byStatus.filter((s) => s.count)} rowKey="status" itemRender={(s) => `${s.label}：${s.count} 宗`} emptyText="2022 年尚无地块：县自然资源局登记地块后按状态统计" />
        </Card>
        <Card size="small" title="优先保障（交政发〔2022〕2号 一、三、）" style={{ marginTop: 12 }}>
          <RecordList size="small" items={data.priorities} rowKey="code" emptyText="尚无列为优先保障的地块" itemRender={(p) => `${p.name}：${p.parcels} 宗，${p.area} 公顷`} />
        </Card>
        <Card size="small" title="闲置地块（约定开工日已过未开工）" style={{ marginTop: 12 }}>
          <RecordList size="small" data-testid="idle-parcels" items={data.idle} rowKey="id" itemRender={(p) => `${p.code} ${p.name}（约定 ${p.agreedStart} 开工）`} emptyText="没有闲置地块：已供应的地块都已开工或未到约定开工日" />
        </Card>
      </Col>
    </Row>
  );
}
