/** 项目表导入 (/api/agrifund/imports): template, upload with progress, preview, error sheet, commit and discard. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendXlsx } from '../../core/excel.js';
import { invalidField } from '../../core/errors.js';
import { IdParams, Items, Xlsx } from '../../core/schema.js';
import { IMPORT_COLUMNS, type AgrifundImport } from './agrifund.import.js';
import { ImportJob, ImportLine, ImportTables, TemplateQuery, UploadQuery } from './agrifund.import.schemas.js';
import { IMPORT_TABLES, SOURCE } from './agrifund.rules.js';

const tags = ['涉农资金统筹整合'];
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function agrifundImportRoutes(app: FastifyInstance, o: { importer: AgrifundImport }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = o.importer;
  const office = { permission: 'agrifund.import' } as const;
  // A county's project table is a few hundred rows: 8 MB is ample, and the reading budget bounds what it inflates to.
  app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  r.get('/imports/tables', { config: office, schema: { tags, summary: `可导入的项目表（${SOURCE} 附件，见网络版）与模板列`, response: { 200: ImportTables } } }, async () => ({
    tables: IMPORT_TABLES.map((t) => ({ ...t })), columns: [...IMPORT_COLUMNS],
  }));
  r.get('/imports/template.xlsx', { config: office, schema: { tags, summary: '项目表导入模板（只有表头，行由县里按网络版填写）', querystring: TemplateQuery, response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(reply, `${IMPORT_TABLES.find((t) => t.code === req.query.table)!.name}导入模板.xlsx`, await s.template(req.query.year, req.query.table)),
  );
  r.post('/imports', { config: office, schema: { tags, summary: `导入项目表（Excel 列：${IMPORT_COLUMNS.join('、')}）；立即返回任务，校验进度另行查询`, querystring: UploadQuery, response: { 202: ImportJob } } }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw invalidField('file', '不是文件内容', '请以 Excel 文件的原始内容上传');
    reply.code(202);
    return s.start(req.actor!, req.query.year, req.query.table, req.query.fileName, req.body);
  });
  r.get('/imports/:id', { config: office, schema: { tags, summary: '导入进度与结果', params: IdParams, response: { 200: ImportJob } } }, async (req) => s.view(await s.job(req.actor!, req.params.id)));
  r.get('/imports/:id/rows', { config: office, schema: { tags, summary: '预览：每行的内容与各列的问题', params: IdParams, response: { 200: Items(ImportLine) } } }, async (req) => ({ items: await s.rows(req.actor!, req.params.id) }));
  r.get('/imports/:id/errors.xlsx', { config: office, schema: { tags, summary: '错误清单（Excel，原因列写明每行的问题）', params: IdParams, response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(reply, '项目表导入错误清单.xlsx', await s.errorSheet(req.actor!, req.params.id)),
  );
  r.post('/imports/:id/commit', { config: office, schema: { tags, summary: '写入项目清单（全部行为项目申报；有错误行时拒绝）', params: IdParams, response: { 200: ImportJob } } }, async (req) => s.commit(req.actor!, req.params.id));
  r.post('/imports/:id/discard', { config: office, schema: { tags, summary: '放弃本次导入', params: IdParams, response: { 200: ImportJob } } }, async (req) => s.discard(req.actor!, req.params.id));
}
