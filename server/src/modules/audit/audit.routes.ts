import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toXlsx, sendXlsx } from '../../core/excel.js';
import type { AuditRow } from '../../core/audit.js';
import type { AuditRepository } from './audit.repository.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const AuditQuery = z.object({
  entity: z.string().trim().max(40).optional(),
  action: z.string().trim().max(40).optional(),
  actor: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize 不能大于 100').default(20),
});

const view = (r: AuditRow) => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  role: r.role,
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  before: r.before_json ? JSON.parse(r.before_json) : null,
  after: r.after_json ? JSON.parse(r.after_json) : null,
  requestId: r.request_id,
  hash: r.hash,
});

/** /api/audit: the trail, its verification and its Excel export (administrators and auditors). */
export async function auditRoutes(app: FastifyInstance, opts: { repo: AuditRepository }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计'];
  r.get('/records', { config: { permission: 'audit.read' }, schema: { tags, summary: '审计记录', querystring: AuditQuery } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    const { rows, total } = await opts.repo.list(f, pageSize, (page - 1) * pageSize);
    return { items: rows.map(view), total, page, pageSize };
  });

  r.get('/verify', { config: { permission: 'audit.read' }, schema: { tags, summary: '校验哈希链' } }, async () => opts.repo.verify());

  r.get('/records.xlsx', { config: { permission: 'audit.read' }, schema: { tags, summary: '导出审计记录（Excel）', querystring: AuditQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const { rows } = await opts.repo.list(req.query, 100_000, 0);
    const xlsx = await toXlsx(
      '审计记录',
      [
        { header: '序号', value: (x: AuditRow) => x.id, width: 8 },
        { header: '时间', value: (x) => x.at, width: 26 },
        { header: '操作人', value: (x) => x.actor_name },
        { header: '角色', value: (x) => x.role },
        { header: '对象', value: (x) => x.entity },
        { header: '对象编号', value: (x) => x.entity_id },
        { header: '操作', value: (x) => x.action },
        { header: '修改前', value: (x) => x.before_json, width: 40 },
        { header: '修改后', value: (x) => x.after_json, width: 40 },
        { header: '请求编号', value: (x) => x.request_id, width: 38 },
        { header: '哈希', value: (x) => x.hash, width: 66 },
      ],
      rows,
    );
    return sendXlsx(reply, '审计记录.xlsx', xlsx);
  });
}
