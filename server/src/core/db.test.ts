import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../test/dialects.js';
import { precompile, type Db } from './db.js';

const insert = precompile((k, p: { entity: string; entity_id: string | null; action: string }) =>
  k.insertInto('audit_log').values({ at: 't', actor_id: null, actor_name: 'a', role: 'system', entity: p.entity, entity_id: p.entity_id, action: p.action, before_json: null, after_json: null, request_id: null, prev_hash: 'p', hash: p.action }),
);
const byEntity = precompile((k, p: { entity: string; a: string; b: string }) =>
  k.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', p.entity).where('entity_id', 'in', [p.a, p.b]).orderBy('id').limit(2),
);

describe.each(DIALECTS)('precompiled queries on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await freshDb(dialect)));
  afterAll(() => cleanup());

  it('binds each call its own values, keeps the constants written in, and binds undefined as null', async () => {
    await db.transaction(async (trx) => {
      for (const [id, action] of [['1', 'a1'], ['2', 'a2'], ['3', 'a3']] as const) await insert(trx, dialect, { entity: 'pre', entity_id: id, action });
    });
    await insert(db.kysely, dialect, { entity: 'pre', entity_id: undefined as unknown as null, action: 'a4' });
    const ids = (rows: { entity_id: string | null }[]) => rows.map((r) => r.entity_id);
    expect(ids((await byEntity(db.kysely, dialect, { entity: 'pre', a: '3', b: '1' })).rows)).toEqual(['1', '3']);
    expect(ids((await byEntity(db.kysely, dialect, { entity: 'pre', a: '1', b: '2' })).rows)).toEqual(['1', '2']);
    expect((await byEntity(db.kysely, dialect, { entity: 'other', a: '1', b: '2' })).rows).toEqual([]);
    const last = await db.kysely.selectFrom('audit_log').select('entity_id').where('action', '=', 'a4').executeTakeFirst();
    expect(last).toEqual({ entity_id: null });
  });
});
