import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../test/dialects.js';
import type { Db } from './db.js';
import { SYSTEM_ACTOR, appendAudit, verifyAuditChain } from './audit.js';

describe.each(DIALECTS)('audit trail on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let another: () => Db;
  beforeAll(async () => {
    ({ db, cleanup, another } = await freshDb(dialect));
    for (let i = 1; i <= 5; i++) {
      await db.kysely.transaction().execute((trx) => appendAudit(trx, dialect, { ...SYSTEM_ACTOR, name: `u${i}` }, { entity: 'thing', entityId: i, action: 'create', after: { n: i, password: 'secret' } }));
    }
  });
  afterAll(() => cleanup());

  it('chains every record to the one before', async () => {
    expect(await verifyAuditChain(db.kysely)).toEqual({ ok: true, checked: 5 });
    const rows = await db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[0].after_json).toContain('[已隐藏]');
  });

  it('chains the records one transaction appends, and what others append after it', async () => {
    const actor = { ...SYSTEM_ACTOR, name: 'batch' };
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) await appendAudit(trx, dialect, actor, { entity: 'thing', entityId: 10 + i, action: 'create' });
    });
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await appendAudit(trx, dialect, actor, { entity: 'thing', entityId: 20, action: 'create' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await appendAudit(db.kysely, dialect, actor, { entity: 'thing', entityId: 21, action: 'create' });
    await db.kysely.transaction().execute((trx) => appendAudit(trx, dialect, actor, { entity: 'thing', entityId: 22, action: 'create' }));
    expect(await verifyAuditChain(db.kysely)).toEqual({ ok: true, checked: 10 });
  });

  it('refuses updates and deletes in the database itself', async () => {
    await expect(sql`update audit_log set action = 'x' where id = 1`.execute(db.kysely)).rejects.toThrow(/不可修改/);
    await expect(sql`delete from audit_log where id = 1`.execute(db.kysely)).rejects.toThrow(/不可修改/);
  });

  it('finds a row altered behind its back', async () => {
    // Someone with database access drops the guard and edits record 3.
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db.kysely);
    else await sql`drop trigger audit_log_no_update`.execute(db.kysely);
    await sql`update audit_log set actor_name = 'mallory' where id = 3`.execute(db.kysely);
    const res = await verifyAuditChain(db.kysely);
    expect(res.ok).toBe(false);
    expect(res.brokenAt).toMatchObject({ id: 3 });
    expect(res.brokenAt!.reason).toMatch(/篡改/);
    expect(res.checked).toBe(2);
  });

  it('links the first record of a transaction to the chain as other connections left it', async () => {
    // 'another' is a second connection pool to the same database, as a second process has.
    const other = another();
    await other.kysely.transaction().execute((trx) => appendAudit(trx, dialect, SYSTEM_ACTOR, { entity: 'thing', entityId: 30, action: 'create' }));
    await db.kysely.transaction().execute((trx) => appendAudit(trx, dialect, SYSTEM_ACTOR, { entity: 'thing', entityId: 31, action: 'create' }));
    const [a, b] = await db.kysely.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(2).execute();
    expect(a!.prev_hash).toBe(b!.hash);
  });
});
