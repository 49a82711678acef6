/**
 * Demo installs only (never production): the tasks of 交政办发〔2022〕6号 extracted, and a few of them assigned,
 * signed and reported, so the tracker, the workbench and the dashboard show a county office at work.
 */
import type { Actor } from '../../core/audit.js';
import type { SupervisionService } from './supervision.service.js';

const DOC = '交政办发〔2022〕6号';

/** Extract, then assign the first tasks that name a lead and a deadline; their units sign and report on some. */
export async function seedSupervisionDemo(service: SupervisionService, countyUnitId: number | null): Promise<string[]> {
  const office: Actor = { userId: null, name: '演示数据（县政府办公室）', role: 'county_admin', unitId: countyUnitId, townshipId: null };
  if ((await service.list(office, {}, 1, 1)).total > 0) return [];
  // An install that does not import the bundled gazette (SEED_GAZETTE=false) has no document to extract from.
  const extracted = await service.extract(office, DOC).catch(() => null);
  if (!extracted) return [];
  const { found } = extracted;
  const { items } = await service.list(office, { docNumber: DOC, status: 'proposed' }, 1, 100);
  const ready = items.filter((t) => t.units.some((u) => u.part === 'lead') && (t.deadline || t.recurrence)).slice(0, 12);
  let reported = 0;
  let assigned = 0;
  for (const [i, t] of ready.entries()) {
    // Near a year the working-day calendar does not know yet, signing deadlines cannot be counted: the demo then
    // leaves the rest as proposals rather than the install failing to start.
    try {
      await service.confirm(office, t.id);
      assigned++;
    } catch {
      break;
    }
    if (i % 3 === 2) continue; // some are not yet signed for
    const lead = t.units.find((u) => u.part === 'lead')!;
    const unit: Actor = { userId: null, name: `演示数据（${lead.unitName}）`, role: 'department_official', unitId: lead.unitId, townshipId: null };
    await service.sign(unit, t.id);
    if (i % 2 === 0) {
      await service.report(unit, t.id, { text: '已制定方案并组织实施，按月调度进度', percent: 30 + 10 * (i % 5), values: t.targets.map(() => null), consolidated: false });
      reported++;
    }
  }
  return [`督查督办演示数据：从 ${DOC} 抽取 ${found} 项任务，交办 ${assigned} 项，报送进展 ${reported} 项`];
}
