import { lazy } from 'react';
import { FileSearchOutlined, HomeOutlined, ReadOutlined, UploadOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';
import { HomePage } from './HomePage';

const DocumentListPage = lazy(() => import('./DocumentListPage').then((m) => ({ default: m.DocumentListPage })));
const DocumentPage = lazy(() => import('./DocumentPage').then((m) => ({ default: m.DocumentPage })));
const SearchPage = lazy(() => import('./SearchPage').then((m) => ({ default: m.SearchPage })));
const ImportPage = lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage })));

/** 政府公报/公文库: public reading, search, and (administrators) import. */
export const gazetteWeb: WebModule = {
  name: 'gazette',
  group: { label: '公文', icon: <ReadOutlined />, order: 10 },
  menu: [
    { path: '/', label: '首页', icon: <HomeOutlined /> },
    { path: '/documents', label: '公文库', icon: <ReadOutlined /> },
    { path: '/search', label: '全文检索', icon: <FileSearchOutlined /> },
    { path: '/imports', label: '导入公报', icon: <UploadOutlined />, permission: 'gazette.import' },
  ],
  routes: [
    { path: '/', page: HomePage },
    { path: '/documents', page: DocumentListPage },
    { path: '/documents/:id', page: DocumentPage },
    { path: '/search', page: SearchPage },
    { path: '/imports', page: ImportPage, login: true, permission: 'gazette.import' },
  ],
};
