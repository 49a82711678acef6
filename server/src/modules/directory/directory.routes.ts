import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Items, Xlsx } from '../../core/schema.js';
import { CreateUnitBody, ResolveQuery, UnitIdParams, UnitSchema, UpdateUnitBody } from './directory.schema.js';
import type { DirectoryService, Unit } from './directory.service.js';
import { sendXlsx, toXlsx } from '../../core/excel.js';

const KIND_LABELS: Record<Unit['kind'], string> = { county: '县', township: '乡镇', village: '村（社区）', department: '县直部门', body: '其他机构' };

/** /api/directory: the county's units. Township and village accounts see their own township's villages. */
export async function directoryRoutes(app: FastifyInstance, opts: { service: DirectoryService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['组织机构'];

  r.get('/units', { config: { permission: 'directory.read' }, schema: { tags, summary: '单位列表', response: { 200: Items(UnitSchema) } } }, async (req) => {
    const a = req.actor!;
    let items = await service.all();
    if (a.role === 'township_official' || a.role === 'village_committee') {
      // Villages only of their own township; townships, departments and bodies are common knowledge.
      items = items.filter((u) => u.kind !== 'village' || u.parentId === a.townshipId);
    }
    return { items };
  });

  // Townships and villages are public administrative divisions: service organisations and farmers pick them in forms.
  r.get('/places', { config: { permission: 'public' }, schema: { tags, summary: '乡镇与村（公开的行政区划）', response: { 200: Items(z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['township', 'village']), parentId: z.number().int().nullable() })) } } }, async () => ({
    items: (await service.all()).filter((u) => u.kind === 'township' || u.kind === 'village').map((u) => ({ id: u.id, name: u.name, kind: u.kind as 'township' | 'village', parentId: u.parentId })),
  }));

  r.get('/units.xlsx', { config: { permission: 'directory.read' }, schema: { tags, summary: '导出组织机构（Excel）', response: { 200: Xlsx } } }, async (_req, reply) => {
    const units = await service.all();
    const name = new Map(units.map((u) => [u.id, u.name]));
    const xlsx = await toXlsx(
      '组织机构',
      [
        { header: '名称', value: (u: Unit) => u.name, width: 30 },
        { header: '类型', value: (u) => KIND_LABELS[u.kind] },
        { header: '区划代码', value: (u) => u.code, width: 16 },
        { header: '上级', value: (u) => (u.parentId ? name.get(u.parentId) : '') },
        { header: '简称', value: (u) => u.shortNames.join('、'), width: 30 },
        { header: '备注', value: (u) => u.note, width: 40 },
      ],
      units,
    );
    return sendXlsx(reply, '组织机构.xlsx', xlsx);
  });

  r.get('/resolve', { config: { permission: 'directory.read' }, schema: { tags, summary: '由名称或简称识别单位', querystring: ResolveQuery, response: { 200: z.object({ unit: UnitSchema.nullable() }) } } }, async (req) => ({
    unit: await service.resolve(req.query.name),
  }));

  r.post('/units', { config: { permission: 'directory.manage' }, schema: { tags, summary: '新增单位', body: CreateUnitBody, response: { 201: UnitSchema } } }, async (req, reply) => {
    reply.code(201);
    return service.create(req.actor!, req.body);
  });

  r.patch('/units/:id', { config: { permission: 'directory.manage' }, schema: { tags, summary: '修改单位', params: UnitIdParams, body: UpdateUnitBody, response: { 200: UnitSchema } } }, async (req) =>
    service.update(req.actor!, req.params.id, req.body),
  );
}
