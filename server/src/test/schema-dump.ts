/** The schema a database holds, as comparable text: what the migrations produced, independent of how they are split. */
import { sql } from 'kysely';
import type { Db } from '../core/db.js';

/** Every table, column, index, constraint, trigger and function of the database's current schema, sorted. */
export async function dumpSchema(db: Db): Promise<string[]> {
  const k = db.kysely;
  if (db.dialect === 'sqlite') {
    const rows = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master where name not like 'sqlite_%' and name not like 'kysely_%' order by type, name`.execute(k);
    return rows.rows.map((r) => `${r.type} ${r.name}: ${r.sql ?? ''}`);
  }
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(k)).rows[0].s;
  const strip = (s: string) => s.split(`${schema}.`).join('');
  const columns = await sql<{ t: string; c: string; type: string; nullable: string; def: string | null }>`
    select table_name as t, column_name as c, data_type as type, is_nullable as nullable, column_default as def
    from information_schema.columns where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(k);
  const constraints = await sql<{ t: string; name: string; def: string }>`
    select rel.relname as t, con.conname as name, pg_get_constraintdef(con.oid) as def
    from pg_constraint con join pg_class rel on rel.oid = con.conrelid join pg_namespace n on n.oid = rel.relnamespace
    where n.nspname = current_schema() and rel.relname not like 'kysely_%'`.execute(k);
  const indexes = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(k);
  const triggers = await sql<{ name: string; def: string }>`
    select t.tgname as name, pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and not t.tgisinternal`.execute(k);
  const functions = await sql<{ name: string; def: string }>`
    select p.proname as name, pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema() and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`.execute(k);
  return [
    ...columns.rows.map((r) => `column ${r.t}.${r.c}: ${r.type} ${r.nullable} ${strip(r.def ?? '')}`),
    ...constraints.rows.map((r) => `constraint ${r.t}.${r.name}: ${strip(r.def)}`),
    ...indexes.rows.map((r) => `index ${r.name}: ${strip(r.def)}`),
    ...triggers.rows.map((r) => `trigger ${r.name}: ${strip(r.def)}`),
    ...functions.rows.map((r) => `function ${r.name}: ${strip(r.def)}`),
  ].sort();
}
