import type { Kysely } from 'kysely';
import type { DialectName } from '../../core/db.js';
import * as gazette from './20261128000000-gazette.js';
import * as accounts from './20261128010000-accounts.js';
import * as vouchers from './20261128020000-vouchers.js';
import * as voucherClaimBatch from './20261128230000-voucher-claim-batch.js';

export interface DialectMigration {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  down(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Every migration, in order; names sort by their timestamp. */
export const migrations: Record<string, DialectMigration> = {
  '20261128000000-gazette': gazette,
  '20261128010000-accounts': accounts,
  '20261128020000-vouchers': vouchers,
  '20261128230000-voucher-claim-batch': voucherClaimBatch,
};
