/** Who reads and runs what in 农村改厕: the office by its directory code, and the register's scopes. */
import { body, inScope, role, scopeOf, type Access, type Party, type Scope } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { forbidden } from '../../core/errors.js';
import type { HouseholdFilter, HouseholdRow } from './toilets.repository.js';

/** The county body that runs the programme: 「领导小组下设办公室，办公室设在县农业农村局」 (交政办发〔2022〕10号 六、（一）). */
export const BODIES = { office: { code: 'JC-NYNCJ', name: '县农业农村局' } } as const;
export const OFFICE = BODIES.office.name;
/** The county steps: the office's officials, and the county administrator who stands in for it. */
export const COUNTY: readonly Party[] = [body('office'), role('county_admin')];

/**
 * The register as an actor reads it: the county (and every bureau, masked) all of it, a township its villages, a
 * village its own, a household its own file.
 */
export function scopeOfToilets(actor: Actor): Scope {
  const s = scopeOf(actor);
  // The bureaus read the whole register masked (the office runs it; the others cross-check it).
  return s.kind === 'unit' ? { kind: 'county' } : s;
}

/** The repository's filter for a scope. */
export function filterOf(s: Scope): HouseholdFilter {
  switch (s.kind) {
    case 'county':
      return {};
    case 'township':
      return { townshipIds: [s.townshipId] };
    case 'village':
      return { villageIds: [s.villageId] };
    case 'own':
      return { userId: s.userId };
    default:
      return { villageIds: [] };
  }
}

/** A household's anchors for the access checks. */
export const relationsOf = (h: HouseholdRow) => ({ townshipId: h.township_id, villageId: h.village_id, ownerUserId: h.user_id });

export const householdInScope = (actor: Actor, h: HouseholdRow) => inScope(scopeOfToilets(actor), relationsOf(h));

/** Those who work the household's file in full (the village and township that run it; the household itself). */
export function reveals(actor: Actor, h: HouseholdRow): boolean {
  const s = scopeOfToilets(actor);
  return (s.kind === 'township' || s.kind === 'village' || s.kind === 'own') && inScope(s, relationsOf(h));
}

/** The programme's registers, money and reports are the offices'; a household reads its own file only. */
export function staffOnly(actor: Actor): Scope {
  const s = scopeOfToilets(actor);
  if (s.kind === 'own') throw forbidden('居民只能查看本户的改厕档案（「我家的改厕」）');
  return s;
}

/** Whether the actor runs the county's steps (the office or the county administrator). */
export const isOffice = async (access: Access, actor: Actor) => (await access.which(actor, COUNTY, {})) !== null;

/** Throws 403 unless the actor runs the county's steps. */
export async function requireOffice(access: Access, actor: Actor) {
  if (!(await isOffice(access, actor))) throw forbidden(`此项由${OFFICE}（县农村改厕工作领导小组办公室）办理`);
}
