/** Who acts in the programme, as parties of the access kit: the bodies by their manifest key (directory code), never by name. */
import { body, role, type Access, type Party } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { forbidden } from '../../core/errors.js';
import type { Bureau } from './vouchers.rules.js';

/** A body of the document as a party. */
export const bureau = (key: Bureau): Party => body(key);

/** 县工信局 (the campaign's 工作专班办公室), or the county administrator who runs the system. */
export const OFFICE: readonly Party[] = [bureau('industry'), role('county_admin')];
/** 县工信局 会同 县统计局: the merchant reviewers. */
export const REVIEWERS: readonly Party[] = [bureau('industry'), bureau('statistics')];
/** Who reads the fraud leads: the two bureaus that 查实 and the one that keeps the merchant list. */
export const LEAD_READERS: readonly Party[] = [bureau('police'), bureau('market'), bureau('industry')];
/** Who sees a merchant's full credit code. */
export const FULL_CODE_READERS: readonly Party[] = [bureau('industry'), bureau('statistics'), bureau('police'), bureau('market')];

/** Throws 403 with `message` unless the actor is one of `parties` (none of these checks depends on a record). */
export async function requireParty(access: Access, actor: Actor, parties: readonly Party[], message: string): Promise<Party> {
  const via = await access.which(actor, parties, {});
  if (!via) throw forbidden(message);
  return via;
}

/** The body among `keys` the actor is the official of, if any. */
export async function bureauAmong<K extends Bureau>(access: Access, actor: Actor, keys: readonly K[]): Promise<K | null> {
  for (const k of keys) if (await access.isBody(actor, k)) return k;
  return null;
}
