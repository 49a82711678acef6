import { lazy } from 'react';
import { AppstoreOutlined, MobileOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const TrusteeshipPage = lazy(() => import('./TrusteeshipPage').then((m) => ({ default: m.TrusteeshipPage })));
const FarmerPage = lazy(() => import('./FarmerPage').then((m) => ({ default: m.FarmerPage })));

/** 农业生产托管 (交政办发〔2022〕16号). */
export const trusteeshipWeb: WebModule = {
  name: 'trusteeship',
  group: { label: '农业生产托管', icon: <AppstoreOutlined />, order: 40 },
  menu: [
    { path: '/trusteeship', label: '托管服务', icon: <AppstoreOutlined />, permission: 'trusteeship.ledger' },
    { path: '/my-trusteeship', label: '我的托管（农户）', icon: <MobileOutlined />, permission: 'trusteeship.farmer' },
  ],
  // An organisation starts from its contracts and works.
  landings: [{ path: '/trusteeship', permission: 'trusteeship.apply', order: 30 }],
  routes: [
    { path: '/trusteeship', page: TrusteeshipPage, login: true, permission: 'trusteeship.ledger' },
    { path: '/my-trusteeship', page: FarmerPage, login: true, permission: 'trusteeship.read' },
  ],
};
