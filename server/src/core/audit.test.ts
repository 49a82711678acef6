import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../test/dialects.js';
import type { Db } from './db.js';
import { SYSTEM_ACTOR, appendAudit, verifyAuditChain } from './audit.js';

describe.each(DIALECTS)('audit trail on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await freshDb(dialect));
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
});
