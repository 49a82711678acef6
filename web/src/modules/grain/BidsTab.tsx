/** 竞价与贷款: every order's public bid, and the 农发行's loans and repayments, each ledger in Excel. */
import { Space, Typography } from 'antd';
import { useData } from '../../platform/data';
import { formatMoney } from '../../platform/kit';
import { useAuth } from '../../auth';
import type { GrainFinance, GrainOrder } from './contract';
import { KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function BidsTab() {
  const { can } = useAuth();
  const bids = useData<{ items: GrainOrder[] }>(KEYS.bids, '/api/grain/bids').data?.items ?? [];
  // A 承储企业 reads its own bids; the loans are the county bodies' (staff; the server answers 403 otherwise).
  const staff = can('grain.targets');
  const finance = useData<{ items: GrainFinance[] }>([...KEYS.bids, 'finance'], staff ? '/api/grain/finance' : null).data?.items ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>竞价台账 <a style={{ fontSize: 14 }} href="/api/grain/bids.xlsx">导出（Excel）</a></Typography.Title>
      <ResponsiveTable size="small" rowKey="id" scroll={{ x: true }} dataSource={bids} locale={{ emptyText: '尚无竞价：承储企业在轮换中登记公开竞价的订单后显示在这里' }} columns={[
        { title: '轮换', dataIndex: 'rotationId' },
        { title: '方向', dataIndex: 'directionLabel' },
        { title: '数量（万斤）', dataIndex: 'quantityWanJin' },
        { title: '竞价场所', dataIndex: 'channel' },
        { title: '日期', dataIndex: 'bidDate' },
        { title: '参与单位', dataIndex: 'bidderCount' },
        { title: '成交单位', dataIndex: 'winner' },
        { title: '成交价（元/吨）', dataIndex: 'priceFen', render: (v: number) => formatMoney(v) },
        { title: '结果文件', dataIndex: 'resultDoc' },
      ]} />
      {staff && (
        <>
          <Typography.Title level={5}>贷款与回笼 <a style={{ fontSize: 14 }} href="/api/grain/finance.xlsx">导出（Excel）</a></Typography.Title>
          <ResponsiveTable size="small" rowKey="id" dataSource={finance} locale={{ emptyText: '尚无贷款与回笼：县农发行在各轮换中登记轮入贷款、销售款回笼后显示在这里' }} columns={[
            { title: '轮换', dataIndex: 'rotationId' },
            { title: '品种', dataIndex: 'grain' },
            { title: '类别', dataIndex: 'kindLabel' },
            { title: '金额（元）', dataIndex: 'amountFen', render: (v: number) => formatMoney(v) },
            { title: '日期', dataIndex: 'date' },
            { title: '凭证', dataIndex: 'reference' },
          ]} />
        </>
      )}
    </Space>
  );
}
