import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateUnitBody, ResolveQuery, UnitIdParams, UpdateUnitBody } from './directory.schema.js';
import type { DirectoryService } from './directory.service.js';

/** /api/directory: the county's units. Township and village accounts see their own township's villages. */
export async function directoryRoutes(app: FastifyInstance, opts: { service: DirectoryService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['组织机构'];

  r.get('/units', { config: { permission: 'directory.read' }, schema: { tags, summary: '单位列表' } }, async (req) => {
    const a = req.actor!;
    let items = await service.all();
    if (a.role === 'township_official' || a.role === 'village_committee') {
      // Villages only of their own township; townships, departments and bodies are common knowledge.
      items = items.filter((u) => u.kind !== 'village' || u.parentId === a.townshipId);
    }
    return { items };
  });

  r.get('/resolve', { config: { permission: 'directory.read' }, schema: { tags, summary: '由名称或简称识别单位', querystring: ResolveQuery } }, async (req) => ({
    unit: await service.resolve(req.query.name),
  }));

  r.post('/units', { config: { permission: 'directory.manage' }, schema: { tags, summary: '新增单位', body: CreateUnitBody } }, async (req, reply) => {
    reply.code(201);
    return service.create(req.actor!, req.body);
  });

  r.patch('/units/:id', { config: { permission: 'directory.manage' }, schema: { tags, summary: '修改单位', params: UnitIdParams, body: UpdateUnitBody } }, async (req) =>
    service.update(req.actor!, req.params.id, req.body),
  );
}
