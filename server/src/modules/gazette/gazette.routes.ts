import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidField } from '../../core/errors.js';
import { Items, Pdf } from '../../core/schema.js';
import { DocumentDetailSchema, DocumentList, DocumentVersion, DocumentParams, FacetsSchema, ImportQuery, ImportRecord, ImportResultSchema, ListQuery, SearchAnswer, SearchQueryString } from './gazette.schema.js';
import { MAX_GAZETTE_BYTES, type GazetteService } from './gazette.service.js';
import { atomFeed } from './gazette.feed.js';
import { printHtml } from './gazette.print.js';

export interface GazetteRouteOptions {
  service: GazetteService;
  /** HTML → PDF (core/pdf.ts with the configured Chromium). */
  pdf: (html: string) => Promise<Buffer>;
}

const Html = z.string().meta({ description: 'HTML 页面' });
const Atom = z.string().meta({ description: 'Atom XML' });
const FeedQuery = z.object({ series: z.string().trim().min(1).max(20).optional() });

/** Routes under /api/gazette. Reading is public: every document in the gazette is 主动公开. */
export async function gazetteRoutes(app: FastifyInstance, opts: GazetteRouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;

  r.get('/documents', { config: { permission: 'public' }, schema: { tags: ['公文库'], summary: '公文列表（筛选、分页）', querystring: ListQuery, response: { 200: DocumentList } } }, async (req) => {
    const { page, pageSize, sort, ...filters } = req.query;
    const res = await service.list({ ...filters, sort, limit: pageSize, offset: (page - 1) * pageSize });
    return { ...res, page, pageSize };
  });

  r.get('/documents/:id', { config: { permission: 'public' }, schema: { tags: ['公文库'], summary: '公文详情（按编号或文号）', params: DocumentParams, response: { 200: DocumentDetailSchema } } }, async (req) =>
    service.get(req.params.id),
  );

  r.get(
    '/documents/:id/versions',
    { config: { permission: 'public' }, schema: { tags: ['公文库'], summary: '公文的历史版本（每次被导入替换时保留）', params: DocumentParams, response: { 200: Items(DocumentVersion) } } },
    async (req) => ({ items: await service.versions(req.params.id) }),
  );

  // GB/T 9704 on A4: the page the browser prints, and the same page as a PDF (Chromium on the server).
  r.get(
    '/documents/:id/print',
    { config: { permission: 'public' }, schema: { tags: ['公文库'], summary: '打印版（A4，GB/T 9704 版式）', params: DocumentParams, response: { 200: Html } } },
    async (req, reply) => reply.type('text/html; charset=utf-8').send(printHtml(await service.get(req.params.id))),
  );
  r.get(
    '/documents/:id/pdf',
    { config: { permission: 'public', rateLimit: { max: 20, windowMs: 60_000 } }, schema: { tags: ['公文库'], summary: 'PDF 下载（A4，GB/T 9704 版式）', params: DocumentParams, response: { 200: Pdf } } },
    async (req, reply) => {
      const d = await service.get(req.params.id);
      const pdf = await opts.pdf(printHtml(d));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${d.docNumber}.pdf`)}`)
        .send(pdf);
    },
  );

  r.get(
    '/feed.atom',
    { config: { permission: 'public' }, schema: { tags: ['公文库'], summary: '新公文订阅（Atom；series= 只订阅一个文号系列，如 交政办发）', querystring: FeedQuery, response: { 200: Atom } } },
    async (req, reply) => {
      const { items } = await service.list({ series: req.query.series, sort: 'date_desc', limit: 50, offset: 0 });
      const origin = `${req.protocol}://${req.host}`;
      const xml = atomFeed({
        origin,
        self: `${origin}/api/gazette/feed.atom${req.query.series ? `?series=${encodeURIComponent(req.query.series)}` : ''}`,
        title: req.query.series ? `交城县人民政府公报 · ${req.query.series}` : '交城县人民政府公报',
        entries: items.map((d) => ({ id: d.id, docNumber: d.docNumber, title: d.title, issuer: d.issuer, type: d.type, date: d.date })),
      });
      return reply.type('application/atom+xml; charset=utf-8').send(xml);
    },
  );

  r.get('/facets', { config: { permission: 'public' }, schema: { tags: ['公文库'], summary: '筛选项及数量', response: { 200: FacetsSchema } } }, async () => service.facets());

  // Anyone may search; a client gets two searches a second on average, which no reader reaches.
  r.get('/search', { config: { permission: 'public', rateLimit: { max: 120, windowMs: 60_000 } }, schema: { tags: ['公文库'], summary: '全文检索（词语、短语、文号）', querystring: SearchQueryString, response: { 200: SearchAnswer } } }, async (req) => {
    const { q, page, pageSize, ...filters } = req.query;
    const res = await service.search(q, filters, page, pageSize);
    return { ...res, page, pageSize, q };
  });

  r.get('/imports', { config: { permission: 'gazette.import' }, schema: { tags: ['公文库'], summary: '导入记录', response: { 200: Items(ImportRecord) } } }, async () => ({ items: await service.imports() }));

  r.post(
    '/imports',
    {
      config: { permission: 'gazette.import' },
      bodyLimit: MAX_GAZETTE_BYTES,
      schema: {
        tags: ['公文库'],
        summary: '导入公报文本（管理员）',
        querystring: ImportQuery,
        body: z.string({ message: '请求体应为公报纯文本（Content-Type: text/plain）' }),
        response: { 200: ImportResultSchema, 201: ImportResultSchema },
      },
    },
    async (req, reply) => {
      if (!req.body.trim()) throw invalidField('body', '不能为空', '公报文本为空');
      const res = await service.importText(req.body, { fileName: req.query.fileName, actor: req.actor!, confirmShorter: req.query.confirmShorter });
      reply.code(res.unchanged ? 200 : 201);
      return res;
    },
  );
}
