import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../boot.js';
import { migrator } from '../core/db.js';
import { DIALECTS, freshDb } from '../test/dialects.js';
import { dumpSchema } from '../test/schema-dump.js';

const migrations = allMigrations();

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('produce the schema recorded before they were split by module', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      // schema.<dialect>.snapshot.txt was dumped from the migrations as they stood before the split (one file for six modules).
      const recorded = readFileSync(new URL(`./schema.${dialect}.snapshot.txt`, import.meta.url), 'utf8').trimEnd().split('\n');
      // The schema as it stood at the split: later migrations are undone first.
      const { error } = await migrator(db, migrations).migrateTo('20261128230000-voucher-claim-batch');
      expect(error).toBeUndefined();
      expect((await dumpSchema(db)).join('\n').split('\n')).toEqual(recorded);
    } finally {
      await cleanup();
    }
  });

  it('go all the way down and up again', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const m = migrator(db, migrations);
      for (let i = Object.keys(migrations).length; i > 0; i--) {
        const { error, results } = await m.migrateDown();
        expect(error, String(error)).toBeUndefined();
        expect(results?.[0]?.status).toBe('Success');
      }
      const left =
        dialect === 'sqlite'
          ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(db.kysely)
          : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%'
              union all select routine_name from information_schema.routines where routine_schema = current_schema()
              and (routine_name like 'voucher%' or routine_name like '%_immutable')`.execute(db.kysely);
      expect(left.rows.map((r) => r.name)).toEqual([]);
      const up = await m.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((r) => r.migrationName)).toEqual(Object.keys(migrations));
    } finally {
      await cleanup();
    }
  });

  it('take over a database migrated before the split, running nothing twice', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      // As such a database records it: the six modules' tables under the one old name.
      const k = db.kysely as never as import('kysely').Kysely<{ kysely_migration: { name: string; timestamp: string } }>;
      const split = Object.entries(migrations).filter(([, m]) => m.replaces?.includes('20261128010000-accounts')).map(([n]) => n);
      expect(split).toHaveLength(6);
      await k.deleteFrom('kysely_migration').where('name', 'in', split).execute();
      // Run in one go with the gazette's migration, as a first start ran them.
      const { timestamp } = await k.selectFrom('kysely_migration').select('timestamp').where('name', '=', '20261128000000-gazette').executeTakeFirstOrThrow();
      await k.insertInto('kysely_migration').values({ name: '20261128010000-accounts', timestamp }).execute();
      const { migrateToLatest } = await import('../core/db.js');
      await migrateToLatest(db, migrations);
      const names = (await k.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name);
      expect(names).toEqual(Object.keys(migrations));
    } finally {
      await cleanup();
    }
  });
});
