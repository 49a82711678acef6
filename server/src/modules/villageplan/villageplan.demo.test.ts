/**
 * The 村庄规划 demo on a demo install's one clock (Tuesday 2022-07-12): its history told from 交政发〔2022〕3号 to the day
 * before, each plan at its step, the 30-day notice and the working-day deadlines on the 2022 calendar.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import { DEMO_CLOCK_DEFAULT } from '../../core/module.js';
import { testConfig, testRegistry } from '../../test/app.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';

describe.each(DIALECTS)('the 村庄规划 demo on the demo clock, on %s', (dialect) => {
  it('leaves each party its day’s work on 2022-07-12, nothing dated after it', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const registry = testRegistry(db, { config: testConfig({ DEMO_DATA: 'true', DEMO_CLOCK_START: DEMO_CLOCK_DEFAULT }) });
      const lines = await registry.seed({ demo: true, only: ['villageplan'] });
      expect(lines).toContain('村庄规划：天宁镇、西营镇 7 个村已分类（1 个待审核）、1 个原规划已评估；4 个规划分别已备案、已批准（公开和汇交期限进行中）、村内公示中、编制中（账号 tianning、xiying、ziyuan）');
      expect(registry.contextOf('villageplan').today()).toBe('2022-07-12');
      const cases = await db.kysely.selectFrom('villageplan_cases').select(['id', 'status', 'notice_last_day', 'approval_no', 'approved_on', 'publish_due', 'submit_due', 'published_on', 'submitted_on']).orderBy('id').execute();
      expect(cases.map(({ id: _id, ...c }) => c)).toEqual([
        // Posted 5 May: the 30th day, Saturday 4 June, is in 端午 (3–5 June) and moves to Monday the 6th. Approved Friday
        // 17 June: 20 working days end Friday 15 July, 30 end Friday 29 July (no holiday between); both met.
        { status: 'filed', notice_last_day: '2022-06-06', approval_no: '交政函〔2022〕11号', approved_on: '2022-06-17', publish_due: '2022-07-15', submit_due: '2022-07-29', published_on: '2022-06-24', submitted_on: '2022-07-01' },
        // Approved Friday 1 July: 20 working days end Friday 29 July, 30 end Friday 12 August.
        { status: 'approved', notice_last_day: '2022-06-24', approval_no: '交政函〔2022〕14号', approved_on: '2022-07-01', publish_due: '2022-07-29', submit_due: '2022-08-12', published_on: null, submitted_on: null },
        // Posted Monday 27 June: the 30th day is Wednesday 27 July.
        { status: 'noticed', notice_last_day: '2022-07-27', approval_no: null, approved_on: null, publish_due: null, submit_due: null, published_on: null, submitted_on: null },
        { status: 'confirmed', notice_last_day: null, approval_no: null, approved_on: null, publish_due: null, submit_due: null, published_on: null, submitted_on: null },
      ]);
      const steps = await db.kysely.selectFrom('workflow_steps').select(['at']).where('entity', 'like', 'villageplan%').execute();
      const days = steps.map((s) => String(s.at).slice(0, 10)).sort();
      expect([days[0], days.at(-1)]).toEqual(['2022-04-26', '2022-07-11']);

      const service = registry.service('villageplan');
      const directory = registry.service('directory');
      const accounts = registry.service('accounts');
      const actor = async (username: string, role: Actor['role']): Promise<Actor> => {
        const user = await db.kysely.selectFrom('users').select(['id', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
        return { userId: await accounts.idOf(username), name: username, role, unitId: user.unit_id, townshipId: await directory.townshipOf(user.unit_id) };
      };
      const [tianning, xiying, ziyuan] = [await actor('tianning', 'township_official'), await actor('xiying', 'township_official'), await actor('ziyuan', 'department_official')];
      const work = async (a: Actor) => (await service.workbench(a)).map((i) => [i.title, i.count, i.deadline]);
      // 天宁镇: the plan being compiled goes to 技术论证; the approved one is to be published by 29 July (13 working days).
      expect(await work(tianning)).toEqual([
        ['村庄规划编制待办理', 1, null],
        ['规划成果待“上墙、上网”公开（20 个工作日）', 1, '2022-07-29'],
      ]);
      // The bureau: the classification proposed yesterday, and the approved plan to submit to the province by 12 August.
      expect(await work(ziyuan)).toEqual([
        ['村庄分类待审核', 1, null],
        ['规划成果待汇交省自然资源厅（30 个工作日）', 1, '2022-08-12'],
      ]);
      // 西营镇's plan is in its notice: 报批 is refused with the day it ends, and its 城郊融合类 village awaits a plan.
      const noticed = (await service.cases.detail(xiying, cases[2]!.id)).actions.find((a) => a.step === 'request')!;
      expect([noticed.allowed, noticed.reason]).toEqual([false, '村内公示期至 2022-07-27（30 日），期满后方可报批']);
      expect((await service.classes.planList(xiying)).filter((p) => !p.inCase).map((p) => [p.clsLabel, p.year])).toEqual([['城郊融合类', 2023]]);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
