import { lazy } from 'react';
import { BlockOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const LandPage = lazy(() => import('./LandPage').then((m) => ({ default: m.LandPage })));
const PublicPage = lazy(() => import('./PublicPage').then((m) => ({ default: m.PublicPage })));

/** 国有建设用地供应计划 (交政发〔2022〕2号). */
export const landWeb: WebModule = {
  name: 'land',
  group: { label: '建设用地供应', icon: <BlockOutlined />, order: 48 },
  menu: [
    { path: '/land', label: '供应计划与地块', icon: <BlockOutlined />, permission: 'land.read' },
    // 「落实供应计划的地块公布机制」: anyone reads the published parcels.
    { path: '/land/public', label: '地块公布', icon: <BlockOutlined /> },
  ],
  routes: [
    { path: '/land', page: LandPage, login: true, permission: 'land.read' },
    { path: '/land/public', page: PublicPage },
  ],
};
