import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toXlsx, sendXlsx } from '../../core/excel.js';
import { maskPersonalFields } from '../../core/identifiers.js';
import type { AuditRow } from '../../core/audit.js';
import { ROLE_LABELS } from '../../core/auth.js';
import { actionLabel, entityLabel, entityLabels } from '../../core/labels.js';
import { Paging, Xlsx, isoDate } from '../../core/schema.js';
import type { AuditService } from './audit.service.js';

const AuditFilters = z.object({
  entity: z.string().trim().max(40).optional(),
  action: z.string().trim().max(40).optional(),
  actor: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const AuditQuery = AuditFilters.extend(Paging.shape);

export const AuditRecord = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  entity: z.string(),
  entityLabel: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export const CheckpointAnswer = z.object({
  chain: z.literal('xianwu-audit'),
  headId: z.number().int(),
  headHash: z.string(),
  count: z.number().int(),
  at: z.string(),
  keyId: z.string(),
  signature: z.string(),
  /** The file written in the checkpoint folder. */
  fileName: z.string(),
});
const VerifyAnswer = z.object({ ok: z.boolean(), checked: z.number().int(), brokenAt: z.object({ id: z.number().int(), reason: z.string() }).optional() });

/**
 * A record's contents with personal identifiers masked, for every reader: the trail is for who did what; a full
 * mobile number or ID is read where it lives, through the reads that are themselves audited.
 */
const contents = (json: string | null) => (json ? maskPersonalFields(JSON.parse(json)) : null);

// Users read names; a key no module has named yet is shown as it is, marked, rather than hidden.
const roleName = (role: string) => (ROLE_LABELS as Record<string, string>)[role] ?? ({ system: '系统', public: '公众（未登录）' } as Record<string, string>)[role] ?? `未命名角色（${role}）`;
const entityName = (e: string) => entityLabel(e) ?? `未命名对象（${e}）`;
const actionName = (e: string, a: string) => actionLabel(e, a) ?? `未命名操作（${a}）`;

const view = (r: AuditRow) => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  role: r.role,
  roleLabel: roleName(r.role),
  entity: r.entity,
  entityLabel: entityName(r.entity),
  entityId: r.entity_id,
  action: r.action,
  actionLabel: actionName(r.entity, r.action),
  before: contents(r.before_json),
  after: contents(r.after_json),
  requestId: r.request_id,
  hash: r.hash,
});

/** /api/audit: the trail, its verification and its Excel export (administrators and auditors). */
export async function auditRoutes(app: FastifyInstance, opts: { repo: AuditService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计'];
  r.get('/records', { config: { permission: 'audit.read' }, schema: { tags, summary: '审计记录', querystring: AuditQuery, response: { 200: z.object({ items: z.array(AuditRecord), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) } } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    const { rows, total } = await opts.repo.list(f, pageSize, (page - 1) * pageSize);
    return { items: rows.map(view), total, page, pageSize };
  });

  r.get('/verify', { config: { permission: 'audit.read' }, schema: { tags, summary: '校验哈希链', response: { 200: VerifyAnswer } } }, async () => opts.repo.verify());

  r.get('/entities', { config: { permission: 'audit.read' }, schema: { tags, summary: '审计记录中的对象类型（供筛选）', response: { 200: z.object({ items: z.array(z.object({ value: z.string(), label: z.string() })) }) } } }, async () => ({ items: entityLabels() }));

  r.get('/records.xlsx', { config: { permission: 'audit.read' }, schema: { tags, summary: '导出审计记录（Excel）', querystring: AuditFilters, response: { 200: Xlsx } } }, async (req, reply) => {
    const { rows } = await opts.repo.list(req.query, 100_000, 0);
    const xlsx = await toXlsx(
      '审计记录',
      [
        { header: '序号', value: (x: AuditRow) => x.id, width: 8 },
        { header: '时间', value: (x) => x.at, width: 26 },
        { header: '操作人', value: (x) => x.actor_name },
        { header: '角色', value: (x) => roleName(x.role) },
        { header: '对象', value: (x) => entityName(x.entity) },
        { header: '对象编号', value: (x) => x.entity_id },
        { header: '操作', value: (x) => actionName(x.entity, x.action) },
        { header: '修改前', value: (x) => (x.before_json ? JSON.stringify(contents(x.before_json)) : null), width: 40 },
        { header: '修改后', value: (x) => (x.after_json ? JSON.stringify(contents(x.after_json)) : null), width: 40 },
        { header: '请求编号', value: (x) => x.request_id, width: 38 },
        { header: '哈希', value: (x) => x.hash, width: 66 },
      ],
      rows,
    );
    return sendXlsx(reply, '审计记录.xlsx', xlsx);
  });

  r.post(
    '/checkpoints',
    { config: { permission: 'audit.checkpoint' }, schema: { tags, summary: '生成签名检查点（链头哈希与记录数，Ed25519 签名，写入库外文件）', response: { 201: CheckpointAnswer } } },
    async (_req, reply) => {
      const { file, checkpoint } = await opts.repo.checkpoint();
      reply.code(201);
      return { ...checkpoint, fileName: basename(file) };
    },
  );
}
