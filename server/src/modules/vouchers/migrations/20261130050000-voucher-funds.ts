import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { moneyType, tableWithId } from '../../../core/migration-kit.js';

/**
 * The campaign's money as the document moves it: tranches the 工信局 releases to the platform's account, the balance
 * redemptions draw on (one row, updated conditionally), and settlement statements with their four steps.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const money = moneyType(dialect);
  await db.schema
    .createTable('voucher_funds')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('released_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('used_fen', money, (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('voucher_funds_covered', sql`used_fen <= released_fen`)
    .execute();
  await db.insertInto('voucher_funds').values({ id: 1, released_fen: 0, used_fen: 0 }).execute();
  await tableWithId(db, dialect, 'voucher_fund_tranches')
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await tableWithId(db, dialect, 'voucher_settlements')
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('order_fen', money, (c) => c.notNull())
    .addColumn('redeemed_fen', money, (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('filed_by', 'text')
    .addColumn('filed_at', 'text')
    .addColumn('settled_by', 'text')
    .addColumn('settled_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['voucher_settlements', 'voucher_fund_tranches', 'voucher_funds']) await db.schema.dropTable(t).ifExists().execute();
}
