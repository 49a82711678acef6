import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * Failed sign-in attempts counted per account and address, per address and per account (login_throttle), in place
 * of the account's own counter: five wrong passwords typed by anyone locked the account for everyone, the
 * county administrator included, and an unknown account answered differently from a locked one.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();
  // users.failed_attempts and users.locked_until are no longer read or written. They stay: SQLite puts a column added
  // back at the end of its table, so dropping them here could not be undone to the same schema.
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('login_throttle').ifExists().execute();
}
