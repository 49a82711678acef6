import { Alert, Progress, Space, Tag, Typography } from 'antd';
import { useData } from '../../platform/data';
import type { LandMeta, LandPlan } from './contract';
import { PlanButton } from './PlanForm';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** Hectares as text to a number for a progress bar only (the figures shown are the server's text). */
const pct = (used: string, cap: string) => (Number(cap) ? Math.min(100, Math.round((Number(used) / Number(cap)) * 1000) / 10) : 0);

/** The year's plan as the document prints it: the total and each use's cap, what parcels have taken, what is left. */
export function PlanTab() {
  const meta = useData<LandMeta>(['land', 'meta'], '/api/land/meta');
  const plan = useData<LandPlan>(['land', 'plan'], '/api/land/plan?year=2022');
  const p = plan.data;
  const share = p?.housingShare;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {p && (
        <Space wrap>
          <Typography.Text strong>{`${p.year} 年度国有建设用地供应总量 ${p.total} 公顷（${p.source}）`}</Typography.Text>
          <Tag>{`已列入地块 ${p.used} 公顷，剩余 ${p.left} 公顷`}</Tag>
          <a href="/api/land/plan.xlsx?year=2022">导出计划执行表（Excel）</a>
          {meta.data?.mayEnter && <PlanButton meta={meta.data} />}
        </Space>
      )}
      {share && meta.data && (
        <Alert
          type={share.basisPoints === null ? 'info' : share.meets ? 'success' : 'warning'}
          showIcon
          data-testid="housing-share"
          title={share.basisPoints === null ? `尚无住宅用地地块；保障性安居工程和中小套型普通商品住房用地应不低于住房用地供应总量的 ${meta.data.housingSharePercent}%` : `保障性安居工程和中小套型普通商品住房用地占住房用地 ${(share.basisPoints / 100).toFixed(2)}%（要求不低于 ${meta.data.housingSharePercent}%）${share.meets ? '' : '，低于要求'}`}
        />
      )}
      <ResponsiveTable
        size="small"
        rowKey="use"
        loading={plan.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={p?.uses ?? []}
        locale={{ emptyText: '尚无 2022 年度供应计划：县自然资源局依年度文件录入供应总量和各用途指标后显示在这里' }}
        columns={[
          { title: '用途', dataIndex: 'name' },
          { title: '计划指标（公顷）', dataIndex: 'cap', align: 'right' },
          { title: '已列入地块（公顷）', dataIndex: 'used', align: 'right' },
          { title: '剩余（公顷）', dataIndex: 'left', align: 'right' },
          { title: '执行', render: (_, u) => <Progress percent={pct(u.used, u.cap)} size="small" style={{ width: 140 }} /> },
        ]}
      />
      {meta.data && <Typography.Paragraph type="secondary">{`供应方式：${meta.data.openSaleRule}（${meta.data.source}）。`}</Typography.Paragraph>}
    </Space>
  );
}
