import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Avatar, Badge, Button, Dropdown, Grid, Layout, Menu, Spin, Tag, Tooltip, type MenuProps } from 'antd';
import { ApiOutlined, ClockCircleOutlined, HomeOutlined, InboxOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from './auth';
import { WEB_MODULES } from './modules';
import type { Permission, WebModule } from './platform/module';
import { useApi } from './platform/kit';
import { WorkbenchPage } from './platform/WorkbenchPage';
import { MePage } from './platform/MePage';
import { appNow, setDemoNow } from './platform/clock';
import { chinaMinute } from './platform/time';

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

/** 「演示时间」 in the header of a demo install, running on from the server's demo clock; nothing on a real install. */
function DemoTime({ compact }: { compact: boolean }) {
  const health = useApi<{ demoNow?: string }>('/api/health');
  const demoNow = health.data?.demoNow;
  const [, tick] = useState(0);
  useEffect(() => {
    if (!demoNow) return;
    setDemoNow(demoNow);
    const t = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, [demoNow]);
  if (!demoNow) return null;
  const at = chinaMinute(new Date(appNow()).toISOString());
  return (
    <Tooltip title="演示环境：各业务按 2022 年的演示时间运行，数据均为演示数据">
      <Tag color="orange" icon={<ClockCircleOutlined />} data-testid="demo-time" style={{ marginInlineEnd: 8 }}>
        {compact ? `演示 ${at.slice(5)}` : `演示时间 ${at}`}
      </Tag>
    </Tooltip>
  );
}

/** The phone's bottom bar for users a module gives tabs to (residents): 首页, the modules' tabs, 我的. */
function PhoneTabs({ tabs }: { tabs: { path: string; label: string; icon: ReactNode }[] }) {
  const loc = useLocation();
  const nav = useNavigate();
  // The longest tab path the page is under is the one lit (我的券 under 领券's path).
  const lit = [...tabs].filter((t) => (t.path === '/' ? loc.pathname === '/' : loc.pathname === t.path || loc.pathname.startsWith(`${t.path}/`))).sort((a, b) => b.path.length - a.path.length)[0]?.path;
  return (
    <nav className="phone-tabs" aria-label="底部导航" data-testid="phone-tabs">
      {tabs.map((t) => (
        <button key={t.path} type="button" className={t.path === lit ? 'active' : undefined} aria-current={t.path === lit ? 'page' : undefined} onClick={() => nav(t.path)}>
          <span className="icon">{t.icon}</span>
          <span>{t.label}</span>
        </button>
      ))}
    </nav>
  );
}

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
  const moduleTabs = useMemo(() => WEB_MODULES.flatMap((m) => m.phoneTabs ?? []).filter((t) => can(t.permission)).sort((a, b) => a.order - b.order), [can]);
  const phoneTabs = mobile && user && moduleTabs.length ? [{ path: '/', label: '首页', icon: <HomeOutlined /> }, ...moduleTabs, { path: '/me', label: '我的', icon: <UserOutlined /> }] : null;
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
          <DemoTime compact />
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
          <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', height: 48 }}>
            <DemoTime compact={false} />
            {account}
          </Header>
        )}
        <Content id="main-content" tabIndex={-1} role="main" style={{ padding: mobile ? (phoneTabs ? '8px 8px 72px' : 8) : 24, outline: 'none' }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '20vh auto' }} />}>
            <Routes>
              <Route path="/workbench" element={<Guard><WorkbenchPage /></Guard>} />
              <Route path="/me" element={<Guard><MePage /></Guard>} />
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
        {phoneTabs && <PhoneTabs tabs={phoneTabs} />}
      </Layout>
    </Layout>
  );
}
