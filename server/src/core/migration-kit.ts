/** Pieces every module's migrations use, written once for both dialects. */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './db.js';

/** `create table <name>` with an integer id that the database assigns (serial / autoincrement). */
export const tableWithId = (db: Kysely<any>, dialect: DialectName, name: string) => {
  const t = db.schema.createTable(name);
  return dialect === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
};

/** The column type for amounts in 分 (fen): 64-bit on PostgreSQL; SQLite's integer is 64-bit already. */
export const moneyType = (dialect: DialectName) => (dialect === 'postgres' ? 'bigint' : 'integer');

/** Refuse every update and delete of a table's rows in the database itself; `message` is what a violation says. */
export async function makeAppendOnly(db: Kysely<any>, dialect: DialectName, table: string, message: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`create or replace function ${sql.raw(`${table}_immutable`)}() returns trigger language plpgsql as $$
      begin raise exception '${sql.raw(message)}'; end $$`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_update`)} before update or delete on ${sql.raw(table)} for each row execute function ${sql.raw(`${table}_immutable`)}()`.execute(db);
  } else {
    await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${sql.raw(table)} begin select raise(abort, '${sql.raw(message)}'); end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.raw(table)} begin select raise(abort, '${sql.raw(message)}'); end`.execute(db);
  }
}

/** Drop what makeAppendOnly made beyond the table's own triggers (PostgreSQL's function). */
export async function dropAppendOnly(db: Kysely<any>, dialect: DialectName, table: string): Promise<void> {
  if (dialect === 'postgres') await sql`drop function if exists ${sql.raw(`${table}_immutable`)} cascade`.execute(db);
}
