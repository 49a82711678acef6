/** Who reads and runs what in 职业技能大赛: the office, the managing units by directory code, registering units, contestants. */
import { body, role, type Access, type BodyDeclaration, type Party } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { forbidden } from '../../core/errors.js';
import { MANAGING_UNITS, type ManagingKey } from './skills.rules.js';

/**
 * 「筹备组下设办公室，办公室设在县创业就业服务中心」 (交政办发〔2022〕15号 附件1); the 县人社局 leads it (组长 of the 人社局 is 副组长),
 * so both run the office's steps.
 */
export const BODIES: Record<string, BodyDeclaration> = {
  office: { code: 'JC-CYJY', name: '县创业就业服务中心' },
  ...MANAGING_UNITS,
};
export const OFFICE_NAME = '大赛筹备组办公室（县创业就业服务中心）';
export const OFFICE: readonly Party[] = [body('office'), body('hrss'), role('county_admin')];

/** Whether the actor runs the office's steps. */
export const isOffice = async (access: Access, actor: Actor) => (await access.which(actor, OFFICE, {})) !== null || actor.role === 'auditor';

/** Whether the actor may take the office's steps (the auditor reads the office's pages but takes none). */
export const runsOffice = async (access: Access, actor: Actor) => actor.role !== 'auditor' && (await access.which(actor, OFFICE, {})) !== null;

/** Throws 403 unless the actor runs the office's steps (the auditor reads only). */
export async function requireOffice(access: Access, actor: Actor) {
  if (!(await runsOffice(access, actor))) throw forbidden(`此项由${OFFICE_NAME}或县人社局办理`);
}

/** The managing units the actor is the official of. */
export async function managingKeysOf(access: Access, actor: Actor): Promise<ManagingKey[]> {
  if (actor.role !== 'department_official') return [];
  const out: ManagingKey[] = [];
  for (const k of Object.keys(MANAGING_UNITS) as ManagingKey[]) if (await access.isBody(actor, k)) out.push(k);
  return out;
}
