/** Who reads and runs what in 村庄规划编制: the townships their villages, the 县自然资源局 the whole county. */
import { body, role, scopeOf, type Access, type Party, type Scope } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { forbidden } from '../../core/errors.js';
import { RESPONSIBLE_BODY, REVIEWER_BODY } from './villageplan.rules.js';

/**
 * 「自然资源部门要做好数据保障、资料收集、技术指导、规划审查和业务培训工作」 (交政发〔2022〕3号 六、（一））: the bureau checks the
 * classifications and approves and files the plans; the townships are 「责任主体」 and run the rest.
 */
export const BODIES = { reviewer: { code: REVIEWER_BODY, name: '县自然资源局' } } as const;
/** The county's steps: the bureau's officials, and the county administrator who stands in for it. */
export const REVIEWER: readonly Party[] = [body('reviewer'), role('county_admin')];

/** What the actor reads: the bureau and the county the whole county, a township its villages, a village its own. */
export async function scopeOfPlans(access: Access, actor: Actor): Promise<Scope> {
  if (await access.isBody(actor, 'reviewer')) return { kind: 'county' };
  const s = scopeOf(actor);
  // Other bureaus have no part in the plans (inferred: the text names only the 自然资源部门 as reviewer).
  return s.kind === 'unit' || s.kind === 'own' ? { kind: 'none' } : s;
}

/** The townships a scope reads (undefined: all). */
export function townshipsOf(s: Scope): number[] | undefined {
  if (s.kind === 'county') return undefined;
  if (s.kind === 'township') return [s.townshipId];
  if (s.kind === 'village') return s.townshipId ? [s.townshipId] : [];
  return [];
}

/** Whether the actor runs the county's steps. */
export const isReviewer = async (access: Access, actor: Actor) => (await access.which(actor, REVIEWER, {})) !== null;

/** The township an actor classifies and plans for; 403 for anyone else. */
export function ownTownship(actor: Actor): number {
  if (actor.role !== 'township_official' || !actor.unitId) throw forbidden(`村庄分类、规划评估和规划编制由${RESPONSIBLE_BODY}（责任主体）办理`);
  return actor.unitId;
}
