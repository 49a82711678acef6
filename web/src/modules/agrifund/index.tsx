import { lazy } from 'react';
import { FundOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const AgrifundPage = lazy(() => import('./AgrifundPage').then((m) => ({ default: m.AgrifundPage })));

/** 涉农资金统筹整合 (交政办发〔2022〕8号). */
export const agrifundWeb: WebModule = {
  name: 'agrifund',
  group: { label: '涉农资金', icon: <FundOutlined />, order: 48 },
  menu: [{ path: '/agrifund', label: '涉农资金统筹整合', icon: <FundOutlined />, permission: 'agrifund.read' }],
  routes: [{ path: '/agrifund', page: AgrifundPage, login: true, permission: 'agrifund.read' }],
};
