import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { moneyType, tableWithId } from '../../../core/migration-kit.js';

/** Consumption vouchers (交政办发〔2022〕13号): campaign, categories, kinds, rounds, merchants, claims, redemptions. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const withId = (name: string) => tableWithId(db, dialect, name);
  const money = moneyType(dialect);

  await withId('voucher_categories')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('budget_fen', money, (c) => c.notNull())
    // Face value of vouchers claimed and not expired, plus value redeemed: never above the budget.
    .addColumn('committed_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('redeemed_fen', money, (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('voucher_categories_within_budget', sql`committed_fen <= budget_fen and committed_fen >= 0 and redeemed_fen >= 0`)
    .execute();

  await withId('voucher_kinds')
    .addColumn('category_id', 'integer', (c) => c.notNull().references('voucher_categories.id'))
    .addColumn('threshold_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money, (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();

  await withId('voucher_rounds')
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .execute();

  await db.schema
    .createTable('voucher_round_quotas')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('voucher_rounds.id'))
    .addColumn('kind_id', 'integer', (c) => c.notNull().references('voucher_kinds.id'))
    .addColumn('released', 'integer', (c) => c.notNull())
    .addColumn('claimed', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('voucher_round_quotas_pk', ['round_id', 'kind_id'])
    .addCheckConstraint('voucher_round_quotas_within', sql`claimed <= released and claimed >= 0`)
    .execute();

  await withId('merchants')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('above_quota', 'integer', (c) => c.notNull())
    .addColumn('stores', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('owner_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('industry_approved_by', 'text')
    .addColumn('industry_approved_at', 'text')
    .addColumn('statistics_approved_by', 'text')
    .addColumn('statistics_approved_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('batch_no', 'integer')
    .addColumn('effective_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('merchant_cashiers')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('merchant_id', 'integer', (c) => c.notNull().references('merchants.id'))
    .execute();

  await withId('vouchers')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('voucher_rounds.id'))
    .addColumn('kind_id', 'integer', (c) => c.notNull().references('voucher_kinds.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('voucher_categories.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('face_fen', money, (c) => c.notNull())
    .addColumn('threshold_fen', money, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('lng', 'real', (c) => c.notNull())
    .addColumn('lat', 'real', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .execute();
  // One of each kind per resident per round, by construction.
  await db.schema.createIndex('vouchers_one_per_kind').on('vouchers').columns(['round_id', 'kind_id', 'user_id']).unique().execute();
  await db.schema.createIndex('vouchers_user').on('vouchers').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('vouchers_expiry').on('vouchers').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('payment_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await withId('voucher_redemptions')
    .addColumn('voucher_id', 'integer', (c) => c.notNull().references('vouchers.id'))
    .addColumn('merchant_id', 'integer', (c) => c.notNull().references('merchants.id'))
    .addColumn('cashier_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('txn_no', 'text', (c) => c.notNull())
    .addColumn('order_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money, (c) => c.notNull())
    .addColumn('redeemed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reversed_at', 'text')
    .execute();
  // The same transaction number never redeems twice; a voucher has at most one live redemption.
  await db.schema.createIndex('voucher_redemptions_txn').on('voucher_redemptions').columns(['merchant_id', 'txn_no']).unique().execute();
  await sql`create unique index voucher_redemptions_live on voucher_redemptions (voucher_id) where status = 'active'`.execute(db);
  await db.schema.createIndex('voucher_redemptions_merchant').on('voucher_redemptions').columns(['merchant_id', 'redeemed_at']).execute();

  await withId('voucher_disqualifications')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voucher_disqualifications_subject').on('voucher_disqualifications').columns(['subject', 'subject_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['voucher_disqualifications', 'voucher_redemptions', 'payment_codes', 'vouchers', 'merchant_cashiers', 'merchants', 'voucher_round_quotas', 'voucher_rounds', 'voucher_kinds', 'voucher_categories']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
