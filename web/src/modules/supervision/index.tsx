import { lazy } from 'react';
import { CheckSquareOutlined, DashboardOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const TasksPage = lazy(() => import('./TasksPage').then((m) => ({ default: m.TasksPage })));
const DocumentTasks = lazy(() => import('./DocumentTasks').then((m) => ({ default: m.DocumentTasks })));
const SupervisionDashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.SupervisionDashboardPage })));

/** 督查督办: tasks the gazette assigns, tracked to completion. */
export const supervisionWeb: WebModule = {
  name: 'supervision',
  group: { label: '督查督办', icon: <CheckSquareOutlined />, order: 15 },
  menu: [
    { path: '/supervision', label: '督办任务', icon: <CheckSquareOutlined />, permission: 'supervision.read' },
    { path: '/supervision/dashboard', label: '督办看板', icon: <DashboardOutlined />, permission: 'supervision.read' },
  ],
  routes: [
    { path: '/supervision', page: TasksPage, login: true, permission: 'supervision.read' },
    { path: '/supervision/dashboard', page: SupervisionDashboardPage, login: true, permission: 'supervision.read' },
  ],
  documentPanels: [DocumentTasks],
};
