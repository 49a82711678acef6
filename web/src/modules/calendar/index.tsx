import { lazy } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const CalendarPage = lazy(() => import('./CalendarPage').then((m) => ({ default: m.CalendarPage })));

/** 工作日历: working days and holidays, and the period calculator notices and deadlines use. */
export const calendarWeb: WebModule = {
  name: 'calendar',
  group: { label: '公示', icon: <CalendarOutlined />, order: 20 },
  menu: [{ path: '/calendar', label: '工作日历', icon: <CalendarOutlined /> }],
  routes: [{ path: '/calendar', page: CalendarPage }],
};
