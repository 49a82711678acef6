/**
 * Demo installs only: a few projects at different steps on the 2022 tree. The county's project tables are 见网络版 and
 * not in the text, so every demo project is named 「演示：…」 and never presented as the county's. Some are declared
 * through the form's path, the others arrive as the office would bring them: a project table imported and committed.
 * The history is replayed through the kit, so every step is checked as a user's would be: on the install's demo clock at
 * its own dates, from 交政办发〔2022〕8号 (28 April) to the day before the clock, so that on 12 July the second quarter's
 * 「两个一律」 notices are done and the third's are due by 30 September.
 */
import type { Actor } from '../../core/audit.js';
import type { ModuleContext } from '../../core/module.js';
import { DEMO_PASSWORD } from '../accounts/index.js';
import type { AgrifundAudits } from './agrifund.audits.js';
import { TINY_JPEG } from '../files/index.js';
import { EVIDENCE_ENTITY, type AgrifundService } from './agrifund.service.js';
import { projectWorkbook, type AgrifundImport } from './agrifund.import.js';
import type { ProjectStep } from './agrifund.flow.js';
import { fenToWan } from './agrifund.rules.js';

/** The township runs the implementing unit's steps; the county administrator stands in for the county bodies. */
const TOWN_STEPS = new Set<ProjectStep>(['feasibility', 'design', 'procured', 'started', 'progress']);
const SHARES = [3000, 5000, 2000];
const ORDER: ProjectStep[] = ['reviewed', 'feasibility', 'design', 'approved', 'procured', 'started', 'progress', 'accepted', 'settled', 'evaluated'];
const INPUT: Record<ProjectStep, object> = {
  reviewed: { note: '演示：评审通过' }, feasibility: { note: '演示：可研报告已编制' }, design: { note: '演示：初步设计已完成' },
  approved: { approvalNo: '演示批复〔2022〕1号' }, procured: { note: '演示：公开招标' }, started: {},
  progress: { note: '演示：完成主体工程' }, accepted: { note: '演示：验收合格' }, settled: { note: '演示：结算报账完成' }, evaluated: { note: '演示：绩效目标完成' },
};
/**
 * The day each step is taken on the demo clock (working days). Declared after the 劳动节 holiday; approved 27 May, so the
 * approval notices (10 days) ran in the second quarter; the first milestone (开工, due 30 June) verified and paid in June;
 * the 护林员补助 accepted, settled and evaluated in the first week of July.
 */
const STEP_ON: Record<ProjectStep, string> = {
  reviewed: '2022-05-13', feasibility: '2022-05-18', design: '2022-05-24', approved: '2022-05-27', procured: '2022-06-08', started: '2022-06-13',
  progress: '2022-06-28', accepted: '2022-07-04', settled: '2022-07-06', evaluated: '2022-07-08',
};
/** The days of the rest: declaration and import, payments, the quarter's notices, the audit's draw and conclusions. */
const DAYS = { declared: '2022-05-09', firstVerified: '2022-06-20', firstPaid: '2022-06-22', restPaid: '2022-06-29', disclosed: '2022-06-29', drawn: '2022-07-07', checked: '2022-07-11' } as const;
/** The replayed story's last day: a demo clock on or before it seeds everything at its own now instead. */
const LAST_DAY = '2022-07-11';

/** Seed the demo projects (once): declared, imported, and stepped to where each stands. */
export async function seedAgrifundDemo(service: AgrifundService & { importer: AgrifundImport; audits: AgrifundAudits }, ctx: ModuleContext): Promise<string[]> {
  if ((await service.repo.projects(2022)).length) return [];
  const replay = ctx.demoClock && ctx.today() > LAST_DAY ? ctx.demoClock : null;
  const on = (day: string) => replay?.at(`${day}T09:30:00+08:00`);
  // The demo's actors are the demo accounts: the county administrator stands in for the county bodies.
  const accounts = ctx.use('accounts');
  const files = ctx.use('files');
  const adminId = await accounts.idOf('admin');
  if (!adminId) return [];
  const ADMIN: Actor = { userId: adminId, name: '县级管理员（演示）', role: 'county_admin', unitId: null, townshipId: null };
  const townUser: Record<string, number | null> = { 西营镇: await accounts.idOf('xiying'), 天宁镇: await accounts.idOf('tianning') };
  const towns = await service.townships();
  const units = await service.units();
  const town = (n: string) => towns.find((t) => t.name === n);
  const townActor = (name: string, id: number): Actor => ({ userId: townUser[name] ?? null, name: `${name}（演示）`, role: 'township_official', unitId: id, townshipId: id });
  const villageOf = (t: number) => units.find((u) => u.kind === 'village' && u.parentId === t)?.id ?? null;
  const plans: { town: string; item: string; name: string; wan: string; upTo: ProjectStep | null; paid?: boolean; imported?: boolean }[] = [
    { town: '西营镇', item: '2.1', name: '演示：西营镇农村供水管网改造', wan: '120', upTo: 'progress', paid: true },
    { town: '天宁镇', item: '2.2', name: '演示：天宁镇通村道路硬化', wan: '80.5', upTo: 'approved', imported: true },
    { town: '天宁镇', item: '1.1', name: '演示：天宁镇设施农业大棚', wan: '60', upTo: 'reviewed', imported: true },
    { town: '西营镇', item: '2.5', name: '演示：西营镇人居环境整治', wan: '45.25', upTo: null, imported: true },
    { town: '天宁镇', item: '4.2', name: '演示：护林员补助发放', wan: '20', upTo: 'evaluated', paid: true },
  ];
  // The imported ones come in as one project table (附件1, every sub-item), committed as the office would commit it. Their
  // planned start is after the approvals of late May, and still ahead on 12 July for the ones not yet started.
  const items = await service.items(2022);
  const table = plans.filter((p) => p.imported && town(p.town)).map((p) => {
    const v = villageOf(town(p.town)!.id);
    return [p.name, p.town, units.find((u) => u.id === v)?.name ?? '', `${p.town}人民政府`, items.find((i) => i.code === p.item)!.name, p.wan, '演示：受益农户 200 户', '2022-08-01', '2022-10-31'];
  });
  on(DAYS.declared);
  const job = await service.importer.start(ADMIN, 2022, 'all', '演示：资金安排建设项目表.xlsx', await projectWorkbook(table), true);
  if (job.status !== 'validated' || job.errors) throw new Error(`演示项目表导入未通过校验：${job.message ?? ''}`);
  const committed = (await service.importer.commit(ADMIN, job.id)).committed;
  const imported = new Map((await service.repo.projects(2022)).map((p) => [p.name, p]));
  let made = 0;
  for (const p of plans) {
    const t = town(p.town);
    if (!t) continue;
    on(DAYS.declared);
    const row = p.imported ? imported.get(p.name)! : await service.createProject(ADMIN, {
      year: 2022, itemCode: p.item, name: p.name, townshipId: t.id, villageId: villageOf(t.id), implementingUnit: `${p.town}人民政府`, amountWan: p.wan,
      targets: '演示：受益农户 200 户', milestones: ['开工', '主体完工', '竣工验收'].map((name, i) => ({ name, dueDate: ['2022-06-30', '2022-09-30', '2022-11-30'][i]!, shareBp: SHARES[i]! })),
    });
    made++;
    if (!p.upTo) continue;
    const township = townActor(p.town, t.id);
    // The township asks for a milestone's share of the amount before the county verifies it.
    const ask = async (seq: number) => {
      await service.requestPayment(township, row.id, seq, fenToWan(Math.floor((row.amount_fen * SHARES[seq - 1]!) / 10_000)), '演示：已达到计划进度');
      // The verification's papers, as a bureau would file them: one photo of the site.
      await files.upload(ADMIN, EVIDENCE_ENTITY, `${row.id}.${seq}`, '演示：现场照片.jpg', TINY_JPEG, 'image/jpeg');
    };
    for (const step of ORDER) {
      on(STEP_ON[step]!);
      // The start is the day the township records it (the replayed day on the demo clock).
      await service.flow.run(TOWN_STEPS.has(step) ? township : ADMIN, row.id, step, step === 'started' ? { startedOn: ctx.today() } : INPUT[step]);
      if (p.paid && step === 'started') {
        on(DAYS.firstVerified);
        await ask(1);
        await service.verifyMilestone(ADMIN, row.id, 1, '演示：开工报告');
        on(DAYS.firstPaid);
        const first = (await service.project(row.id)).verified_fen;
        await service.pay(ADMIN, row.id, 1, fenToWan(first));
      }
      if (p.upTo === 'evaluated' && step === 'progress') {
        for (const seq of [2, 3]) {
          await ask(seq);
          await service.verifyMilestone(ADMIN, row.id, seq, '演示：进度核实');
        }
        on(DAYS.restPaid);
        const x = await service.project(row.id);
        await service.pay(ADMIN, row.id, 2, fenToWan(x.verified_fen - x.paid_fen));
      }
      // 主体工程 done (28 June): the township asks for the 主体完工 share the day before the clock, for the county to verify.
      if (p.upTo === 'progress' && step === 'progress') {
        on(LAST_DAY);
        await ask(2);
      }
      if (step === p.upTo) break;
    }
  }
  if (!made) return [];
  // On the demo clock the second quarter has closed (30 June): each township with approved projects published its
  // arrangement and fund use then, and the third quarter's notice is what waits on it. At a pinned now nothing is
  // published, so that quarter's reminder stands as it would.
  if (replay) {
    on(DAYS.disclosed);
    for (const name of ['西营镇', '天宁镇']) {
      const t = town(name);
      if (t) await service.reports.disclose(townActor(name, t.id), 2022, t.id, 'projects');
    }
  }
  return [`涉农资金统筹整合：${made} 个演示项目（名称标「演示」，非本县项目；其中 ${committed} 个由项目表导入）`, ...(await seedAuditDemo(service, ctx, on))];
}

/**
 * The 审计抽查 at work: the 县审计局 (the demo's auditor) has drawn every paid project, passed one, and referred a
 * finding on another to the 县纪委监委, whose demo official 「jiwei」 has it to receive.
 */
async function seedAuditDemo(service: AgrifundService & { audits: AgrifundAudits }, ctx: ModuleContext, on: (day: string) => void): Promise<string[]> {
  const accounts = ctx.use('accounts');
  const shenji = await accounts.idOf('shenji');
  const jw = (await ctx.use('directory').all()).find((u) => u.code === 'JC-JW');
  if (!shenji || !jw) return [];
  if (!(await accounts.idOf('jiwei'))) await accounts.seedDemoUsers([{ username: 'jiwei', displayName: '县纪委监委干部', role: 'department_official', unitId: jw.id }], DEMO_PASSWORD);
  const auditor: Actor = { userId: shenji, name: '审计人员（演示）', role: 'auditor', unitId: null, townshipId: null };
  on(DAYS.drawn);
  const d = await service.audits.draw(auditor, 2022, 100, '演示-2022-第1次');
  const [first, second] = d.projects;
  // Concluded the day before the demo clock: the 县纪委监委 has the referred finding to receive on the 12th.
  on(DAYS.checked);
  if (first) await service.audits.check(auditor, d.id, { projectId: first.projectId, passed: true, finding: '', refer: false });
  if (second) await service.audits.check(auditor, d.id, { projectId: second.projectId, passed: false, finding: '演示：开工节点拨付资料与现场不符，疑似虚报工程量', refer: true });
  return [`涉农资金审计抽查：第 1 次抽查 ${d.projects.length} 个项目，${second ? '1 条线索已移交县纪委监委（演示账号 jiwei 受理）' : '均已出具结论'}`];
}
