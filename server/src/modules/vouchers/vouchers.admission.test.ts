import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { Batcher } from '../../core/batcher.js';
import { LoopLag } from '../../core/pressure.js';
import { hashPassword } from '../../core/auth.js';
import { insertUsers } from '../../test/builders.js';
import { expectInvariants, launchCampaign } from './vouchers.testing.js';
import { VouchersRepository } from './vouchers.repository.js';

const SEAT = { lng: 112.156, lat: 37.552 }; // 交城县城

describe.each(DIALECTS)('a Saturday that degrades gracefully on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // A target of 1 ms: any claim still waiting after the test's pause has waited past it.
    t = await testApp(dialect, { now: () => '2022-06-11T03:00:00.000Z', seed: ['vouchers'], env: { VOUCHER_CLAIM_WAIT_MS: '1', LOAD_SHEDDING: 'on' } });
    await launchCampaign(t.app.registry.service('vouchers'));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  it('turns a claim away before reading it while the event loop runs late, and writes nothing', async () => {
    const [id] = await insertUsers(t.db, 1, { prefix: 'late', passwordHash: await hashPassword('late2022abc') });
    const s = await t.login('late0', 'late2022abc');
    const count = async () => (await t.db.kysely.selectFrom('vouchers').select('id').where('user_id', '=', id).execute()).length;
    // A loop 300 ms late: a new request would wait two such turns unread, past the 1 ms target.
    const lag = vi.spyOn(LoopLag.prototype, 'ms', 'get').mockReturnValue(300);
    // Not even the body is read: a malformed one is answered 503, not 400.
    const shed = await t.app.inject({ method: 'POST', url: '/api/vouchers/claims', headers: s.headers, payload: { kindId: 'x' } });
    lag.mockRestore();
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    expect(shed.headers['x-request-id']).toBeTruthy();
    expect(shed.json().error).toMatchObject({ id: 'UNAVAILABLE', message: expect.stringContaining('排队') });
    expect(await count()).toBe(0);
    // Other routes are not shed.
    const lagAgain = vi.spyOn(LoopLag.prototype, 'ms', 'get').mockReturnValue(300);
    const mine = await t.app.inject({ method: 'GET', url: '/api/vouchers/mine', headers: s.headers });
    lagAgain.mockRestore();
    expect(mine.statusCode).toBe(200);
  });

  it('answers 503 with Retry-After once the oldest waiting claim has waited past the target, writes nothing for it, and the retry succeeds', async () => {
    // The rule under test here is the queue's wait; the loop's own lateness is held at zero.
    vi.spyOn(LoopLag.prototype, 'ms', 'get').mockReturnValue(0);
    const ids = await insertUsers(t.db, 3, { prefix: 'rush', passwordHash: await hashPassword('rush2022abc') });
    const [inFlight, queued, late] = await Promise.all([0, 1, 2].map((i) => t.login(`rush${i}`, 'rush2022abc')));
    const kindId = (await t.app.inject({ method: 'GET', url: '/api/vouchers/campaign' })).json().categories[1].kinds[0].id;
    const claim = (s: Session) => t.app.inject({ method: 'POST', url: '/api/vouchers/claims', headers: s.headers, payload: { kindId, ...SEAT } });
    const until = async (ok: () => boolean) => {
      while (!ok()) await new Promise((r) => setTimeout(r, 2));
    };
    const written = async () => ({
      vouchers: (await t.db.kysely.selectFrom('vouchers').select('user_id').where('user_id', 'in', ids).execute()).map((v) => v.user_id).sort(),
      claimed: Number((await t.db.kysely.selectFrom('voucher_round_quotas').select((eb) => eb.fn.sum<number>('claimed').as('n')).executeTakeFirstOrThrow()).n),
    });
    const before = await written();

    // The first claim's group is held at the database, so the next one waits in the queue behind it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const write = VouchersRepository.prototype.claimBatch;
    const flush = vi.spyOn(VouchersRepository.prototype, 'claimBatch').mockImplementationOnce(async function (this: VouchersRepository, items) {
      await gate;
      return write.call(this, items);
    });
    const submit = vi.spyOn(Batcher.prototype, 'submit');
    const claimsSubmitted = () => submit.mock.calls.filter(([item]) => typeof item === 'object').length;
    const first = claim(inFlight);
    await until(() => flush.mock.calls.length === 1);
    const second = claim(queued);
    await until(() => claimsSubmitted() === 2);
    await new Promise((r) => setTimeout(r, 20));

    const shed = await claim(late);
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    expect(shed.json().error).toMatchObject({ id: 'UNAVAILABLE', message: expect.stringContaining('排队') });
    expect(await written()).toEqual(before);

    release();
    expect((await first).statusCode).toBe(201);
    // The queued claim was admitted: it is written, however long it waited.
    expect((await second).statusCode).toBe(201);
    expect((await written()).vouchers).toEqual([ids[0], ids[1]].sort());
    submit.mockRestore();

    // The one turned away tries again once nothing waits, and gets its voucher.
    expect((await claim(late)).statusCode).toBe(201);
    const after = await written();
    expect(after.vouchers).toEqual([...ids].sort());
    expect(after.claimed).toBe(before.claimed + 3);
    expectInvariants(await t.app.registry.service('vouchers').snapshot());
  });
});
