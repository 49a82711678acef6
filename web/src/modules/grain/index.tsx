import { lazy } from 'react';
import { GoldOutlined, LineChartOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const GrainPage = lazy(() => import('./GrainPage').then((m) => ({ default: m.GrainPage })));
const TargetsPage = lazy(() => import('./TargetsPage').then((m) => ({ default: m.TargetsPage })));

/** 粮食: 县级储备粮轮换 (交政发〔2022〕8号) and 粮食生产及耕地资源利用指标 (交政办函〔2022〕13号). */
export const grainWeb: WebModule = {
  name: 'grain',
  group: { label: '粮食', icon: <GoldOutlined />, order: 47 },
  menu: [
    { path: '/grain', label: '县级储备粮轮换', icon: <GoldOutlined />, permission: 'grain.reserve' },
    { path: '/grain-targets', label: '粮食生产指标', icon: <LineChartOutlined />, permission: 'grain.targets' },
  ],
  routes: [
    { path: '/grain', page: GrainPage, login: true, permission: 'grain.reserve' },
    { path: '/grain-targets', page: TargetsPage, login: true, permission: 'grain.targets' },
  ],
};
