/**
 * The two procedures on the kit, over HTTP on both dialects: the merchant review (two bureaus' sign-off, reject,
 * suspend, resume) and the settlement statement (审核 → 备案 → 结算). Of two actors taking the same step at once
 * exactly one succeeds and the other is answered 409 with nothing written for it; a view's `actions` are exactly the
 * steps the server accepts from that actor, and a step it does not offer is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/auth.js';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { insertUsers } from '../../test/builders.js';
import { launchCampaign } from './vouchers.testing.js';
import { BODIES } from './vouchers.rules.js';

const SEAT = { lng: 112.156, lat: 37.552 };
const PASSWORD = 'Flows2022abc';
type Action = { step: string; label: string; allowed: boolean; path: string; body: Record<string, unknown> };

describe.each(DIALECTS)('the voucher procedures on the kit on %s', (dialect) => {
  let now = '2022-06-11T03:00:00.000Z';
  let t: TestApp;
  const s: Record<string, Session> = {};
  const req = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: s[who].headers });
  const steps = (entity: string, id: number) => t.db.kysely.selectFrom('workflow_steps').select(['step', 'actor_name']).where('entity', '=', entity).where('record_id', '=', String(id)).orderBy('id').execute();
  const audits = (entity: string, id: number) => t.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', entity).where('entity_id', '=', String(id)).orderBy('id').execute();

  beforeAll(async () => {
    t = await testApp(dialect, { now: () => now, seed: ['vouchers'] });
    await launchCampaign(t.app.registry.service('vouchers'));
    const dir = t.app.registry.service('directory');
    const hash = await hashPassword(PASSWORD);
    // Two officials of each reviewing bureau, so that one bureau can race itself.
    for (const [prefix, key] of [['gx', 'industry'], ['tj', 'statistics'], ['cz', 'finance']] as const) {
      await insertUsers(t.db, 2, { prefix, role: 'department_official', unitId: await dir.idOfCode(BODIES[key].code), passwordHash: hash });
    }
    await insertUsers(t.db, 2, { prefix: 'shop', role: 'merchant', passwordHash: hash });
    for (const u of ['gx0', 'gx1', 'tj0', 'tj1', 'cz0', 'cz1', 'shop0', 'shop1']) s[u] = await t.login(u, PASSWORD);
    for (const u of ['admin', 'jianhang', 'gongan', 'jumin', 'gongxin']) s[u] = await t.login(u);
  }, 60_000);
  afterAll(() => t.close());

  const actions = async (who: string, id: number): Promise<Action[]> => (await req(who, 'GET', `/api/vouchers/merchants/${id}`)).json().actions;

  it('reviews a merchant: each bureau signs once, a race within a bureau loses with 409, and actions are what the server takes', async () => {
    const apply = (who: string, name: string, creditCode: string) => req(who, 'POST', '/api/vouchers/merchants', { name, creditCode, category: 'general', aboveQuota: true, stores: ['天宁镇西街 1 号'] });
    const m = (await apply('shop0', '流程超市', '91141122MA0K100090')).json();
    expect(m.status).toBe('pending');
    // What each sees on the pending merchant: its own bureau's approval and the rejection; the office and others nothing.
    expect((await actions('gx0', m.id)).map((a) => [a.step, a.label, a.allowed, a.body])).toEqual([
      ['approve', '审核通过（县工信局）', true, { party: 'industry' }],
      ['reject', '驳回', true, {}],
    ]);
    expect((await actions('tj0', m.id)).map((a) => [a.step, a.label, a.body])).toEqual([
      ['approve', '审核通过（县统计局）', { party: 'statistics' }],
      ['reject', '驳回', {}],
    ]);
    for (const who of ['admin', 'cz0', 'gongan']) expect([who, await actions(who, m.id)]).toEqual([who, []]);
    // A step not offered is refused, and writes nothing.
    expect((await req('admin', 'POST', `/api/vouchers/merchants/${m.id}/approve`)).statusCode).toBe(403);
    expect((await req('cz0', 'POST', `/api/vouchers/merchants/${m.id}/reject`, { reason: '越权驳回' })).statusCode).toBe(403);
    expect((await req('gx0', 'POST', `/api/vouchers/merchants/${m.id}/suspend`, {})).statusCode).toBe(409);
    expect((await steps('merchant', m.id)).map((x) => x.step)).toEqual(['create']);

    // Two officials of the 工信局 approve at once: one approval is recorded, the other is told it is there already.
    const race = await Promise.all([req('gx0', 'POST', `/api/vouchers/merchants/${m.id}/approve`), req('gx1', 'POST', `/api/vouchers/merchants/${m.id}/approve`)]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(race.find((r) => r.statusCode === 409)!.json().error.message).toBe('「县工信局」已签字');
    expect((await steps('merchant', m.id)).map((x) => x.step)).toEqual(['create', 'approve']);
    expect((await actions('gx0', m.id)).find((a) => a.step === 'approve')).toMatchObject({ allowed: false });
    // The 统计局's approval completes the review.
    const done = (await req('tj0', 'POST', `/api/vouchers/merchants/${m.id}/approve`)).json();
    expect(done).toMatchObject({ status: 'approved', statusLabel: '已通过', industryApproved: true, statisticsApproved: true });
    const detail = (await req('gx0', 'GET', `/api/vouchers/merchants/${m.id}`)).json();
    expect(detail.timeline.map((l: { label: string; toLabel: string }) => `${l.label}→${l.toLabel}`)).toEqual(['登记→待审核', '审核通过→待审核', '审核通过→待审核', '审核通过→已通过']);

    // Suspend: offered to the 工信局 and the administrator only; two at once, one wins, one 409, one log line.
    expect((await actions('admin', m.id)).map((a) => a.step)).toEqual(['suspend']);
    expect(await actions('tj0', m.id)).toEqual([]);
    expect((await req('tj0', 'POST', `/api/vouchers/merchants/${m.id}/suspend`, {})).statusCode).toBe(403);
    const suspends = await Promise.all([req('gx0', 'POST', `/api/vouchers/merchants/${m.id}/suspend`, {}), req('admin', 'POST', `/api/vouchers/merchants/${m.id}/suspend`, { suspended: true })]);
    expect(suspends.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await steps('merchant', m.id)).filter((x) => x.step === 'suspend')).toHaveLength(1);
    expect((await audits('merchant', m.id)).filter((a) => a.action === 'suspend')).toHaveLength(1);
    expect((await actions('gx0', m.id)).map((a) => a.step)).toEqual(['resume']);
    expect((await req('gx0', 'POST', `/api/vouchers/merchants/${m.id}/resume`)).json().status).toBe('approved');

    // A rejection and an approval at once: only one of them moves the merchant.
    const other = (await apply('shop1', '流程面馆', '91141122MA0KD00014')).json();
    await req('gx0', 'POST', `/api/vouchers/merchants/${other.id}/approve`);
    const both = await Promise.all([req('tj0', 'POST', `/api/vouchers/merchants/${other.id}/approve`), req('gx1', 'POST', `/api/vouchers/merchants/${other.id}/reject`, { reason: '不符合限额以上企业条件' })]);
    const final = (await req('gx0', 'GET', `/api/vouchers/merchants/${other.id}`)).json();
    expect(['approved', 'rejected']).toContain(final.status);
    // A signature may land while the merchant is still pending, but exactly one step moves it, and that one answered 200.
    const moves = (await t.db.kysely.selectFrom('workflow_steps').select(['step', 'from_state', 'to_state']).where('entity', '=', 'merchant').where('record_id', '=', String(other.id)).where('step', '!=', 'create').execute()).filter((x) => x.from_state !== x.to_state);
    expect(moves.map((x) => x.to_state)).toEqual([final.status]);
    expect((final.status === 'rejected' ? both[1] : both[0]).statusCode).toBe(200);
  });

  it('settles a statement in order, each step by its body; two reviewers at once: one wins, one 409, nothing written for it', async () => {
    // A redemption on Saturday, so that the platform has a day to report on Sunday.
    const shop = (await req('gx0', 'GET', '/api/vouchers/merchants')).json().items.find((m: { name: string }) => m.name === '流程超市');
    await req('gx0', 'POST', '/api/vouchers/merchants/publish', { effectiveDate: '2022-06-11' });
    await req('gx0', 'POST', '/api/vouchers/funds/tranches', { amountFen: 1_000_000, note: '第一批' });
    const kindId = (await t.app.inject({ method: 'GET', url: '/api/vouchers/campaign' })).json().categories[1].kinds[0].id;
    expect((await req('jumin', 'POST', '/api/vouchers/claims', { kindId, ...SEAT })).statusCode).toBe(201);
    const code = (await req('jumin', 'POST', '/api/vouchers/payment-codes')).json().code;
    expect((await req('shop0', 'POST', '/api/vouchers/redemptions', { code, orderFen: 10000, txnNo: 'F1' })).statusCode).toBe(200);
    expect(shop).toBeTruthy();
    now = '2022-06-12T03:00:00.000Z';
    const st = (await req('jianhang', 'POST', '/api/vouchers/statements', { from: '2022-06-11', to: '2022-06-11' })).json();
    expect(st.status).toBe('reported');
    const seen = async (who: string) => ((await req(who, 'GET', '/api/vouchers/statements')).json().items.find((x: { id: number }) => x.id === st.id).actions as Action[]).map((a) => [a.step, a.label, a.allowed]);
    expect(await seen('gx0')).toEqual([['reviewed', '审核（县工信局）', true]]);
    for (const who of ['cz0', 'jianhang', 'admin', 'gongan']) expect([who, await seen(who)]).toEqual([who, []]);
    // Not offered: the 财政局 cannot file before the review (409), nor review (403).
    expect((await req('cz0', 'POST', `/api/vouchers/statements/${st.id}/filed`)).statusCode).toBe(409);
    expect((await req('cz0', 'POST', `/api/vouchers/statements/${st.id}/reviewed`)).statusCode).toBe(403);

    const race = await Promise.all([req('gx0', 'POST', `/api/vouchers/statements/${st.id}/reviewed`), req('gx1', 'POST', `/api/vouchers/statements/${st.id}/reviewed`)]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await steps('voucher_settlement', st.id)).map((x) => x.step)).toEqual(['create', 'reviewed']);
    expect((await audits('voucher_settlement', st.id)).map((a) => a.action)).toEqual(['report', 'reviewed']);
    expect(await seen('gx0')).toEqual([]);
    expect(await seen('cz0')).toEqual([['filed', '备案（县财政局）', true]]);

    const files = await Promise.all([req('cz0', 'POST', `/api/vouchers/statements/${st.id}/filed`), req('cz1', 'POST', `/api/vouchers/statements/${st.id}/filed`)]);
    expect(files.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const done = (await req('cz1', 'POST', `/api/vouchers/statements/${st.id}/settled`)).json();
    expect(done).toMatchObject({ status: 'settled', statusLabel: '结算', actions: [] });
    expect(done.timeline.map((l: { step: string }) => l.step)).toEqual(['create', 'reviewed', 'filed', 'settled']);
    expect((await audits('voucher_settlement', st.id)).map((a) => a.action)).toEqual(['report', 'reviewed', 'filed', 'settled']);
    now = '2022-06-11T03:00:00.000Z';
  });
});
