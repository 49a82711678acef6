import { lazy } from 'react';
import { NotificationOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const NoticesPage = lazy(() => import('./NoticesPage').then((m) => ({ default: m.NoticesPage })));
const NoticePage = lazy(() => import('./NoticePage').then((m) => ({ default: m.NoticePage })));

/** 公示: public notices anyone reads and may object to. */
export const noticesWeb: WebModule = {
  name: 'notices',
  group: { label: '公示', icon: <NotificationOutlined />, order: 20 },
  menu: [{ path: '/notices', label: '公示公告', icon: <NotificationOutlined /> }],
  routes: [
    { path: '/notices', page: NoticesPage },
    { path: '/notices/:id', page: NoticePage },
  ],
};
