import { lazy } from 'react';
import { HomeOutlined, MobileOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const ToiletsPage = lazy(() => import('./ToiletsPage').then((m) => ({ default: m.ToiletsPage })));
const MyToiletPage = lazy(() => import('./MyToiletPage').then((m) => ({ default: m.MyToiletPage })));

/** 农村改厕 (交政办发〔2022〕10号). */
export const toiletsWeb: WebModule = {
  name: 'toilets',
  group: { label: '农村改厕', icon: <HomeOutlined />, order: 45 },
  menu: [
    { path: '/toilets', label: '改厕项目', icon: <HomeOutlined />, permission: 'toilets.ledger' },
    { path: '/my-toilet', label: '我家的改厕', icon: <MobileOutlined />, permission: 'toilets.household' },
  ],
  routes: [
    { path: '/toilets', page: ToiletsPage, login: true, permission: 'toilets.ledger' },
    { path: '/my-toilet', page: MyToiletPage, login: true, permission: 'toilets.read' },
  ],
};
