import { lazy } from 'react';
import { AuditOutlined, SettingOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })));

/** 审计日志: the hash-chained record of every write. */
export const auditWeb: WebModule = {
  name: 'audit',
  group: { label: '系统管理', icon: <SettingOutlined />, order: 90 },
  menu: [{ path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' }],
  routes: [{ path: '/audit', page: AuditPage, login: true, permission: 'audit.read' }],
};
