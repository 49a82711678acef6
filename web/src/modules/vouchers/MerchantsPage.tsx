/**
 * 活动商户: the public list; merchants apply; 县工信局 会同 县统计局 review (each its approval), 县工信局 publishes
 * batches and suspends. Each row's buttons are the steps the server offers this reader on it (its `actions`), and
 * its step log opens under the row.
 */
import { Alert, Button, Card, Space, Tag } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { PageHeader } from '../../platform/kit';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import type { Merchant, MerchantDetail } from './contract';
import { MerchantApplyForm } from './MerchantApplyForm';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** Everything that shows merchants: a step on one reloads the lists and its detail. */
const MERCHANTS = ['vouchers', 'merchants'] as const;
const COLORS: Record<Merchant['status'], string> = { pending: 'processing', approved: 'green', rejected: 'red', suspended: 'orange' };

/** A merchant's step log, loaded when its row is opened. */
function MerchantLog({ id }: { id: number }) {
  const detail = useData<MerchantDetail>([...MERCHANTS, id], `/api/vouchers/merchants/${id}`);
  if (detail.error) return <Alert type="error" showIcon title={detail.error} />;
  return detail.data ? <StepTimeline entries={detail.data.timeline} /> : null;
}

export function MerchantsPage() {
  const { can } = useAuth();
  // The route's permission decides which list the reader may read; what they may do to a merchant comes from its actions.
  const review = can('vouchers.merchant.review');
  const list = useData<{ items: Merchant[] }>([...MERCHANTS, review], review ? '/api/vouchers/merchants' : '/api/vouchers/merchants/public');
  const { run, pending } = useRun([MERCHANTS]);
  const publish = () => run(() => send<{ batchNo: number; count: number }>('POST', '/api/vouchers/merchants/publish', {}), (r) => (r.count ? `已公布第 ${r.batchNo} 批，共 ${r.count} 家` : '没有待公布的商户'));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card>
        <PageHeader
          title={review ? '活动商户审核' : '活动商户名单'}
          extra={
            can('vouchers.manage') && (
              <Button loading={pending} onClick={() => void publish()}>
                公布已通过商户（新批次）
              </Button>
            )
          }
        />
        {list.error && <Alert type="error" showIcon title={list.error} />}
        <ResponsiveTable
          rowKey="id"
          dataSource={list.data?.items ?? []}
          loading={list.loading && !list.data}
          locale={{ emptyText: review ? '还没有商户报名：商户提交报名后在这里审核' : '尚未公布活动商户：县工信局分批公布后列在这里' }}
          scroll={{ x: 800 }}
          expandable={review ? { expandedRowRender: (m: Merchant) => <MerchantLog id={m.id} />, rowExpandable: () => true } : undefined}
          columns={[
            { title: '商户', dataIndex: 'name' },
            { title: '主体', dataIndex: 'entityTypeName' },
            { title: '类别', dataIndex: 'categoryName' },
            { title: '门店', dataIndex: 'stores', render: (s: string[]) => s.join('；') },
            { title: '批次', dataIndex: 'batchNo', render: (b: number | null, m: Merchant) => (b ? `第 ${b} 批（${m.effectiveDate} 起）` : '—') },
            ...(review
              ? [
                  { title: '状态', dataIndex: 'status', render: (s: Merchant['status'], m: Merchant) => <Tag color={COLORS[s]}>{m.statusLabel}</Tag> },
                  { title: '工信局', dataIndex: 'industryApproved', render: (b: boolean) => (b ? '✓' : '') },
                  { title: '统计局', dataIndex: 'statisticsApproved', render: (b: boolean) => (b ? '✓' : '') },
                  { title: '操作', render: (_: unknown, m: Merchant) => <StepActions actions={m.actions ?? []} invalidates={[MERCHANTS]} /> },
                ]
              : []),
          ]}
        />
      </Card>
      {can('vouchers.merchant.apply') && <MerchantApplyForm invalidates={[MERCHANTS]} />}
    </Space>
  );
}
