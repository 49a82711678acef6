import { Suspense, lazy, useState, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Spin } from 'antd';
import {
  ApiOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  FileSearchOutlined,
  HomeOutlined,
  NotificationOutlined,
  ReadOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
  GiftOutlined,
  ShopOutlined,
  ScanOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import { useAuth } from './auth';
import { HomePage } from './pages/gazette/HomePage';
const DocumentListPage = lazy(() => import('./pages/gazette/DocumentListPage').then((m) => ({ default: m.DocumentListPage })));
const DocumentPage = lazy(() => import('./pages/gazette/DocumentPage').then((m) => ({ default: m.DocumentPage })));
const SearchPage = lazy(() => import('./pages/gazette/SearchPage').then((m) => ({ default: m.SearchPage })));
const ImportPage = lazy(() => import('./pages/gazette/ImportPage').then((m) => ({ default: m.ImportPage })));
import { LoginPage } from './pages/account/LoginPage';
const PasswordPage = lazy(() => import('./pages/account/PasswordPage').then((m) => ({ default: m.PasswordPage })));
const UsersPage = lazy(() => import('./pages/admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const DirectoryPage = lazy(() => import('./pages/admin/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const AuditPage = lazy(() => import('./pages/admin/AuditPage').then((m) => ({ default: m.AuditPage })));
const CalendarPage = lazy(() => import('./pages/admin/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const NoticesPage = lazy(() => import('./pages/notices/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const NoticePage = lazy(() => import('./pages/notices/NoticePage').then((m) => ({ default: m.NoticePage })));
const ResidentPage = lazy(() => import('./pages/vouchers/ResidentPage').then((m) => ({ default: m.ResidentPage })));
const CashierPage = lazy(() => import('./pages/vouchers/CashierPage').then((m) => ({ default: m.CashierPage })));
const MerchantsPage = lazy(() => import('./pages/vouchers/MerchantsPage').then((m) => ({ default: m.MerchantsPage })));
const DashboardPage = lazy(() => import('./pages/vouchers/DashboardPage').then((m) => ({ default: m.DashboardPage })));

const { Sider, Content, Header } = Layout;

/** Pages that need a login (and a permission) send people to the login page and back. */
function Guard({ permission, children }: { permission?: string; children: ReactNode }) {
  const { user, loading, can } = useAuth();
  const loc = useLocation();
  if (loading) return <Spin />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (permission && !can(permission)) return <div>您的角色无权访问此页面。</div>;
  return <>{children}</>;
}

export function App() {
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const loc = useLocation();
  const nav = useNavigate();
  const { user, can, logout } = useAuth();
  const selected = '/' + (loc.pathname.split('/')[1] ?? '');
  const items = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">首页</Link> },
    { key: '/documents', icon: <ReadOutlined />, label: <Link to="/documents">公文库</Link> },
    { key: '/search', icon: <FileSearchOutlined />, label: <Link to="/search">全文检索</Link> },
    { key: '/notices', icon: <NotificationOutlined />, label: <Link to="/notices">公示公告</Link> },
    { key: '/vouchers', icon: <GiftOutlined />, label: <Link to="/vouchers">消费券</Link> },
    { key: '/merchants', icon: <ShopOutlined />, label: <Link to="/merchants">活动商户</Link> },
    ...(can('vouchers.redeem') ? [{ key: '/cashier', icon: <ScanOutlined />, label: <Link to="/cashier">收银核销</Link> }] : []),
    ...(can('vouchers.report.read') ? [{ key: '/voucher-dashboard', icon: <BarChartOutlined />, label: <Link to="/voucher-dashboard">消费券看板</Link> }] : []),
    { key: '/calendar', icon: <CalendarOutlined />, label: <Link to="/calendar">工作日历</Link> },
    ...(can('gazette.import') ? [{ key: '/imports', icon: <UploadOutlined />, label: <Link to="/imports">导入公报</Link> }] : []),
    ...(can('users.read') ? [{ key: '/users', icon: <TeamOutlined />, label: <Link to="/users">用户管理</Link> }] : []),
    ...(can('directory.read') ? [{ key: '/directory', icon: <ClusterOutlined />, label: <Link to="/directory">组织机构</Link> }] : []),
    ...(can('audit.read') ? [{ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">审计日志</Link> }] : []),
    { key: '/docs', icon: <ApiOutlined />, label: <a href="/docs">接口文档</a> },
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
      {mobile ? (
        <Header style={{ padding: '0 8px', display: 'flex', alignItems: 'center' }}>
          <div className="brand" style={{ padding: '0 8px 0 0' }}>县务通</div>
          <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items.slice(0, -1)} style={{ flex: 1, minWidth: 0 }} />
          {account}
        </Header>
      ) : (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={200}>
          <div className="brand">{collapsed ? '县务通' : '县务通 · 交城县'}</div>
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
        </Sider>
      )}
      <Layout>
        {!mobile && (
          <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', height: 48 }}>{account}</Header>
        )}
        <Content style={{ padding: mobile ? 8 : 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '20vh auto' }} />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/documents" element={<DocumentListPage />} />
            <Route path="/documents/:id" element={<DocumentPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/notices" element={<NoticesPage />} />
            <Route path="/notices/:id" element={<NoticePage />} />
            <Route path="/calendar" element={<CalendarPage />} />
            <Route path="/vouchers" element={<ResidentPage />} />
            <Route path="/merchants" element={<MerchantsPage />} />
            <Route path="/cashier" element={<Guard permission="vouchers.redeem"><CashierPage /></Guard>} />
            <Route path="/voucher-dashboard" element={<Guard permission="vouchers.report.read"><DashboardPage /></Guard>} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/account/password" element={<Guard><PasswordPage /></Guard>} />
            <Route path="/imports" element={<Guard permission="gazette.import"><ImportPage /></Guard>} />
            <Route path="/users" element={<Guard permission="users.read"><UsersPage /></Guard>} />
            <Route path="/directory" element={<Guard permission="directory.read"><DirectoryPage /></Guard>} />
            <Route path="/audit" element={<Guard permission="audit.read"><AuditPage /></Guard>} />
            <Route path="*" element={<div>页面不存在</div>} />
          </Routes>
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
