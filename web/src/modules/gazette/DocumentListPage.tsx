import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, DatePicker, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, qs } from '../../api';
import type { DocumentSummary, Facets } from './contract';
import { TypeTag, formatDate, useUrlFilters } from './common';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const SORTS = [
  { value: 'date_desc', label: '成文日期（新→旧）' },
  { value: 'date_asc', label: '成文日期（旧→新）' },
  { value: 'number', label: '按文号' },
];

export function DocumentListPage() {
  const { params, set } = useUrlFilters();
  const [facets, setFacets] = useState<Facets | null>(null);
  const [data, setData] = useState<{ items: DocumentSummary[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const filters = {
    issuer: params.get('issuer') ?? undefined,
    type: params.get('type') ?? undefined,
    series: params.get('series') ?? undefined,
    dateFrom: params.get('dateFrom') ?? undefined,
    dateTo: params.get('dateTo') ?? undefined,
    sort: params.get('sort') ?? 'date_desc',
  };
  useEffect(() => {
    api<Facets>('/api/gazette/facets').then(setFacets).catch(() => {});
  }, []);
  useEffect(() => {
    setLoading(true);
    api<{ items: DocumentSummary[]; total: number }>(`/api/gazette/documents?${qs({ ...filters, page, pageSize })}`)
      .then((r) => {
        setData(r);
        setError(null);
      })
      .catch((e) => setError(e.message))
      .finally(() => setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const filtered = !!(filters.issuer || filters.type || filters.series || filters.dateFrom);
  const clear = () => set({ issuer: undefined, type: undefined, series: undefined, dateFrom: undefined, dateTo: undefined });
  // Before the counts arrive a select has nothing to offer yet; after, an empty one means the library holds none.
  const none = facets ? '公文库中还没有可选项' : '正在加载…';
  const opt = (xs: { value: string; count: number }[] | undefined) => xs?.map((x) => ({ value: x.value, label: `${x.value}（${x.count}）` }));
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        公文库
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="发文机关" style={{ width: 220 }} notFoundContent={none} value={filters.issuer} options={opt(facets?.issuer)} onChange={(v) => set({ issuer: v })} />
        <Select allowClear placeholder="文种" style={{ width: 120 }} notFoundContent={none} value={filters.type} options={opt(facets?.doc_type)} onChange={(v) => set({ type: v })} />
        <Select allowClear placeholder="文号系列" style={{ width: 150 }} notFoundContent={none} value={filters.series} options={opt(facets?.agency_code)} onChange={(v) => set({ series: v })} />
        <DatePicker.RangePicker
          value={filters.dateFrom && filters.dateTo ? [dayjs(filters.dateFrom), dayjs(filters.dateTo)] : null}
          onChange={(r) => set({ dateFrom: r?.[0]?.format('YYYY-MM-DD'), dateTo: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select style={{ width: 170 }} value={filters.sort} options={SORTS} onChange={(v) => set({ sort: v })} />
      </Space>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <ResponsiveTable
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: 720 }}
        locale={{ emptyText: filtered ? <>没有符合筛选条件的公文，可<a onClick={clear}>清除筛选</a></> : '公文库还没有公文：导入公报后，各件公文列在这里' }}
        pagination={{
          current: page,
          pageSize,
          total: data.total,
          showTotal: (t) => `共 ${t} 件`,
          onChange: (p, ps) => set({ page: String(p), pageSize: String(ps) }),
        }}
        columns={[
          { title: '文号', dataIndex: 'docNumber', width: 170 },
          { title: '标题', dataIndex: 'title', render: (t: string, d) => <Link to={`/documents/${d.id}`}>{t}</Link>, cardTitle: true },
          { title: '发文机关', dataIndex: 'issuer', width: 180 },
          { title: '文种', dataIndex: 'type', width: 80, render: (t: string) => <TypeTag type={t} /> },
          { title: '成文日期', dataIndex: 'date', width: 140, render: formatDate },
        ]}
      />
    </Card>
  );
}
