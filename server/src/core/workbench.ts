/** The workbench (我的待办): what waits on the logged-in user, gathered from every module's manifest. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleRegistry } from './module.js';

export const WorkItemSchema = z.object({
  module: z.string(),
  title: z.string(),
  count: z.number().int(),
  deadline: z.string().nullable().optional(),
  link: z.string(),
});
export const WorkbenchResponse = z.object({ items: z.array(WorkItemSchema), total: z.number().int() });

/** GET /api/workbench. */
export async function workbenchRoutes(app: FastifyInstance, opts: { registry: ModuleRegistry }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/', { config: { permission: 'workbench' }, schema: { tags: ['我的待办'], summary: '等待我办理的事项（来自各模块）', response: { 200: WorkbenchResponse } } }, async (req) => {
    const items = await opts.registry.workbench(req.actor!);
    // Deadlines first, earliest first; then by count.
    items.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || b.count - a.count);
    return { items, total: items.reduce((n, i) => n + i.count, 0) };
  });
}
