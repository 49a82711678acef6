/**
 * A believable start for demo installs (never production), told between 交政发〔2022〕3号 (23 April 2022) and the day
 * before the install's demo clock (12 July 2022): villages of 天宁镇 and 西营镇 classified and checked, an existing plan
 * evaluated, and plans at different steps on the 12th — one filed and public, one approved with its two deadlines
 * running, one in its 30-day village notice, one being compiled. The history is replayed at its own dates through the
 * kit, so every step is checked as a user's would be, and the notice and deadlines fall on the 2022 calendar.
 */
import type { Actor } from '../../core/audit.js';
import type { ModuleContext } from '../../core/module.js';
import { DEMO_PASSWORD } from '../accounts/index.js';
import { BODIES } from './villageplan.access.js';
import type { StepInput } from './villageplan.flow.js';
import { VillageplanRepository } from './villageplan.repository.js';
import { VillageplanService } from './villageplan.service.js';
import type { ClassificationInput } from './villageplan.rules.js';
import type { CaseStep } from './cases.service.js';

/** The story's last day: a clock before the day after it would find the history dated in its future. */
const LAST_DAY = '2022-07-11';
/** A one-page PDF: the demo's stand-in for a resolution, an opinion, the maps and the rules. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const GROUP = (town: string) => [
  { kind: 'township' as const, name: `${town}党委政府` },
  { kind: 'department' as const, name: '县自然资源局' },
  { kind: 'designer' as const, name: '山西省城乡规划设计研究院' },
  { kind: 'villager' as const, name: '村民代表 3 名' },
];
const UNIT = { unitName: '山西省城乡规划设计研究院', unitQualification: '自资规甲字 14000001', unitGrade: '甲级' };

export async function seedVillageplanDemo(service: VillageplanService, ctx: ModuleContext): Promise<string[]> {
  const directory = ctx.use('directory');
  const accounts = ctx.use('accounts');
  const files = ctx.use('files');
  const units = await directory.all();
  const town = (name: string) => units.find((u) => u.kind === 'township' && u.name === name);
  const tianning = town('天宁镇');
  const xiying = town('西营镇');
  const bureauId = await directory.idOfCode(BODIES.reviewer.code);
  const [tnUser, xyUser] = [await accounts.idOf('tianning'), await accounts.idOf('xiying')];
  if (!tianning || !xiying || !bureauId || !tnUser || !xyUser) return [];
  if ((await service.cases.rows()).rows.length) return [];
  // No step may be dated after its day: on a clock before the story has ended, it is not told at all.
  if (ctx.today() <= LAST_DAY) return [`村庄规划：演示记录截至 ${LAST_DAY}，今天为 ${ctx.today()}，未生成演示数据`];
  const ziyuan = (await accounts.idOf('ziyuan')) ?? (await accounts.seedDemoUsers([{ username: 'ziyuan', displayName: '县自然资源局经办人', role: 'department_official', unitId: bureauId }], DEMO_PASSWORD))[0].id;
  const tn: Actor = { userId: tnUser, name: '天宁镇经办人', role: 'township_official', unitId: tianning.id, townshipId: tianning.id };
  const xy: Actor = { userId: xyUser, name: '西营镇经办人', role: 'township_official', unitId: xiying.id, townshipId: xiying.id };
  const zr: Actor = { userId: ziyuan, name: '县自然资源局经办人', role: 'department_official', unitId: bureauId, townshipId: null };
  const vs = (t: number) => units.filter((u) => u.kind === 'village' && u.parentId === t);
  const [v0, v1, v2, v3] = vs(tianning.id);
  const [w0, w1, w2, w3] = vs(xiying.id);
  if (!v3 || !w3) return [];

  // The history is replayed day by day on a service of its own clock (the notices and deadlines follow it).
  let day = '2022-04-25';
  const replay = new VillageplanService({
    repo: new VillageplanRepository(ctx.db),
    directory,
    workflow: ctx.use('workflow'),
    notices: ctx.use('notices').on(() => day),
    calendar: ctx.use('calendar'),
    uow: ctx.db.unitOfWork,
    now: () => `${day}T01:30:00.000Z`,
    today: () => day,
  });
  const at = (d: string) => (day = d);
  const base = { criteria: {}, resettlementInsideBoundary: false, adjacentToBoundary: false, exception: null, year: null } as const;
  const classify = (a: Actor, villageId: number, i: Partial<ClassificationInput> & Pick<ClassificationInput, 'cls' | 'route' | 'reason'>) => replay.classes.classify(a, { ...base, ...i, villageId });
  // Monday 25 April, after the document of Saturday the 23rd: the townships classify, the bureau checks the next day.
  // 编制时序: 2022 for the villages whose plans are under way this year, later years for the rest of the list.
  const made = [
    await classify(tn, v0.id, { cls: 'comprehensive', criteria: { industry: true }, route: 'own', year: 2022, reason: '有农产品初加工项目落地' }),
    await classify(tn, v1.id, { cls: 'comprehensive', criteria: { heritage: true }, route: 'own', year: 2022, reason: '有传统民居和古树，需加强保护和利用' }),
    await classify(tn, v2.id, { cls: 'remediation', route: 'own', year: 2022, reason: '不进行开发建设，只进行简单的人居环境整治' }),
    await classify(tn, v3.id, { cls: 'relocation', route: 'chapter', reason: '列入易地扶贫搬迁，纳入天宁镇国土空间规划专章' }),
    await classify(xy, w0.id, { cls: 'comprehensive', criteria: { settlement: true }, route: 'own', year: 2022, reason: '有新的居民点建设需求，安置点在城镇开发边界外' }),
    await classify(xy, w1.id, { cls: 'suburban', adjacentToBoundary: true, route: 'own', year: 2023, reason: '紧邻城镇开发边界，与中心城区关联度高，单独编制' }),
  ];
  at('2022-04-26');
  for (const c of made) await replay.classes.step(zr, c.id, 'check', { note: '符合分类条件' });
  at('2022-04-27');
  await replay.classes.evaluate(xy, {
    villageId: w3.id, planName: `${w3.name}村土地利用规划（2016—2030 年）`, planYear: 2016, outcome: 'supplement',
    answers: { redLine: { met: true, reason: '' }, farmland: { met: false, reason: '2 处建设用地与永久基本农田重叠' }, scale: { met: true, reason: '' }, revitalization: { met: true, reason: '' } },
  });
  // Proposed the day before the demo clock, so the bureau has a classification to check on the 12th.
  at(LAST_DAY);
  await classify(xy, w2.id, { cls: 'remediation', route: 'own', year: 2024, reason: '只进行简单的人居环境整治' });

  const run = async (a: Actor, id: number, step: CaseStep, on: string, input: StepInput = {}) => {
    at(on);
    await replay.cases.step(a, id, step, input);
  };
  const paper = (a: Actor, id: number, code: string) => files.upload(a, 'villageplan_paper', `${id}.${code}`, `${code}.pdf`, PDF, 'application/pdf');
  const open = async (a: Actor, on: string, village: { id: number }, name: string) => {
    at(on);
    return (await replay.cases.open(a, { villageIds: [village.id], members: GROUP(name), ...UNIT })).id;
  };
  const toNotice = async (a: Actor, id: number, days: [string, string, string, string]) => {
    await run(a, id, 'confirm', days[0], { note: '经方案比选，采用方案二' });
    await run(a, id, 'review', days[1], { note: '经县自然资源局组织专家论证，同意' });
    await paper(a, id, 'resolution');
    await run(a, id, 'vote', days[2], { meeting: 'representatives', meetingOn: days[2] });
    await run(a, id, 'publish', days[3]);
  };
  // The approvals are 交政函 of 2022 in the order the gazette's own (6号 of 19 April, 8号 of 17 May, 13号 of 23 June)
  // leave free: 11号 in June, 14号 in July.

  // Filed and public: 天宁镇's 整治类 village, a plan of use rules and 人居环境整治 only, so the quickest to compile.
  // Posted Thursday 5 May (after 劳动节): the 30th day, Saturday 4 June, falls in 端午 (3–5 June) and moves to Monday the
  // 6th. Approved Friday 17 June: 20 working days end 15 July and 30 end 29 July; published on the 24th, filed 1 July.
  const filed = await open(tn, '2022-04-26', v2, '天宁镇');
  await toNotice(tn, filed, ['2022-04-27', '2022-04-28', '2022-04-29', '2022-05-05']);
  await paper(tn, filed, 'committeeOpinion');
  await run(tn, filed, 'request', '2022-06-07');
  await run(zr, filed, 'approve', '2022-06-17', { approvalNo: '交政函〔2022〕11号', approvedOn: '2022-06-17' });
  await paper(tn, filed, 'maps');
  await paper(tn, filed, 'rules');
  await run(tn, filed, 'publishResult', '2022-06-24', { publishedOn: '2022-06-24', villageRules: '规划主要内容已纳入村规民约第八条' });
  await run(zr, filed, 'file', '2022-07-01', { submittedOn: '2022-07-01' });

  // Approved Friday 1 July, its deadlines running on the 12th: 20 working days end Friday 29 July (上墙、上网), 30 end
  // Friday 12 August (汇交省厅); no holiday falls between. Posted 25 May, its notice ran to Friday 24 June.
  const approved = await open(tn, '2022-04-27', v0, '天宁镇');
  await toNotice(tn, approved, ['2022-05-10', '2022-05-17', '2022-05-24', '2022-05-25']);
  await paper(tn, approved, 'committeeOpinion');
  await run(tn, approved, 'request', '2022-06-27');
  await run(zr, approved, 'approve', '2022-07-01', { approvalNo: '交政函〔2022〕14号', approvedOn: '2022-07-01' });

  // In its 30-day notice in the village on the 12th: posted Monday 27 June, its 30th day is Wednesday 27 July, so 报批
  // is refused until the 28th.
  const noticed = await open(xy, '2022-05-09', w0, '西营镇');
  await toNotice(xy, noticed, ['2022-05-30', '2022-06-13', '2022-06-20', '2022-06-27']);

  // Being compiled: opened after 端午, the scheme confirmed the day before the demo clock.
  const compiling = await open(tn, '2022-06-06', v1, '天宁镇');
  await run(tn, compiling, 'confirm', LAST_DAY, { note: '村民意见征集完毕，方案确认' });

  return ['村庄规划：天宁镇、西营镇 7 个村已分类（1 个待审核）、1 个原规划已评估；4 个规划分别已备案、已批准（公开和汇交期限进行中）、村内公示中、编制中（账号 tianning、xiying、ziyuan）'];
}
