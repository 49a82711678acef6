/** 农村改厕's live figures for other modules' targets (督办): read from the households each time they are shown. */
import type { Indicator } from '../../core/module.js';
import type { ToiletsRepository } from './toilets.repository.js';
import { FROM } from './toilets.states.js';

/** 五方验收合格的厕所 and 摸底户数, county-wide or for one township (or village). */
export function toiletIndicators(repo: ToiletsRepository): Record<string, Indicator> {
  // One grouped read (township, village, status): small however many households there are.
  const count = async (unitId: number | undefined, keep: (status: string) => boolean) => {
    const rows = await repo.progress();
    return rows.filter((r) => (unitId === undefined || r.township_id === unitId || r.village_id === unitId) && keep(r.status)).reduce((n, r) => n + Number(r.n), 0);
  };
  return {
    accepted: { label: '五方验收合格的厕所', unit: '座', perUnit: true, value: (s) => count(s?.unitId, (st) => (FROM.accepted as string[]).includes(st)) },
    surveyed: { label: '摸底户数', unit: '户', perUnit: true, value: (s) => count(s?.unitId, () => true) },
  };
}
