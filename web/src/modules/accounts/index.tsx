import { lazy } from 'react';
import { SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';
import { LoginPage } from './LoginPage';

const PasswordPage = lazy(() => import('./PasswordPage').then((m) => ({ default: m.PasswordPage })));
const UsersPage = lazy(() => import('./UsersPage').then((m) => ({ default: m.UsersPage })));

/** Accounts: login, one's password, and user management. */
export const accountsWeb: WebModule = {
  name: 'accounts',
  group: { label: '系统管理', icon: <SettingOutlined />, order: 90 },
  menu: [{ path: '/users', label: '用户管理', icon: <TeamOutlined />, permission: 'users.read' }],
  routes: [
    { path: '/login', page: LoginPage },
    { path: '/account/password', page: PasswordPage, login: true },
    { path: '/users', page: UsersPage, login: true, permission: 'users.read' },
  ],
};
