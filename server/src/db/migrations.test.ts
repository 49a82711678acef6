import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrator } from '../core/db.js';
import { DIALECTS, freshDb } from '../test/dialects.js';
import { migrations } from './migrations/index.js';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('go all the way down and up again', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const m = migrator(db);
      for (let i = Object.keys(migrations).length; i > 0; i--) {
        const { error, results } = await m.migrateDown();
        expect(error, String(error)).toBeUndefined();
        expect(results?.[0]?.status).toBe('Success');
      }
      const left =
        dialect === 'sqlite'
          ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(db.kysely)
          : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%'
              union all select routine_name from information_schema.routines where routine_schema = current_schema() and routine_name like 'voucher%'`.execute(db.kysely);
      expect(left.rows.map((r) => r.name)).toEqual([]);
      const up = await m.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((r) => r.migrationName)).toEqual(Object.keys(migrations));
    } finally {
      await cleanup();
    }
  });
});
