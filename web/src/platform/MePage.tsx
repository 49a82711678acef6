/**
 * 我的: a phone user's own page — who they are, the programmes' entries they may use one tap away, their account.
 * Residents start here (the bottom bar's 领券 and 我的券 beside it).
 */
import { Link, useNavigate } from 'react-router';
import { Avatar, Button, Card, Space, Typography } from 'antd';
import { LockOutlined, LogoutOutlined, RightOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { WEB_MODULES } from '../modules';

export function MePage() {
  const { user, can, logout } = useAuth();
  const nav = useNavigate();
  if (!user) return null;
  const tabs = WEB_MODULES.flatMap((m) => m.phoneTabs ?? []).filter((t) => can(t.permission)).sort((a, b) => a.order - b.order);
  // The bottom bar's own tabs (首页 and the modules') are not listed again.
  const tabPaths = new Set(['/', ...tabs.map((t) => t.path)]);
  // Every page of the menu the user may open, by programme (modules may share a group), in the menu's order.
  const byGroup = new Map<string, { order: number; entries: (typeof WEB_MODULES)[number]['menu'] }>();
  for (const m of WEB_MODULES) {
    const g = byGroup.get(m.group.label) ?? { order: m.group.order, entries: [] };
    g.entries.push(...m.menu.filter((e) => !e.href && !tabPaths.has(e.path) && (!e.permission || can(e.permission))));
    byGroup.set(m.group.label, g);
  }
  const groups = [...byGroup.entries()].map(([label, g]) => ({ label, ...g })).filter((g) => g.entries.length).sort((a, b) => a.order - b.order);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="me-page">
      <Card size="small">
        <Space>
          <Avatar size={48} icon={<UserOutlined />} />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {user.displayName}
            </Typography.Title>
            <Typography.Text type="secondary">
              {user.roleLabel}
              {user.unitName ? ` · ${user.unitName}` : ''}
            </Typography.Text>
          </div>
        </Space>
      </Card>
      {tabs.length > 0 && (
        <Card size="small" title="常用">
          <Space wrap>
            {tabs.map((t) => (
              <Button key={t.path} type="primary" size="large" icon={t.icon} onClick={() => nav(t.path)}>
                {t.label}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      {groups.map((g) => (
        <Card key={g.label} size="small" title={g.label} styles={{ body: { padding: 0 } }}>
          {g.entries.map((e) => (
            <Link key={e.path} to={e.path} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '12px 16px', borderTop: '1px solid #f0f0f0', color: 'inherit' }}>
              {e.icon}
              <span style={{ flex: 1 }}>{e.label}</span>
              <RightOutlined style={{ color: '#bbb' }} />
            </Link>
          ))}
        </Card>
      ))}
      <Card size="small" styles={{ body: { display: 'flex', gap: 8 } }}>
        <Button icon={<LockOutlined />} onClick={() => nav('/account/password')}>
          修改密码
        </Button>
        <Button danger icon={<LogoutOutlined />} onClick={() => void logout().then(() => nav('/'))}>
          退出登录
        </Button>
      </Card>
    </Space>
  );
}
