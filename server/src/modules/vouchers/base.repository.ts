/** What every part of the vouchers' SQL shares: the database, through one connection pool. */
import type { Kysely } from 'kysely';
import type { Database, Db } from '../../core/db.js';

/** The base of the vouchers' repositories (each concern in its own file, all in one VouchersRepository). */
export class RepositoryBase {
  constructor(readonly db: Db) {}

  protected get k(): Kysely<Database> {
    return this.db.kysely;
  }
}
