/** Who reads and runs what in 涉农资金统筹整合: a township its own projects, the county bodies the whole county. */
import { TOWNSHIP, body, role, scopeOf, type Access, type Party, type Scope } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';

/**
 * 交政办发〔2022〕8号 names 「各项目主管部门」 (who 「核实检查」 the progress), 「项目实施责任单位」 and 「各乡镇」; it names no single
 * bureau. Inferred: the 县农业农村局 and the 县乡村振兴局 (the 行业主管部门 of these funds) review, approve, verify, accept
 * and evaluate; the 县财政局 pays and settles (资金拨付、结算报账 are the treasury's); the township, as 实施责任单位,
 * runs the rest. The county administrator stands in for any county body.
 */
export const BODIES = {
  farm: { code: 'JC-NYNCJ', name: '县农业农村局' },
  revival: { code: 'JC-XCZXJ', name: '县乡村振兴局' },
  finance: { code: 'JC-CZJ', name: '县财政局' },
  // 「审计部门……违法违纪案件线索及时移交县纪委监委」 (六、（二）).
  audit: { code: 'JC-SJJ', name: '县审计局' },
  discipline: { code: 'JC-JW', name: '中共交城县纪律检查委员会' },
} as const;
export const AUTHORITY: readonly Party[] = [body('farm'), body('revival'), role('county_admin')];
export const FINANCE: readonly Party[] = [body('finance'), role('county_admin')];
export const IMPLEMENTER: readonly Party[] = [TOWNSHIP];
/** Who draws and concludes the 抽查: the 县审计局's officials and the auditor accounts. */
export const AUDITOR: readonly Party[] = [body('audit'), role('auditor')];
/** Who receives and handles the leads: the 县纪委监委 (the county administrator stands in, as for every county body). */
export const DISCIPLINE: readonly Party[] = [body('discipline'), role('county_admin')];

/** Whether the actor is one of the county bodies (reads the whole county). */
export async function isCounty(access: Access, actor: Actor): Promise<boolean> {
  return (await access.which(actor, [...AUTHORITY, ...FINANCE, ...AUDITOR, ...DISCIPLINE], {})) !== null;
}

/** The townships an actor reads (undefined: all; [] none): the county bodies all, a township its own. */
export async function townshipsOf(access: Access, actor: Actor): Promise<number[] | undefined> {
  if (await isCounty(access, actor)) return undefined;
  const s: Scope = scopeOf(actor);
  if (s.kind === 'county') return undefined;
  if (s.kind === 'township') return [s.townshipId];
  if (s.kind === 'village' && s.townshipId) return [s.townshipId];
  // Other bureaus have no part in these projects (inferred).
  return [];
}
