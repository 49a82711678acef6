import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Items } from '../../core/schema.js';
import { MAX_FILE_BYTES, type FilesService } from './files.service.js';

const Target = z.object({ entity: z.string().trim().min(1).max(40), entityId: z.string().trim().min(1).max(40) });
export const StoredFile = z.object({ id: z.number().int(), sha256: z.string(), size: z.number().int(), mime: z.string(), fileName: z.string() });
export const FileLink = z.object({ id: z.number().int(), fileName: z.string(), size: z.number().int(), mime: z.string(), createdAt: z.string() });

/** /api/files: upload (raw body), list a record's attachments, download one. */
export async function filesRoutes(app: FastifyInstance, opts: { service: FilesService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['附件'];
  // Uploads arrive as the raw file body; the type is checked from the bytes, not from this header.
  app.addContentTypeParser(['application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png'], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES + 1 }, (_req, body, done) => done(null, body));

  r.post(
    '/',
    {
      config: { permission: 'files.upload' },
      bodyLimit: MAX_FILE_BYTES + 1,
      schema: { tags, summary: '上传附件（照片或 PDF，原始文件内容作请求体）', querystring: Target.extend({ fileName: z.string().trim().min(1).max(200) }), response: { 201: StoredFile } },
    },
    async (req, reply) => {
      reply.code(201);
      return service.upload(req.actor!, req.query.entity, req.query.entityId, req.query.fileName, req.body, req.headers['content-type']?.split(';')[0].trim().toLowerCase());
    },
  );

  r.get('/', { config: { permission: 'public' }, schema: { tags, summary: '记录的附件列表', querystring: Target, response: { 200: Items(FileLink) } } }, async (req) => ({
    items: await service.list(req.actor, req.query.entity, req.query.entityId),
  }));

  r.get('/:id', { config: { permission: 'public' }, schema: { tags, summary: '下载附件（按记录权限）', params: IdParams, response: { 200: z.unknown().meta({ description: '文件内容' }) } } }, async (req, reply) => {
    const f = await service.open(req.actor, req.params.id);
    reply.header('content-type', f.mime).header('content-length', f.size).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(createReadStream(f.path));
  });
}
