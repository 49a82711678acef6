import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { AccountsRepository } from './accounts.repository.js';
import { insertUsers } from '../../test/builders.js';

describe.each(DIALECTS)('session lookups on %s', (dialect) => {
  it('answers many at once, each with its own session, and nothing for unknown ones', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const at = '2022-06-01T00:00:00.000Z';
      const users = (await insertUsers(db, 30, { prefix: 's' })).map((id) => ({ id }));
      const id = (i: number) => createHash('sha256').update(`token-${i}`).digest('hex');
      await db.kysely
        .insertInto('sessions')
        .values(users.map((u, i) => ({ id: id(i), user_id: u.id, csrf_token: `csrf-${i}`, created_at: at, last_seen_at: at, expires_at: '2099-01-01T00:00:00.000Z' })))
        .execute();
      const repo = new AccountsRepository(db);
      // Asked together (as in a rush), with repeats and unknown tokens among them.
      const asked = [...users.keys(), 3, 7, 100, 101];
      const found = await Promise.all(asked.map((i) => repo.sessionWithUser(id(i))));
      found.forEach((s, k) => {
        const i = asked[k];
        if (i >= users.length) expect(s).toBeUndefined();
        else expect(s).toMatchObject({ id: id(i), csrf_token: `csrf-${i}`, user_id: users[i].id, username: `s${i}` });
      });
    } finally {
      await cleanup();
    }
  });
});
