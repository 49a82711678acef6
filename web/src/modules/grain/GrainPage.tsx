/**
 * 县级储备粮轮换 (交政发〔2022〕8号): the reserve's lots, the rotations with their steps (from `actions`), orders and bids,
 * receipts, the bank's records, and the dashboard. The server decides who may do what. One file per tab.
 */
import { Alert, Spin, Tabs } from 'antd';
import { useData } from '../../platform/data';
import { PageHeader } from '../../platform/kit';
import { RESERVE_SOURCE } from '../../../../server/src/modules/grain/grain.rules.js';
import { BidsTab } from './BidsTab';
import { DashboardTab } from './DashboardTab';
import { LotsTab } from './LotsTab';
import { RotationsTab } from './RotationsTab';

export function GrainPage() {
  const tab = new URLSearchParams(window.location.search).get('tab') ?? 'dashboard';
  const access = useData<{ reserve: boolean }>(['grain', 'access'], '/api/grain/access').data;
  if (!access) return <Spin />;
  if (!access.reserve) return <Alert type="info" showIcon title="县级储备粮台账由县粮食和物资储备中心、县发展和改革局、县财政局、县农发行及承储企业查看" />;
  return (
    <>
      <PageHeader title="县级储备粮轮换">
        依据《关于对县级储备粮实施轮换工作的通知》（{RESERVE_SOURCE}）：粮储中心轮换申请 → 县发展和改革局审批 → 承储企业经公开竞价轮出、轮入 → 入库验收（中等以上）→ 县财政局成本审核（补贴与差价亏损）→ 拨付结清；县农发行登记贷款与销售款回笼。
      </PageHeader>
      <Tabs
        defaultActiveKey={tab}
        items={[
          { key: 'dashboard', label: '看板', children: <DashboardTab /> },
          { key: 'lots', label: '货位', children: <LotsTab /> },
          { key: 'rotations', label: '轮换', children: <RotationsTab /> },
          { key: 'bids', label: '竞价与贷款', children: <BidsTab /> },
        ]}
      />
    </>
  );
}
