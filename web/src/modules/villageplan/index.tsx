import { lazy } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const VillageplanPage = lazy(() => import('./VillageplanPage').then((m) => ({ default: m.VillageplanPage })));

/** 村庄规划编制 (交政发〔2022〕3号). */
export const villageplanWeb: WebModule = {
  name: 'villageplan',
  group: { label: '村庄规划', icon: <EnvironmentOutlined />, order: 47 },
  menu: [{ path: '/villageplan', label: '村庄规划', icon: <EnvironmentOutlined />, permission: 'villageplan.read' }],
  routes: [{ path: '/villageplan', page: VillageplanPage, login: true, permission: 'villageplan.read' }],
};
