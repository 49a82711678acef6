/** 农业生产托管's demo on the install's demo clock (Tuesday 2022-07-12): a settled sheet in 大写, the rest still open. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { DIALECTS } from '../../test/dialects.js';

const START = '2022-07-12T09:30:00+08:00';
const UPPER = '陆仟伍佰捌拾肆元壹角整';

describe.each(DIALECTS)('农业生产托管 demo on the demo clock on %s', (dialect) => {
  let t: TestApp;
  let lines: string[];
  const s: Record<string, Session> = {};
  const get = async (who: string, url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: s[who].headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const orgs = async (who: string) => (await get(who, '/api/trusteeship/orgs')).json().items as { id: number; name: string; status: string; noticeEnd: string | null; countyContractNo: string | null }[];
  /** Every work on the contracts the account sees, contract by contract. */
  const worksOf = async (who: string) => {
    const contracts = (await get(who, '/api/trusteeship/contracts?season=2022')).json().items as { id: number }[];
    const out: { stage: string; status: string; farmerStatus: string; workDate: string }[] = [];
    for (const c of contracts) out.push(...(await get(who, `/api/trusteeship/contracts/${c.id}/works`)).json().items);
    return out;
  };
  const work = async (who: string) => Object.fromEntries(((await get(who, '/api/workbench')).json().items as { module: string; title: string; count: number }[]).filter((i) => i.module === '农业生产托管').map((i) => [i.title, i.count]));

  beforeAll(async () => {
    t = await testApp(dialect, { env: { DEMO_DATA: 'true', DEMO_CLOCK_START: START } });
    lines = await t.app.registry.seed({ demo: true, only: ['trusteeship'] });
    for (const u of ['fuwu', 'nongfu', 'xiying', 'jumin', 'demo_fuwu2']) s[u] = await t.login(u);
  }, 120_000);
  afterAll(() => t.close());

  it('settles the demo organisation’s spring season on 8 July, its sheet printed in 大写', async () => {
    expect(lines.join('\n')).toContain(`丰泽合作社本季已结算 6584.10 元（${UPPER}）`);
    const [mine] = await orgs('fuwu');
    expect([mine.name, mine.status, mine.countyContractNo]).toEqual(['演示：交城县丰泽农机服务专业合作社', 'published', '演示JCTG-2022-001']);
    const contracts = (await get('fuwu', '/api/trusteeship/contracts?season=2022')).json().items as { id: number }[];
    expect(contracts).toHaveLength(5);
    const ledger = await worksOf('fuwu');
    expect(ledger.map((w) => w.status)).toEqual(Array(10).fill('settled'));
    expect(ledger.every((w) => w.workDate >= '2022-04-18' && w.workDate <= '2022-05-01')).toBe(true);
    const sheet = (await get('nongfu', `/api/trusteeship/orgs/${mine.id}/sheet?season=2022`)).json();
    expect([sheet.settled, sheet.totalFen, sheet.upper, sheet.lines.length]).toEqual([true, 658_410, UPPER, 10]);
    expect((await get('nongfu', `/api/trusteeship/orgs/${mine.id}/sheet/print?season=2022`)).body).toContain(`大写：${UPPER}`);
    const season = (await get('nongfu', `/api/trusteeship/orgs/${mine.id}/acceptance?season=2022`)).json();
    expect(season.status).toBe('settled');
    expect(season.acceptances.map((a: { level: string; at: string; noticeEnd: string }) => [a.level, a.at.slice(0, 10), a.noticeEnd])).toEqual([
      ['township', '2022-06-20', '2022-06-27'],
      ['county', '2022-06-28', '2022-07-05'],
    ]);
  });

  it('dates every record of the season between the spring and the clock', async () => {
    const k = t.db.kysely;
    const stamps = [
      ...(await k.selectFrom('trusteeship_orgs').select(['created_at as at', 'county_contract_at as at2']).execute()).flatMap((r) => [r.at, r.at2]),
      ...(await k.selectFrom('trusteeship_contracts').select('created_at as at').execute()).map((r) => r.at),
      ...(await k.selectFrom('trusteeship_works').select(['created_at as at', 'farmer_at as at2', 'work_date as at3']).execute()).flatMap((r) => [r.at, r.at2, r.at3]),
      ...(await k.selectFrom('trusteeship_acceptances').select(['at', 'notice_end as at2']).execute()).flatMap((r) => [r.at, r.at2]),
      ...(await k.selectFrom('trusteeship_samplings').select('at').execute()).map((r) => r.at),
      ...(await k.selectFrom('trusteeship_settlements').select('at').execute()).map((r) => r.at),
      ...(await k.selectFrom('workflow_steps').select('at').where('entity', 'like', 'trusteeship_%').execute()).map((r) => r.at),
    ].filter((x): x is string => !!x);
    expect(stamps.length).toBeGreaterThan(60);
    expect(stamps.filter((d) => d.slice(0, 10) < '2022-04-18' || Date.parse(d.length > 10 ? d : `${d}T00:00:00+08:00`) > Date.parse(START))).toEqual([]);
    const { entityLabel, actionLabel } = await import('../../core/labels.js');
    const pairs = await k.selectFrom('audit_log').select(['entity', 'action']).distinct().where('entity', 'like', 'trusteeship_%').execute();
    expect(pairs.filter((p) => !entityLabel(p.entity) || !actionLabel(p.entity, p.action))).toEqual([]);
  });

  it('leaves the later steps open: a dispute for 西营镇, a work to confirm, a 会审 for the centre', async () => {
    const all = await orgs('nongfu');
    expect(all.map((o) => o.status)).toEqual(['published', 'published', 'recommended']);
    expect(await work('xiying')).toEqual({ '作业确认单有异议，待乡镇实地核实': 1 });
    expect(await work('demo_fuwu2')).toEqual({ '作业确认单待农户确认（或上传农户签字的纸质确认单）': 1 });
    expect(await work('nongfu')).toEqual({ 服务组织待领导组会审: 1 });
    expect(await work('fuwu')).toEqual({});
    // The farmer answered both of his works on the phone: one confirmed, one disputed.
    const mine = await worksOf('jumin');
    expect(mine.map((w) => [w.stage, w.farmerStatus])).toEqual([['sowing', 'confirmed'], ['spraying', 'disputed']]);
  });
});
