import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Button, Card, Col, Collapse, Descriptions, Empty, Grid, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined, FontSizeOutlined, PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api';
import type { Body, DocumentDetail, DocumentVersion, LinkedCitation, Section } from './contract';
import { TypeTag, formatDate } from './common';
import { WhyDisabled, useApi } from '../../platform/kit';
import { RecordList } from '../../platform/RecordList';
// Other modules' panels beside the document (loaded with the page, after the module list is complete).
import { WEB_MODULES } from '../index';
import { chinaMinute } from '../../platform/time';

const anchorId = (prefix: string, path: number[]) => `${prefix}-s-${path.join('-')}`;

/** A leading group's or task force's members, as the document lists them: 职务, 姓名, 现任职务. */
function Members({ rows }: { rows: Body['members'][number]['rows'] }) {
  return (
    <table className="members" data-testid="members">
      <thead>
        <tr>
          <th scope="col">职务</th>
          <th scope="col">姓名</th>
          <th scope="col">现任职务</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m, i) => (
          <tr key={i}>
            <td>{m.role && (i === 0 || rows[i - 1].role !== m.role) ? m.role : ''}</td>
            <td>{m.name}</td>
            <td>{m.post}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Paragraphs, with member lists where the document prints them. */
function Paragraphs({ items, members = [] }: { items: string[]; members?: Body['members'] }) {
  const at = (k: number) => members.filter((m) => m.at === k).map((m, i) => <Members key={`m${k}-${i}`} rows={m.rows} />);
  return (
    <>
      {items.map((p, i) => [
        ...at(i),
        <p className="para" key={i}>
          {p}
        </p>,
      ])}
      {at(items.length)}
    </>
  );
}

/** A numbered item: a real heading of its level (一、 h2 … （1） h5), so a screen reader can move from item to item. */
function SectionView({ s, prefix, path }: { s: Section; prefix: string; path: number[] }) {
  const title = `${s.marker}${s.heading}`;
  const Heading = (['h2', 'h3', 'h4', 'h5'] as const)[Math.min(s.level, 4) - 1];
  return (
    <section data-section={title} aria-labelledby={anchorId(prefix, path)}>
      <Heading id={anchorId(prefix, path)} className={`sec sec-${Math.min(s.level, 4)}`}>
        {title}
      </Heading>
      <Paragraphs items={s.paragraphs} members={s.members} />
      {s.children.map((c, i) => (
        <SectionView key={i} s={c} prefix={prefix} path={[...path, i]} />
      ))}
      {/* What closes the item's list (「以上证明材料…」, 联系人) comes after its last child. */}
      <Paragraphs items={s.closing} members={[]} />
    </section>
  );
}

/** 适老化: a larger or smaller reading size, kept for the next visit. */
const FONT_SIZES = [16, 18, 20, 24] as const;
function useReadingSize(): [number, (delta: number) => void] {
  const [size, setSize] = useState(() => {
    const saved = Number(localStorage.getItem('xw-reading-size'));
    return (FONT_SIZES as readonly number[]).includes(saved) ? saved : 16;
  });
  const change = (delta: number) => {
    const i = Math.max(0, Math.min(FONT_SIZES.length - 1, FONT_SIZES.indexOf(size as (typeof FONT_SIZES)[number]) + delta));
    setSize(FONT_SIZES[i]);
    localStorage.setItem('xw-reading-size', String(FONT_SIZES[i]));
  };
  return [size, change];
}

/** Print (the GB/T 9704 page, through a hidden frame) and download the PDF. */
function PrintButtons({ id }: { id: number }) {
  const print = () => {
    const frame = document.createElement('iframe');
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.title = '打印版';
    frame.src = `/api/gazette/documents/${id}/print`;
    frame.onload = () => {
      frame.contentWindow?.print();
      setTimeout(() => frame.remove(), 60_000);
    };
    document.body.appendChild(frame);
  };
  return (
    <Space wrap>
      <Button icon={<PrinterOutlined />} onClick={print}>
        打印
      </Button>
      <Button icon={<FilePdfOutlined />} href={`/api/gazette/documents/${id}/pdf`}>
        下载 PDF
      </Button>
    </Space>
  );
}

function BodyView({ body, prefix }: { body: Body; prefix: string }) {
  return (
    <div>
      <Paragraphs items={body.paragraphs} members={body.members} />
      {body.sections.map((s, i) => (
        <SectionView key={i} s={s} prefix={prefix} path={[i]} />
      ))}
      <Paragraphs items={body.closing} />
    </div>
  );
}

type OutlineItem = { key: string; href: string; title: string; children?: OutlineItem[] };

function outline(body: Body, prefix: string, depth = 2): OutlineItem[] {
  const walk = (s: Section, path: number[]): OutlineItem => ({
    key: anchorId(prefix, path),
    href: `#${anchorId(prefix, path)}`,
    title: `${s.marker}${s.heading}`.slice(0, 24),
    children: path.length < depth ? s.children.map((c, i) => walk(c, [...path, i])) : undefined,
  });
  return body.sections.map((s, i) => walk(s, [i]));
}

function AttachmentList({ items }: { items: DocumentDetail['attachments'] }) {
  if (!items.length) return null;
  return (
    <div style={{ marginTop: 16 }}>
      {items.map((a, i) => (
        <p className="para" key={i} data-testid="attachment">
          {i === 0 ? '附件：' : <span style={{ visibility: 'hidden' }}>附件：</span>}
          {a.index !== null ? `${a.index}. ` : ''}
          {a.title} {a.onlineOnly ? <Tag color="orange">见网络版</Tag> : a.content ? <Tag color="green">随文印发</Tag> : null}
        </p>
      ))}
    </div>
  );
}

function CitationLink({ c }: { c: LinkedCitation }) {
  const label = [c.title ? `《${c.title}》` : '', c.docNumber ?? ''].filter(Boolean).join(' ');
  if (c.document) return <Link to={`/documents/${c.document.id}`}>{label}</Link>;
  if (c.part !== null) return <a href={`#part-${c.part}`}>{label} <Tag color="red">本文印发</Tag></a>;
  return <span>{label} <Tag>外部文件</Tag></span>;
}

/** Earlier texts of the document, each kept when an import replaced it; shown only when there are any. */
function Versions({ documentId }: { documentId: number }) {
  const { data } = useApi<{ items: DocumentVersion[] }>(`/api/gazette/documents/${documentId}/versions`);
  if (!data?.items.length) return null;
  return (
    <Card size="small" title={`历史版本（${data.items.length}）`} data-testid="document-versions">
      <Collapse
        size="small"
        items={data.items.map((v) => ({
          key: v.id,
          label: `${chinaMinute(v.replacedAt)} 由 ${v.replacedBy} 导入时替换 · ${v.length} 字`,
          children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto' }}>{v.text}</Typography.Paragraph>,
        }))}
      />
    </Card>
  );
}

export function DocumentPage() {
  const { id } = useParams();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const screens = Grid.useBreakpoint();
  const [readingSize, changeSize] = useReadingSize();
  useEffect(() => {
    setDoc(null);
    api<DocumentDetail>(`/api/gazette/documents/${encodeURIComponent(id ?? '')}`)
      .then((d) => {
        setDoc(d);
        setError(null);
        document.title = `${d.title} - 县务通`;
      })
      .catch((e) => setError(e.message));
  }, [id]);
  const toc = useMemo(() => {
    if (!doc) return [];
    const items: OutlineItem[] = [{ key: 'top', href: '#doc-top', title: '正文' }];
    items.push(...outline(doc.body, 'main', 1));
    doc.parts.forEach((p, i) => items.push({ key: `part-${i}`, href: `#part-${i}`, title: p.title.slice(0, 20), children: outline(p.body, `p${i}`, 1) }));
    return items;
  }, [doc]);
  if (error) return <Alert type="error" title={error} showIcon />;
  if (!doc) return <Skeleton active />;
  const mainAttachments = doc.attachments.filter((a) => a.part === null);
  const inline = doc.attachments.filter((a) => a.content);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={18}>
        <Space wrap style={{ marginBottom: 8 }} aria-label="阅读工具">
          <PrintButtons id={doc.id} />
          <Space.Compact>
            <WhyDisabled reason={readingSize <= FONT_SIZES[0] && '已是最小字号'}>
              <Button aria-label="减小字号" icon={<FontSizeOutlined style={{ fontSize: 11 }} />} disabled={readingSize <= FONT_SIZES[0]} onClick={() => changeSize(-1)}>
                小
              </Button>
            </WhyDisabled>
            <WhyDisabled reason={readingSize >= FONT_SIZES.at(-1)! && '已是最大字号'}>
              <Button aria-label="增大字号" icon={<FontSizeOutlined style={{ fontSize: 17 }} />} disabled={readingSize >= FONT_SIZES.at(-1)!} onClick={() => changeSize(1)}>
                大
              </Button>
            </WhyDisabled>
          </Space.Compact>
        </Space>
        <article className="official" id="doc-top" style={{ fontSize: readingSize }} aria-labelledby="doc-title">
          <div className="issuer-mark">{doc.issuer}</div>
          <div className="docno" data-testid="doc-number">{doc.docNumber}</div>
          <div className="red-rule" />
          <h1 className="doc-title" id="doc-title" data-testid="doc-title">{doc.title}</h1>
          {doc.addressees.length > 0 && <p>{doc.addressees.join('，')}：</p>}
          <BodyView body={doc.body} prefix="main" />
          <AttachmentList items={mainAttachments} />
          <div className="signature">
            <div>{doc.issuer}</div>
            <div>{formatDate(doc.date)}</div>
          </div>
          {doc.note && <div className="note">{doc.note}</div>}
          {doc.parts.map((p, i) => (
            <div key={i} id={`part-${i}`} data-testid="part">
              <h2 className="part-title">{p.title}</h2>
              <BodyView body={p.body} prefix={`p${i}`} />
              <AttachmentList items={p.attachments} />
            </div>
          ))}
          {inline.map((a, i) => (
            <div key={`inline-${i}`}>
              <p style={{ marginTop: 32, fontFamily: 'SimHei, sans-serif' }}>附件{a.index ?? ''}</p>
              <div className="part-title">{a.title}</div>
              {a.content && <BodyView body={a.content} prefix={`a${i}`} />}
            </div>
          ))}
        </article>
      </Col>
      <Col xs={24} lg={6}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Card size="small" title="公文信息">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="发文字号">{doc.docNumber}</Descriptions.Item>
              <Descriptions.Item label="发文机关">{doc.issuer}</Descriptions.Item>
              <Descriptions.Item label="文种"><TypeTag type={doc.type} /></Descriptions.Item>
              <Descriptions.Item label="成文日期">{formatDate(doc.date)}</Descriptions.Item>
              <Descriptions.Item label="公开属性">{doc.publicity ?? '未标注'}</Descriptions.Item>
            </Descriptions>
          </Card>
          {screens.lg && (
            <Card size="small" title="目录">
              <Anchor items={toc} offsetTop={16} />
            </Card>
          )}
          <Card size="small" title="关联公文">
            {doc.relations.repliesTo && (
              <p>
                答复的请示：<CitationLink c={doc.relations.repliesTo} />
              </p>
            )}
            {doc.relations.answeredBy.map((d) => (
              <p key={d.id}>
                批复：<Link to={`/documents/${d.id}`}>{d.docNumber} {d.title}</Link>
              </p>
            ))}
            {doc.relations.citedBy.length > 0 && (
              <RecordList size="small" header="被以下公文引用" items={doc.relations.citedBy} rowKey="id" itemRender={(d) => <Link to={`/documents/${d.id}`}>{d.docNumber}</Link>} />
            )}
            {doc.relations.cites.length > 0 && (
              <RecordList size="small" header="引用的文件" items={doc.relations.cites} itemRender={(c) => <CitationLink c={c} />} />
            )}
            {doc.rules.length > 0 && (
              <RecordList
                size="small"
                header="引用的标准与法规"
                items={doc.rules}
                itemRender={(r) => (
                  <div data-testid="cited-rule">
                    {r.title ? `《${r.title}》` : ''}
                    <Tag color={r.kind === 'standard' ? 'blue' : 'purple'}>{r.code}</Tag>
                  </div>
                )}
              />
            )}
            {!doc.relations.cites.length && !doc.rules.length && !doc.relations.repliesTo && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本文未引用其他文件、标准或法规" />}
          </Card>
          <Versions documentId={doc.id} />
          {WEB_MODULES.flatMap((m) => m.documentPanels ?? []).map((Panel, i) => (
            <Suspense key={i} fallback={null}>
              <Panel docNumber={doc.docNumber} />
            </Suspense>
          ))}
          {doc.warnings.length > 0 && <Alert type="warning" title="解析提示" description={doc.warnings.join('；')} />}
          <Typography.Text type="secondary">
            <Link to="/documents">← 返回公文库</Link>
          </Typography.Text>
        </Space>
      </Col>
    </Row>
  );
}
