/**
 * A demo install shows the system working: every module's demo data on the install's one demo clock (its default start,
 * Tuesday 2022-07-12 09:30), and nothing of it in production.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CLOCK_DEFAULT } from './core/module.js';
import type { Db } from './core/db.js';
import { testRegistry, testConfig } from './test/app.js';
import { freshDb } from './test/dialects.js';
import { loadConfig } from './config.js';
import { DEMO_PASSWORD } from './modules/accounts/index.js';

/** A registry as a fresh demo install has it: demo data on, the demo clock from its default start. */
const demoInstall = (db: Db) => testRegistry(db, { config: testConfig({ DEMO_DATA: 'true', DEMO_CLOCK_START: DEMO_CLOCK_DEFAULT }) });

describe('demo data', () => {
  it('fills every programme on the demo clock, the voucher figures and the notices, once', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = demoInstall(db);
      const lines = await registry.seed({ demo: true });
      expect(lines.join('\n')).toContain('演示时间：从 2022-07-12 09:30（北京时间）开始走');
      expect(lines.join('\n')).toMatch(/核销 300 笔/);
      expect(lines.join('\n')).toMatch(/村庄规划：.*4 个规划分别已备案、已批准/);
      // How many progress reports the supervision demo files by the 12th is its own story (and its test's).
      expect(lines.join('\n')).toMatch(/督查督办演示数据：从 交政办发〔2022〕6号 抽取 60 项任务，交办 12 项/);
      expect((await registry.service('supervision').dashboard()).byDocument).toMatchObject([{ key: '交政办发〔2022〕6号', tasks: 12 }]);
      const report = await registry.service('vouchers').report();
      expect(report.total.领取量).toBeGreaterThan(2000);
      // The first round's 300 and the fifth round's first three days (7月9日—11日: 60, 40, 20) on the demo clock.
      expect(report.total.核销量).toBe(420);
      // Every figure again, from the raw rows and nothing else.
      const raw = await db.kysely
        .selectFrom('voucher_redemptions as x')
        .innerJoin('vouchers as v', 'v.id', 'x.voucher_id')
        .innerJoin('voucher_kinds as k', 'k.id', 'v.kind_id')
        .innerJoin('voucher_categories as c', 'c.id', 'k.category_id')
        .select(['c.name as category', 'x.merchant_id', 'x.order_fen', 'x.discount_fen'])
        .where('x.status', '=', 'active')
        .execute();
      const quotas = await db.kysely
        .selectFrom('voucher_round_quotas as q')
        .innerJoin('voucher_kinds as k', 'k.id', 'q.kind_id')
        .innerJoin('voucher_categories as c', 'c.id', 'k.category_id')
        .select(['c.name as category', 'q.released', 'q.claimed'])
        .execute();
      const figures = (category?: string) => {
        const r = raw.filter((x) => !category || x.category === category);
        const q = quotas.filter((x) => !category || x.category === category);
        const [released, claimed] = [q.reduce((a, x) => a + x.released, 0), q.reduce((a, x) => a + x.claimed, 0)];
        const order = r.reduce((a, x) => a + Number(x.order_fen), 0);
        const redeemed = r.reduce((a, x) => a + Number(x.discount_fen), 0);
        return {
          投放量: released,
          领取量: claimed,
          核销量: r.length,
          核销率: claimed ? Math.round((r.length / claimed) * 10000) / 100 : 0,
          '核销率（按投放量）': released ? Math.round((r.length / released) * 10000) / 100 : 0,
          订单金额: order,
          核销金额: redeemed,
          核销商家数: new Set(r.map((x) => x.merchant_id)).size,
          拉动比: redeemed ? Math.round((order / redeemed) * 100) / 100 : 0,
        };
      };
      expect(report.total).toEqual(figures());
      for (const c of report.byCategory) expect({ category: c.category, ...figures(c.category) }).toEqual(c);
      expect(report.total.核销商家数).toBeGreaterThan(1);
      const police = { userId: null, name: '公安', role: 'department_official', unitId: (await registry.service('directory').all()).find((u) => u.name === '县公安局')!.id, townshipId: null };
      // The leads of the last 14 days on the 12th: the fifth round's bursts and its shared phone.
      const flags = await registry.service('vouchers').fraudFlags(police);
      expect(flags.some((f) => f.kind === '集中核销')).toBe(true);
      expect(flags.some((f) => f.kind === '同一设备多人领券')).toBe(true);
      const notices = await registry.service('notices').list(null, {}, 1, 100);
      const byDocument: Record<string, number> = {};
      for (const n of notices.items) {
        const doc = n.basis?.split(' ')[0] ?? '';
        byDocument[doc] = (byDocument[doc] ?? 0) + 1;
      }
      // Every notice names the document it is published under, and the notices demo posts its three.
      expect([byDocument[''], Object.values(byDocument).reduce((a, n) => a + n, 0)]).toEqual([undefined, notices.total]);
      expect(lines.join('\n')).toMatch(/公示演示数据：3 条公示/);
      // The 村庄规划 village notices of three plans; the 涉农资金 「两个一律」 notices of its three demo projects approved or
      // further and — its story now reaching past 30 June — the two townships' notices of the second quarter's
      // arrangement and fund use. The other programmes' notices are their own demos' to count.
      expect(byDocument).toMatchObject({ '交政发〔2022〕3号': 3, '交政办发〔2022〕8号': 5 });
      expect(notices.items.some((n) => n.objections === 1)).toBe(true);
      expect(notices.items.some((n) => n.phase === '公示期满')).toBe(true);
      // No step of any procedure is dated after the demo clock, and the clock is back on the install's own time.
      const latest = await db.kysely.selectFrom('workflow_steps').select((e) => e.fn.max('at').as('at')).executeTakeFirstOrThrow();
      expect(String(latest.at) <= registry.demoClock!.now()).toBe(true);
      expect(Math.abs(Date.parse(registry.demoClock!.now()) - Date.parse(DEMO_CLOCK_DEFAULT))).toBeLessThan(120_000);
      // Seeding again changes nothing.
      const counts = () => Promise.all((['workflow_steps', 'public_notices', 'users'] as const).map(async (t) => Number((await db.kysely.selectFrom(t).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
      const before = await counts();
      expect(await registry.seed({ demo: true })).not.toContainEqual(expect.stringMatching(/演示数据/));
      expect(await counts()).toEqual(before);
      expect((await registry.service('vouchers').report()).total.核销量).toBe(420);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('replays the skills contest at its own dates when its demo is given the demo clock', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = demoInstall(db);
      await registry.seed({ demo: false, only: ['skills'] });
      const ctx = registry.contextOf('skills');
      const { seedSkillsDemo } = await import('./modules/skills/skills.demo.js');
      await seedSkillsDemo(registry.service('skills'), registry.service('accounts'), registry.service('directory'), registry.service('files'), DEMO_PASSWORD, ctx);
      ctx.demoClock?.resume();
      // Registered 27 June (after 交政办发〔2022〕15号 of the 22nd), confirmed the 29th, 焊接 scored in 7月上旬; the eighth
      // registered the day before the clock, awaiting its unit (registration open to 7月15日).
      const regs = await db.kysely.selectFrom('skill_registrations').select(['status', 'score', 'created_at']).orderBy('id').execute();
      expect(regs.map((r) => [r.created_at.slice(0, 10), r.status, r.score !== null])).toEqual([
        ...[0, 1, 2, 3, 4].map(() => ['2022-06-27', 'confirmed', true]),
        ...[5, 6].map(() => ['2022-06-27', 'confirmed', false]),
        ['2022-07-11', 'registered', false],
      ]);
      const steps = await db.kysely.selectFrom('workflow_steps').select(['step', 'at']).where('entity', '=', 'skill_registration').where('step', '=', 'confirm').execute();
      expect(new Set(steps.map((x) => String(x.at).slice(0, 10)))).toEqual(new Set(['2022-06-29']));
      expect(ctx.today()).toBe('2022-07-12');
    } finally {
      await cleanup();
    }
  });

  it('names every record and action its audit trail holds in Chinese', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = demoInstall(db);
      await registry.seed({ demo: true });
      const { actionLabel, entityLabel } = await import('./core/labels.js');
      const pairs = await db.kysely.selectFrom('audit_log').select(['entity', 'action']).distinct().execute();
      expect(pairs.length).toBeGreaterThan(10);
      const unnamed = pairs.filter((p) => !entityLabel(p.entity) || !actionLabel(p.entity, p.action)).map((p) => `${p.entity}.${p.action}`);
      expect(unnamed).toEqual([]);
      // What the records are stamped with is the install's demo time too: a user reads 2022 on the audit trail, the
      // files and the notices, as on the programmes' own records.
      const now = registry.demoClock!.now();
      for (const [table, column] of [['audit_log', 'at'], ['file_links', 'created_at'], ['public_notices', 'created_at']] as const) {
        const r = await db.kysely.selectFrom(table).select((e) => [e.fn.min(column).as('first'), e.fn.max(column).as('last')]).executeTakeFirstOrThrow();
        expect([table, String(r.first).slice(0, 4), String(r.last) <= now]).toEqual([table, '2022', true]);
      }
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('starts even when today is too close to a year the calendar does not know', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const last = Math.max(...(await testRegistry(db).service('calendar').overview()).dataYears);
      const registry = testRegistry(db, { today: () => `${last}-12-28` });
      await registry.seed({ demo: false, only: ['notices'] });
      await registry.service('notices').canCount(`${last}-12-28`);
      const { seedNoticeDemo } = await import('./modules/notices/notices.demo.js');
      const lines = await seedNoticeDemo(registry.service('notices'), registry.service('accounts'), registry.service('directory'), `${last}-12-28`);
      expect(lines).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });

  it('is never on in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' }).demoData).toBe(false);
    expect(testConfig({ DEMO_DATA: 'false' }).demoData).toBe(false);
  });
});
