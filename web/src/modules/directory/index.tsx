import { lazy } from 'react';
import { ClusterOutlined, SettingOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const DirectoryPage = lazy(() => import('./DirectoryPage').then((m) => ({ default: m.DirectoryPage })));

/** 组织机构: townships, villages and departments. */
export const directoryWeb: WebModule = {
  name: 'directory',
  group: { label: '系统管理', icon: <SettingOutlined />, order: 90 },
  menu: [{ path: '/directory', label: '组织机构', icon: <ClusterOutlined />, permission: 'directory.read' }],
  routes: [{ path: '/directory', page: DirectoryPage, login: true, permission: 'directory.read' }],
};
