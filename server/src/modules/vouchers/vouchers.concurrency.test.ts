/**
 * Many parallel claims against one server over HTTP (loopback): no over-issuance, no double claims.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/auth.js';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type TestApp } from '../../test/app.js';
import { insertUsers } from '../../test/builders.js';
import { launchCampaign } from './vouchers.testing.js';

const RESIDENTS = 60;
const RELEASED = 25;

describe.each(DIALECTS)('claim storm on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  const cookies: string[] = [];
  beforeAll(async () => {
    t = await testApp(dialect, { now: () => '2022-06-11T03:00:00.000Z', seed: ['vouchers'] });
    await launchCampaign(t.app.registry.service('vouchers'));
    const hash = await hashPassword('storm2022');
    await insertUsers(t.db, RESIDENTS, { prefix: 'storm', passwordHash: hash });
    for (let i = 0; i < RESIDENTS; i++) {
      const s = await t.login(`storm${i}`, 'storm2022');
      cookies.push(`${s.headers.cookie}|${s.csrf}`);
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  }, 120_000);
  afterAll(() => t.close());

  it('issues exactly the released quantity and never twice to one person', async () => {
    const campaign = await (await fetch(`${base}/api/vouchers/campaign`)).json();
    const round = campaign.currentRound.id;
    const kind = campaign.categories[0].kinds[0].id;
    const admin = await t.login('gongxin');
    expect((await t.app.inject({ method: 'PUT', url: `/api/vouchers/rounds/${round}/quotas/${kind}`, payload: { released: RELEASED }, headers: admin.headers })).statusCode).toBe(200);

    // Every resident tries three times at once: 180 requests for 25 vouchers.
    const attempts = cookies.flatMap((c) => [c, c, c]);
    const results = await Promise.all(
      attempts.map(async (c) => {
        const [cookie, csrf] = c.split('|');
        const r = await fetch(`${base}/api/vouchers/claims`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ kindId: kind, lng: 112.156, lat: 37.552, deviceId: null }),
        });
        return { status: r.status, cookie };
      }),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(RELEASED);
    expect(new Set(ok.map((r) => r.cookie)).size).toBe(RELEASED);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const snap = await t.app.registry.service("vouchers").snapshot();
    const q = snap.quotas.find((x) => x.roundId === round && x.kindId === kind)!;
    expect(q).toMatchObject({ released: RELEASED, claimed: RELEASED, rows: RELEASED });
    expect(snap.duplicateClaims).toBe(0);
    for (const c of snap.categories) expect(c.committed).toBe(c.liveClaimed + c.liveRedeemed);
  });
});
