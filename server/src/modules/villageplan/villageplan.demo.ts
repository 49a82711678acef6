/**
 * A believable start for demo installs (never production), on the module's demo clock (1 September 2023): villages of
 * 天宁镇 and 西营镇 classified and checked, an existing plan evaluated, and plans at different steps — one filed and
 * public, one approved with its two deadlines running, one in its 30-day village notice, one being compiled. The
 * history is replayed at its own dates through the kit, so every step is checked as a user's would be.
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

export const DEMO_CLOCK = '2023-09-01T09:00:00+08:00';
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
  const ziyuan = (await accounts.idOf('ziyuan')) ?? (await accounts.seedDemoUsers([{ username: 'ziyuan', displayName: '县自然资源局经办人', role: 'department_official', unitId: bureauId }], DEMO_PASSWORD))[0].id;
  const tn: Actor = { userId: tnUser, name: '天宁镇经办人', role: 'township_official', unitId: tianning.id, townshipId: tianning.id };
  const xy: Actor = { userId: xyUser, name: '西营镇经办人', role: 'township_official', unitId: xiying.id, townshipId: xiying.id };
  const zr: Actor = { userId: ziyuan, name: '县自然资源局经办人', role: 'department_official', unitId: bureauId, townshipId: null };
  const vs = (t: number) => units.filter((u) => u.kind === 'village' && u.parentId === t);
  const [v0, v1, v2, v3] = vs(tianning.id);
  const [w0, w1, w2, w3] = vs(xiying.id);
  if (!v3 || !w3) return [];

  // The history is replayed day by day on a service of its own clock (the notices and deadlines follow it).
  let day = '2023-03-01';
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
  const base = { criteria: {}, resettlementInsideBoundary: false, adjacentToBoundary: false, exception: null, year: null } as const;
  const classify = (a: Actor, villageId: number, i: Partial<ClassificationInput> & Pick<ClassificationInput, 'cls' | 'route' | 'reason'>) => replay.classes.classify(a, { ...base, ...i, villageId });
  const made = [
    await classify(tn, v0.id, { cls: 'comprehensive', criteria: { industry: true }, route: 'own', year: 2023, reason: '有农产品初加工项目落地' }),
    await classify(tn, v1.id, { cls: 'comprehensive', criteria: { heritage: true }, route: 'own', year: 2023, reason: '有传统民居和古树，需加强保护和利用' }),
    await classify(tn, v2.id, { cls: 'remediation', route: 'own', year: 2023, reason: '不进行开发建设，只进行简单的人居环境整治' }),
    await classify(tn, v3.id, { cls: 'relocation', route: 'chapter', reason: '列入易地扶贫搬迁，纳入天宁镇国土空间规划专章' }),
    await classify(xy, w0.id, { cls: 'comprehensive', criteria: { settlement: true }, route: 'own', year: 2023, reason: '有新的居民点建设需求，安置点在城镇开发边界外' }),
    await classify(xy, w1.id, { cls: 'suburban', adjacentToBoundary: true, route: 'own', year: 2024, reason: '紧邻城镇开发边界，与中心城区关联度高，单独编制' }),
  ];
  for (const c of made) await replay.classes.step(zr, c.id, 'check', { note: '符合分类条件' });
  await classify(xy, w2.id, { cls: 'remediation', route: 'own', year: 2024, reason: '只进行简单的人居环境整治' });
  await replay.classes.evaluate(xy, {
    villageId: w3.id, planName: `${w3.name}村土地利用规划（2016—2030 年）`, planYear: 2016, outcome: 'supplement',
    answers: { redLine: { met: true, reason: '' }, farmland: { met: false, reason: '2 处建设用地与永久基本农田重叠' }, scale: { met: true, reason: '' }, revitalization: { met: true, reason: '' } },
  });

  const at = (d: string) => (day = d);
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

  // Filed and public: 天宁镇's 整治类 village.
  const filed = await open(tn, '2023-03-02', v2, '天宁镇');
  await toNotice(tn, filed, ['2023-03-06', '2023-03-10', '2023-03-15', '2023-03-16']);
  await paper(tn, filed, 'committeeOpinion');
  await run(tn, filed, 'request', '2023-04-18');
  await run(zr, filed, 'approve', '2023-05-10', { approvalNo: '交政函〔2023〕21号', approvedOn: '2023-05-10' });
  await paper(tn, filed, 'maps');
  await paper(tn, filed, 'rules');
  await run(tn, filed, 'publishResult', '2023-05-22', { publishedOn: '2023-05-22', villageRules: '规划主要内容已纳入村规民约第八条' });
  await run(zr, filed, 'file', '2023-06-01', { submittedOn: '2023-06-01' });

  // Approved on 10 August: the 20 and 30 working days run on the demo clock.
  const approved = await open(tn, '2023-04-03', v0, '天宁镇');
  await toNotice(tn, approved, ['2023-04-10', '2023-04-17', '2023-04-25', '2023-05-04']);
  await paper(tn, approved, 'committeeOpinion');
  await run(tn, approved, 'request', '2023-06-06');
  await run(zr, approved, 'approve', '2023-08-10', { approvalNo: '交政函〔2023〕46号', approvedOn: '2023-08-10' });

  // In its 30-day notice in the village.
  const noticed = await open(xy, '2023-07-03', w0, '西营镇');
  await toNotice(xy, noticed, ['2023-07-17', '2023-08-01', '2023-08-15', '2023-08-21']);

  // Being compiled: the scheme confirmed.
  const compiling = await open(tn, '2023-08-01', v1, '天宁镇');
  await run(tn, compiling, 'confirm', '2023-08-28', { note: '村民意见征集完毕，方案确认' });

  return [`村庄规划：天宁镇、西营镇 7 个村已分类（1 个待审核）、1 个原规划已评估；4 个规划分别已备案、已批准（公开和汇交期限进行中）、村内公示中、编制中（账号 tianning、xiying、ziyuan；演示时钟 ${DEMO_CLOCK.slice(0, 10)}）`];
}
