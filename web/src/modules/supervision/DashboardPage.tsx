/** 督办看板: by unit (with 考评), by document, by month of deadline, and targets against reported values. */
import { targetText } from './legend';
import { Button, Card, Col, Row, Statistic } from 'antd';
import { PageHeader, useApi } from '../../platform/kit';
import { BarsChart } from '../../platform/EChart';
import type { SupervisionDashboard } from './contract';
import { figureText } from './TargetFigures';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

function MonthChart({ months }: { months: SupervisionDashboard['byMonth'] }) {
  return (
    <BarsChart
      categories={months.map((m) => m.key)}
      series={[
        { name: '任务', data: months.map((m) => m.tasks) },
        { name: '已办结', data: months.map((m) => m.done) },
        { name: '逾期', data: months.map((m) => m.overdue), color: '#cf1322' },
      ]}
    />
  );
}

export function SupervisionDashboardPage() {
  const { data } = useApi<SupervisionDashboard>('/api/supervision/dashboard');
  const issued = useApi<{ items: { id: number; issuedOn: string; late: number }[] }>('/api/supervision/bulletins');
  return (
    <>
      <PageHeader title="督办看板" extra={<Button href="/api/supervision/bulletin" target="_blank">督查通报</Button>} />
      {data && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Statistic title="督办任务" value={data.totals.tasks} /></Col>
            <Col xs={12} md={6}><Statistic title="已办结" value={data.totals.done} /></Col>
            <Col xs={12} md={6}><Statistic title="临期" value={data.totals.dueSoon} styles={{ content: { color: '#d48806' } }} /></Col>
            <Col xs={12} md={6}><Statistic title="逾期" value={data.totals.overdue} styles={{ content: { color: '#cf1322' } }} /></Col>
          </Row>
          <Card size="small" title="按时限月份" style={{ marginBottom: 16 }}><MonthChart months={data.byMonth} /></Card>
          <Card size="small" title="按单位（考评）" style={{ marginBottom: 16 }}>
            <ResponsiveTable size="small" rowKey="unitId" pagination={false} scroll={{ x: true }} dataSource={data.byUnit} locale={{ emptyText: '还没有交办的任务：交办后按牵头单位统计办结、逾期和考评分' }} columns={[
              { title: '单位', dataIndex: 'unitName' },
              { title: '牵头任务', dataIndex: 'tasks' },
              { title: '已办结', dataIndex: 'done' },
              { title: '未签收', dataIndex: 'unsigned' },
              { title: '临期', dataIndex: 'dueSoon' },
              { title: '逾期', dataIndex: 'overdue' },
              { title: '按时办结率', dataIndex: 'onTimeRate', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
              { title: '退回', dataIndex: 'returns' },
              { title: '考评分', dataIndex: 'score' },
            ]} />
          </Card>
          <Card size="small" title="按公文" style={{ marginBottom: 16 }}>
            <ResponsiveTable size="small" rowKey="key" pagination={false} dataSource={data.byDocument} locale={{ emptyText: '还没有交办的任务：交办后按公文统计在这里' }} columns={[{ title: '文号', dataIndex: 'key' }, { title: '任务', dataIndex: 'tasks' }, { title: '已办结', dataIndex: 'done' }, { title: '逾期', dataIndex: 'overdue' }]} />
          </Card>
          <Card size="small" title="已印发的督查通报（每周一期）" style={{ marginBottom: 16 }}>
            <ResponsiveTable size="small" rowKey="id" pagination={false} dataSource={issued.data?.items ?? []} locale={{ emptyText: '还没有印发督查通报：每周一期，印发后列在这里' }} columns={[
              { title: '周（周一）', dataIndex: 'issuedOn', render: (v: string, r: { id: number }) => <a href={`/api/supervision/bulletins/${r.id}`} target="_blank" rel="noreferrer">{v}</a> },
              { title: '逾期单位数', dataIndex: 'late' },
            ]} />
          </Card>
          <Card size="small" title="量化指标：目标、系统实时数与报送值">
            <ResponsiveTable size="small" rowKey="taskId" pagination={false} dataSource={data.targets} locale={{ emptyText: '交办的任务中还没有量化指标：有目标数的任务列在这里，附系统实时数与报送值' }} columns={[
              { title: '文号', dataIndex: 'docNumber' },
              { title: '任务', dataIndex: 'heading', cardTitle: true },
              { title: '指标', render: (_: unknown, r: SupervisionDashboard['targets'][number]) => r.targets.map((g, i) => <div key={i}>{targetText(g)}</div>) },
              { title: '系统实时数', render: (_: unknown, r: SupervisionDashboard['targets'][number]) => r.targets.map((_g, i) => <div key={i}>{r.figures[i] ? `${r.figures[i].label}：${figureText(r.figures[i])}` : '—'}</div>) },
              { title: '最新报送', render: (_: unknown, r: SupervisionDashboard['targets'][number]) => r.targets.map((g, i) => <div key={i}>{r.values[i] ?? '—'}{r.values[i] != null ? g.unit : ''}</div>) },
              { title: '进度', dataIndex: 'percent', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
            ]} />
          </Card>
        </>
      )}
    </>
  );
}
