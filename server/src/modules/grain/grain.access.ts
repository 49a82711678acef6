/** Who reads and runs what in 粮食: the bodies the notices name, by directory code, and the readers of the reserve. */
import { body, role, type Access, type Party } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { forbidden } from '../../core/errors.js';

/**
 * 交政发〔2022〕8号 names the centre (the applicant), 县发展和改革局 (指导、监督及行政管理), 县财政局 (成本审核、补贴拨付)
 * and 县农发行 (贷款、销售款回笼); 交政办函〔2022〕13号 is the county's to the townships, kept by 县农业农村局 (inferred:
 * the bureau of grain production). The directory lacks the bank, so it is declared with `add`.
 */
export const BODIES = {
  centre: { code: 'JC-LSCB', name: '县粮食和物资储备中心' },
  reform: { code: 'JC-FGJ', name: '县发展和改革局' },
  finance: { code: 'JC-CZJ', name: '县财政局' },
  bank: { code: 'JC-NFH', name: '中国农业发展银行交城县支行', add: { kind: 'body', shortNames: ['县农发行', '农发行'], note: '储备粮轮入贷款、销售款回笼（交政发〔2022〕8号）' } },
  farm: { code: 'JC-NYNCJ', name: '县农业农村局' },
} as const;

const ADMIN = role('county_admin');
export const CENTRE: readonly Party[] = [body('centre'), ADMIN];
export const REFORM: readonly Party[] = [body('reform'), ADMIN];
export const FINANCE: readonly Party[] = [body('finance'), ADMIN];
export const BANK: readonly Party[] = [body('bank'), ADMIN];
export const FARM: readonly Party[] = [body('farm'), ADMIN];

/** Who reads the whole reserve: the four bodies of the notice, the county administrator, the auditor. */
const READERS: readonly Party[] = [body('centre'), body('reform'), body('finance'), body('bank'), ADMIN, role('auditor')];

/** The reserve as an actor reads it: whole, or a 承储企业 its own lots and rotations. */
export type ReserveScope = { kind: 'county' } | { kind: 'own'; userId: number };

/** The actor's reserve scope; anyone else is refused. */
export async function reserveScope(access: Access, actor: Actor): Promise<ReserveScope> {
  if (await access.which(actor, READERS, {})) return { kind: 'county' };
  if (actor.role === 'service_org' && actor.userId) return { kind: 'own', userId: actor.userId };
  throw forbidden('县级储备粮台账由县粮食和物资储备中心、县发展和改革局、县财政局、县农发行及承储企业查看');
}

/** Throws 403 unless the actor is one of the parties. */
export async function requireParty(access: Access, actor: Actor, parties: readonly Party[], what: string): Promise<void> {
  await access.require(actor, parties, {}, what);
}
