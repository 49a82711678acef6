import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../core/excel.js';
import { IdParams, Xlsx } from '../../core/schema.js';
import type { DeclaredExport, ExportsService } from './exports.service.js';

const tags = ['导出'];
const int = z.number().int();
export const ExportJob = z.object({
  id: int,
  title: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'ready', 'failed']),
  done: int.describe('已写入的行数'),
  total: int.describe('总行数'),
  percent: int,
  message: z.string().nullable(),
  at: z.string(),
  download: z.string().nullable().describe('完成后的下载地址'),
});

/** /api/exports: a start route for each export a module declares (with its permission), then progress and download. */
export async function exportsRoutes(app: FastifyInstance, opts: { service: ExportsService; declared: () => DeclaredExport[] }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  app.addHook('onClose', () => service.stop());
  for (const e of opts.declared()) {
    r.post(`/${e.module}/${e.name}`, { config: { permission: e.spec.permission }, schema: { tags, summary: `导出${e.spec.title}（后台生成；查询进度，完成后下载）`, response: { 202: ExportJob } } }, async (req, reply) => {
      reply.code(202);
      return service.start(req.actor!, e);
    });
  }
  r.get('/:id', { config: { permission: 'workbench' }, schema: { tags, summary: '导出进度（只有发起人可见）', params: IdParams, response: { 200: ExportJob } } }, async (req) => service.view(await service.job(req.actor!, req.params.id)));
  r.get('/:id/file', { config: { permission: 'workbench' }, schema: { tags, summary: '下载导出的文件（只有发起人可下载）', params: IdParams, response: { 200: Xlsx } } }, async (req, reply) => {
    const f = await service.file(req.actor!, req.params.id);
    reply.header('content-length', f.bytes);
    return sendXlsx(reply, f.fileName, createReadStream(f.path));
  });
}
