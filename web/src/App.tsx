import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Avatar, Badge, Button, Dropdown, Grid, Layout, Menu, Spin, type MenuProps } from 'antd';
import { ApiOutlined, InboxOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from './auth';
import { WEB_MODULES } from './modules';
import type { Permission, WebModule } from './platform/module';
import { useApi } from './platform/kit';
import { WorkbenchPage } from './platform/WorkbenchPage';

const { Sider, Content, Header } = Layout;

/** Pages that need a login (and a permission) send people to the login page and back. */
function Guard({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { user, loading, can } = useAuth();
  const loc = useLocation();
  if (loading) return <Spin />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (user.mustChangePassword && loc.pathname !== '/account/password') return <Navigate to="/account/password" replace />;
  if (permission && !can(permission)) return <div>您的角色无权访问此页面。</div>;
  return <>{children}</>;
}

/** The page a user starts from: the first module landing whose permission they hold, else the workbench. */
function Landing() {
  const { user, loading, can } = useAuth();
  if (loading) return <Spin />;
  if (!user) return <Navigate to="/" replace />;
  const to = WEB_MODULES.flatMap((m) => (m.landings ?? []).filter((l) => can(l.permission))).sort((a, b) => a.order - b.order)[0]?.path ?? '/workbench';
  return <Navigate to={to} replace />;
}

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The menu: one group per programme, each entry only for roles that may use it, groups with nothing left dropped. */
function menuOf(modules: readonly WebModule[], can: (p: Permission) => boolean): { items: MenuItem[]; groupOf: Map<string, string> } {
  const groups = new Map<string, { order: number; icon: ReactNode; children: MenuItem[] }>();
  const groupOf = new Map<string, string>();
  for (const m of modules) {
    const g = groups.get(m.group.label) ?? { order: m.group.order, icon: m.group.icon, children: [] };
    for (const e of m.menu) {
      if (e.permission && !can(e.permission)) continue;
      g.children.push({ key: e.path, icon: e.icon, label: e.href ? <a href={e.href}>{e.label}</a> : <Link to={e.path}>{e.label}</Link> });
      groupOf.set(e.path, m.group.label);
    }
    groups.set(m.group.label, g);
  }
  const items = [...groups.entries()]
    .filter(([, g]) => g.children.length)
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([label, g]): MenuItem => ({ key: `group:${label}`, icon: g.icon, label, children: g.children }));
  return { items, groupOf };
}

export function App() {
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const loc = useLocation();
  const nav = useNavigate();
  const { user, can, logout } = useAuth();
  const workbench = useApi<{ total: number }>(user ? `/api/workbench?for=${user.id}` : null);
  const selected = '/' + (loc.pathname.split('/')[1] ?? '');
  const { items: groups, groupOf } = useMemo(() => menuOf(WEB_MODULES, can), [can]);
  const [open, setOpen] = useState<string[]>(() => [`group:${groupOf.get(selected) ?? '公文'}`]);
  // The group of the page one is on stays open, however one got there.
  const current = groupOf.get(selected);
  useEffect(() => {
    if (current) setOpen((o) => (o.includes(`group:${current}`) ? o : [...o, `group:${current}`]));
  }, [current]);
  const items: MenuItem[] = [
    ...(user
      ? [{ key: '/workbench', icon: <InboxOutlined />, label: <Link to="/workbench">我的待办 <Badge count={workbench.data?.total ?? 0} size="small" offset={[6, -2]} /></Link> }]
      : []),
    ...groups,
    // The API reference is for the administrators who connect other systems, not for every user's menu.
    ...(can('apidocs') ? [{ key: '/docs', icon: <ApiOutlined />, label: <a href="/docs">接口文档</a> }] : []),
  ];
  const account = user ? (
    <Dropdown
      menu={{
        items: [
          { key: 'who', label: `${user.displayName}（${user.roleLabel}${user.unitName ? ` · ${user.unitName}` : ''}）`, disabled: true },
          { key: 'password', label: <Link to="/account/password">修改密码</Link> },
          { key: 'logout', label: '退出登录', onClick: () => void logout().then(() => nav('/')) },
        ],
      }}
    >
      <Button type="text" style={{ color: mobile ? '#fff' : undefined }} data-testid="account-menu">
        <Avatar size="small" icon={<UserOutlined />} /> {mobile ? '' : user.displayName}
      </Button>
    </Dropdown>
  ) : (
    <Button type={mobile ? 'primary' : 'default'} onClick={() => nav(`/login?next=${encodeURIComponent(loc.pathname)}`)}>
      登录
    </Button>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* For keyboard and screen-reader users: past the menu to the page itself. */}
      <a className="skip-link" href="#main-content">
        跳到正文
      </a>
      {mobile ? (
        <Header style={{ padding: '0 8px', display: 'flex', alignItems: 'center' }}>
          <div className="brand" style={{ padding: '0 8px 0 0' }}>县务通</div>
          <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items.filter((i) => i?.key !== '/docs')} style={{ flex: 1, minWidth: 0 }} />
          {account}
        </Header>
      ) : (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={200}>
          <div className="brand">{collapsed ? '县务通' : '县务通 · 交城县'}</div>
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} openKeys={collapsed ? undefined : open} onOpenChange={setOpen} items={items} />
        </Sider>
      )}
      <Layout>
        {!mobile && (
          <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', height: 48 }}>{account}</Header>
        )}
        <Content id="main-content" tabIndex={-1} role="main" style={{ padding: mobile ? 8 : 24, outline: 'none' }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '20vh auto' }} />}>
            <Routes>
              <Route path="/workbench" element={<Guard><WorkbenchPage /></Guard>} />
              <Route path="/start" element={<Landing />} />
              {WEB_MODULES.flatMap((m) =>
                m.routes.map((r) => (
                  <Route key={r.path} path={r.path} element={r.login || r.permission ? <Guard permission={r.permission}><r.page /></Guard> : <r.page />} />
                )),
              )}
              <Route path="*" element={<div>页面不存在</div>} />
            </Routes>
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
