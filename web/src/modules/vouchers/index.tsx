import { lazy } from 'react';
import { BarChartOutlined, GiftOutlined, ScanOutlined, ShopOutlined, WalletOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const ResidentPage = lazy(() => import('./ResidentPage').then((m) => ({ default: m.ResidentPage })));
const MyVouchersPage = lazy(() => import('./ResidentPage').then((m) => ({ default: m.MyVouchersPage })));
const CashierPage = lazy(() => import('./CashierPage').then((m) => ({ default: m.CashierPage })));
const MerchantsPage = lazy(() => import('./MerchantsPage').then((m) => ({ default: m.MerchantsPage })));
const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));

/** 消费券 (交政办发〔2022〕13号): residents, cashiers, merchants and the office. */
export const vouchersWeb: WebModule = {
  name: 'vouchers',
  group: { label: '消费券', icon: <GiftOutlined />, order: 30 },
  menu: [
    { path: '/vouchers', label: '领券', icon: <GiftOutlined />, permission: 'vouchers.claim' },
    { path: '/merchants', label: '活动商户', icon: <ShopOutlined /> },
    { path: '/cashier', label: '收银核销', icon: <ScanOutlined />, permission: 'vouchers.redeem' },
    { path: '/voucher-dashboard', label: '消费券看板', icon: <BarChartOutlined />, permission: 'vouchers.report.read' },
  ],
  // Residents start on 我的, 领券 one tap away on the bottom bar; a merchant's staff at the till.
  landings: [
    { path: '/me', permission: 'vouchers.claim', order: 10 },
    { path: '/cashier', permission: 'vouchers.redeem', order: 20 },
  ],
  phoneTabs: [
    { path: '/vouchers', label: '领券', icon: <GiftOutlined />, permission: 'vouchers.claim', order: 10 },
    { path: '/vouchers/mine', label: '我的券', icon: <WalletOutlined />, permission: 'vouchers.claim', order: 20 },
  ],
  routes: [
    { path: '/vouchers', page: ResidentPage },
    { path: '/vouchers/mine', page: MyVouchersPage, login: true, permission: 'vouchers.claim' },
    { path: '/merchants', page: MerchantsPage },
    { path: '/cashier', page: CashierPage, login: true, permission: 'vouchers.redeem' },
    { path: '/voucher-dashboard', page: DashboardPage, login: true, permission: 'vouchers.report.read' },
  ],
};
