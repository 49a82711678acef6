import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Empty, Input, Select, Space, Typography } from 'antd';
import { qs } from '../../api';
import type { Facets, SearchResult } from './contract';
import { useApi } from '../../platform/kit';
import { RecordItem, RecordList } from '../../platform/RecordList';
import { Highlight, TypeTag, formatDate, useUrlFilters } from './common';

export function SearchPage() {
  const { params, set } = useUrlFilters();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const issuer = params.get('issuer') ?? undefined;
  const type = params.get('type') ?? undefined;
  const [input, setInput] = useState(q);
  const facets = useApi<Facets>('/api/gazette/facets').data;
  // A newer query aborts the one before it: a slow answer to an old query never replaces a newer one.
  const { data: res, error, loading } = useApi<SearchResult>(q ? `/api/gazette/search?${qs({ q, page, pageSize: 10, issuer, type })}` : null);
  useEffect(() => setInput(q), [q]);
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        全文检索
      </Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          enterButton="检索"
          placeholder="词语（改厕）、短语（限额以上企业）或文号（交政办发[2022]13号）；多个词用空格分开"
          allowClear
          data-testid="search-input"
        />
        <Space wrap>
          <Select allowClear placeholder="发文机关" style={{ width: 220 }} notFoundContent={facets ? '公文库中还没有发文机关' : '正在加载…'} value={issuer} options={facets?.issuer.map((f) => ({ value: f.value, label: f.value }))} onChange={(v) => set({ issuer: v })} />
          <Select allowClear placeholder="文种" style={{ width: 120 }} notFoundContent={facets ? '公文库中还没有文种' : '正在加载…'} value={type} options={facets?.doc_type.map((f) => ({ value: f.value, label: f.value }))} onChange={(v) => set({ type: v })} />
        </Space>
        {error && <Alert type="error" title={error} showIcon />}
        {res && (
          <Typography.Text type="secondary" data-testid="search-total">
            共找到 {res.more ? `${res.total} 件以上` : `${res.total} 件`}公文{res.mode === 'docNumber' ? '（按文号：本文及引用它的公文）' : ''}
          </Typography.Text>
        )}
        {res && !res.items.length ? (
          <Empty description={issuer || type ? '没有找到相关公文：可换个词，或清除发文机关、文种筛选' : '没有找到相关公文，请换个词试试'} />
        ) : (
          <RecordList
            loading={loading}
            items={res?.items ?? []}
            rowKey="id"
            emptyText={q ? '检索未完成，请稍后再检索一次' : '输入关键词检索公文：词语、短语或文号，按回车或点「检索」'}
            pagination={res && res.total > 10 ? { current: page, pageSize: 10, total: res.total, onChange: (p) => set({ page: String(p) }), showSizeChanger: false } : false}
            itemRender={(d) => (
              <RecordItem
                data-testid="search-hit"
                title={
                  <Link to={`/documents/${d.id}`}>
                    <Highlight pieces={d.titleHighlight} />
                  </Link>
                }
                description={
                  <div>
                    <div>
                      <TypeTag type={d.type} /> {d.docNumber} · {d.issuer} · {formatDate(d.date)}
                    </div>
                    <div style={{ color: '#333', marginTop: 4 }}>
                      <Highlight pieces={d.snippet} />
                    </div>
                  </div>
                }
              />
            )}
          />
        )}
      </Space>
    </Card>
  );
}
