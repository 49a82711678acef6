import { describe, expect, it } from 'vitest';
import { FifoMutex } from './sqlite-driver.js';

describe('FifoMutex', () => {
  it('serves waiters in the order they came, one per release, and is free once the queue is empty', async () => {
    const m = new FifoMutex();
    const order: number[] = [];
    await m.lock();
    const waiters = [1, 2, 3].map((n) => m.lock().then(() => order.push(n)));
    expect(m.queued).toBe(3);
    for (let i = 0; i < 3; i++) {
      m.unlock();
      await waiters[i];
    }
    expect(order).toEqual([1, 2, 3]);
    m.unlock();
    expect(m.queued).toBe(0);
    // Free again: the next lock is taken at once.
    let taken = false;
    await m.lock().then(() => (taken = true));
    expect(taken).toBe(true);
  });
});

describe('the SQLite Db', () => {
  it('keeps units of work apart, rolls one back alone, and answers outside them from the database', async () => {
    const { openDb } = await import('./db.js');
    const { sql } = await import('kysely');
    const db = openDb({});
    try {
      await sql`create table t (id integer primary key, v text not null)`.execute(db.kysely);
      const insert = (v: string) => sql`insert into t (v) values (${v})`.execute(db.kysely);
      const count = async () => (await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely)).rows[0]!.n;
      const failed = db.unitOfWork(async () => {
        await insert('a');
        await insert('b');
        throw new Error('refused');
      });
      const kept = db.unitOfWork(async () => {
        await insert('c');
        return count();
      });
      await expect(failed).rejects.toThrow('refused');
      expect(await kept).toBe(1);
      // After the last unit of work, queries run on their own again; a second round works the same.
      expect(await count()).toBe(1);
      expect(await db.unitOfWork(async () => (await insert('d'), count()))).toBe(2);
      // A statement prepared before a schema change is still right after it.
      await sql`alter table t add column w text`.execute(db.kysely);
      expect(await count()).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
