import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { Items } from '../../core/schema.js';
import { DocumentDetailSchema, DocumentList, DocumentVersion, DocumentParams, FacetsSchema, ImportQuery, ImportRecord, ImportResultSchema, ListQuery, SearchAnswer, SearchQueryString } from './gazette.schema.js';
import { MAX_GAZETTE_BYTES, type GazetteService } from './gazette.service.js';

export interface GazetteRouteOptions {
  service: GazetteService;
}

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
      if (!req.body.trim()) throw new AppError('VALIDATION_FAILED', 400, '公报文本为空', [{ field: 'body', message: '不能为空' }]);
      const res = await service.importText(req.body, { fileName: req.query.fileName, actor: req.actor!, confirmShorter: req.query.confirmShorter });
      reply.code(res.unchanged ? 200 : 201);
      return res;
    },
  );
}
