import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Card, Col, Input, Row, Statistic, Typography, Alert } from 'antd';
import { api } from '../../api';
import type { DocumentSummary, Facets } from './contract';
import { TypeTag, formatDate } from './common';
import { RecordItem, RecordList } from '../../platform/RecordList';

export function HomePage() {
  const nav = useNavigate();
  const [latest, setLatest] = useState<DocumentSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [facets, setFacets] = useState<Facets | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: DocumentSummary[]; total: number }>('/api/gazette/documents?pageSize=10&sort=date_desc')
      .then((r) => {
        setLatest(r.items);
        setTotal(r.total);
      })
      .catch((e) => setError(e.message));
    api<Facets>('/api/gazette/facets').then(setFacets).catch(() => {});
  }, []);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        交城县人民政府公报 · 公文库
      </Typography.Title>
      <Input.Search
        placeholder="检索公文：词语、短语或文号，如 改厕、限额以上企业、交政办发〔2022〕13号"
        enterButton="检索"
        size="large"
        onSearch={(q) => q.trim() && nav(`/search?q=${encodeURIComponent(q.trim())}`)}
        style={{ marginBottom: 16 }}
        data-testid="home-search"
      />
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="公文总数" value={total} suffix="件" />
          </Card>
        </Col>
        {facets?.issuer.map((f) => (
          <Col xs={12} md={6} key={f.value}>
            <Card>
              <Statistic title={f.value} value={f.count} suffix="件" />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title="最新公文" style={{ marginTop: 16 }} extra={<Link to="/documents">全部公文</Link>}>
        <RecordList
          items={latest}
          rowKey="id"
          emptyText="公文库还没有公文：导入公报后，最新公文显示在这里"
          itemRender={(d) => (
            <RecordItem
              title={<Link to={`/documents/${d.id}`}>{d.title}</Link>}
              description={
                <span>
                  <TypeTag type={d.type} /> {d.docNumber} · {d.issuer} · {formatDate(d.date)}
                </span>
              }
            />
          )}
        />
      </Card>
    </div>
  );
}
