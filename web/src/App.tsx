import { useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { Grid, Layout, Menu } from 'antd';
import { FileSearchOutlined, HomeOutlined, ReadOutlined, UploadOutlined, ApiOutlined } from '@ant-design/icons';
import { HomePage } from './pages/gazette/HomePage';
import { DocumentListPage } from './pages/gazette/DocumentListPage';
import { DocumentPage } from './pages/gazette/DocumentPage';
import { SearchPage } from './pages/gazette/SearchPage';
import { ImportPage } from './pages/gazette/ImportPage';

const { Sider, Content, Header } = Layout;

export function App() {
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const loc = useLocation();
  const selected = '/' + (loc.pathname.split('/')[1] ?? '');
  const items = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">首页</Link> },
    { key: '/documents', icon: <ReadOutlined />, label: <Link to="/documents">公文库</Link> },
    { key: '/search', icon: <FileSearchOutlined />, label: <Link to="/search">全文检索</Link> },
    { key: '/imports', icon: <UploadOutlined />, label: <Link to="/imports">导入公报</Link> },
    { key: '/docs', icon: <ApiOutlined />, label: <a href="/docs">接口文档</a> },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Header style={{ padding: 0, display: 'flex', alignItems: 'center' }}>
          <div className="brand">县务通</div>
          <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items.slice(0, 3)} style={{ flex: 1, minWidth: 0 }} />
        </Header>
      ) : (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={200}>
          <div className="brand">{collapsed ? '县务通' : '县务通 · 交城县'}</div>
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
        </Sider>
      )}
      <Layout>
        <Content style={{ padding: mobile ? 8 : 24 }}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/documents" element={<DocumentListPage />} />
            <Route path="/documents/:id" element={<DocumentPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/imports" element={<ImportPage />} />
            <Route path="*" element={<div>页面不存在</div>} />
          </Routes>
        </Content>
      </Layout>
    </Layout>
  );
}
