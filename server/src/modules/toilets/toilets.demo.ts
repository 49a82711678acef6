/**
 * A believable season for demo installs (never production), after 交政办发〔2022〕10号 of 23 May. On the install's demo
 * clock (Tuesday 2022-07-12) it is replayed at its own days: 西营镇 surveys two villages at the end of May, puts eight
 * households of the first on notice on 6 June, signs six agreements after the notice, starts works on 20 June (the
 * county releases the 开工 30 % on the 24th), completes four in July and has two five-party accepted; on the 11th it
 * chooses three in the second village. In 天宁镇 the village account surveys its own households on 1 June, the township
 * notices five of them on 27 June, three agree and start, one is completed on the 11th and waits for its signatures.
 * The villages and the township report on their days. Without the demo clock (a pinned or rehearsal clock) only the
 * survey, the choice and the notice happen, at that clock's now (the notice's 7 days cannot pass).
 */
import type { Actor } from '../../core/audit.js';
import { tellStory, type Chapter } from '../../core/demo-story.js';
import type { DemoClock } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import { TINY_JPEG, type FilesService } from '../files/index.js';
import type { ModeCode } from './toilets.rules.js';
import type { ToiletsService } from './toilets.service.js';

/** The demo's stand-in for a photo taken before renovation (the tests import it from here too). */
export { TINY_JPEG };

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** An 18-digit resident ID with its GB 11643 check character. */
export const residentId = (first17: string) => first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i], 0) % 11];

/** Measurements that pass the attachment's checks for every mode (the superstructure's too). */
const PASSING = { values: { indoorArea: '1.5', foundation: '10', tankDepth: '55', ventDiameter: '11', ventHeight: '60', pitLength: '2.1', pitWidth: '1.3', pitDepth: '1.8', bedding: '10', stallArea: '4.0', wallHeight: '2.3', wallThickness: '24' }, concrete: 'C20', roof: '彩钢瓦' };
const SUPERVISOR = '演示：交城县诚信工程监理有限公司';

type Upload = (a: Actor, id: number, phase: string) => Promise<unknown>;

export async function seedToiletsDemo(service: ToiletsService, accounts: AccountsService, directory: DirectoryService, files: FilesService, clock?: DemoClock): Promise<string[]> {
  const units = await directory.all();
  const xiying = units.find((u) => u.kind === 'township' && u.name === '西营镇');
  const userId = await accounts.idOf('xiying');
  if (!xiying || !userId) return [];
  const town: Actor = { userId, name: '西营镇经办人', role: 'township_official', unitId: xiying.id, townshipId: xiying.id };
  if ((await service.households.households(town, {})).length) return [];
  const villages = units.filter((u) => u.kind === 'village' && u.parentId === xiying.id).slice(0, 2);
  if (villages.length < 2) return [];
  const villageActor = (v: { id: number; name: string; parentId: number | null }): Actor => ({ userId: null, name: `演示数据（${v.name}）`, role: 'village_committee', unitId: v.id, townshipId: v.parentId });
  const office: Actor = { userId: null, name: '演示数据（县农业农村局）', role: 'department_official', unitId: units.find((u) => u.code === 'JC-NYNCJ')?.id ?? null, townshipId: null };
  const photo: Upload = (a, id, phase) => files.upload(a, 'toilet_photo', `${id}.${phase}`, `${{ before: '改造前', during: '施工中', after: '施工后' }[phase]}.jpg`, TINY_JPEG, 'image/jpeg');
  const paper: Upload = (a, id, kind) => files.upload(a, 'toilet_paper', `${id}.${kind}`, `${kind === 'agreement' ? '农村改厕协议' : '五方签字验收单'}.jpg`, TINY_JPEG, 'image/jpeg');
  const agree = async (a: Actor, id: number, no: string) => {
    await paper(a, id, 'agreement');
    await service.households.agree(a, id, no);
  };
  const complete = async (a: Actor, id: number, toiletNo: string, completedOn: string) => {
    for (const p of ['during', 'after']) await photo(a, id, p);
    await service.households.complete(a, id, { toiletNo, completedOn, ...PASSING });
  };
  const sign = async (id: number, village: Actor, township: Actor, parties: ('farmer' | 'builder' | 'village' | 'supervisor' | 'township')[]) => {
    for (const p of parties) await service.households.sign(p === 'farmer' || p === 'village' ? village : township, id, p, p === 'supervisor' ? '王建平' : null);
  };
  const report = (a: Actor, kind: 'weekly' | 'monthly' | 'township', period: string, note: string) => service.reports.submitReport(a, kind, period, note);

  const surnames = '王李张刘陈杨赵黄周吴徐孙';
  const ids: number[][] = [[], []];
  const survey = async () => {
    for (const [vi, v] of villages.entries()) {
      for (let i = 0; i < 12; i++) {
        const h = await service.households.survey(town, {
          villageId: v.id,
          headName: `${surnames[i]}${vi ? '建国' : '志强'}`,
          idNo: residentId(`1411221965${String(vi + 1).padStart(2, '0')}${String(10 + i).padStart(2, '0')}${String(100 + i)}`),
          phone: `139${String(vi).padStart(4, '0')}${String(1000 + i)}`,
          address: `${v.name.replace(/村民委员会|村委会$/, '村')}${i + 1}号`,
          members: 3 + (i % 3),
          // The first village can be renovated whole (11 of 12 wish it); the second only half.
          currentType: i % 4 === 3 ? 'cement' : 'old',
          pits: 1,
          sanitary: false,
          wish: vi === 0 ? i < 11 : i % 2 === 0,
          wishNote: '',
          username: null,
        });
        await photo(town, h.id, 'before');
        ids[vi].push(h.id);
      }
    }
  };
  // The first village's eight: two S-ECO, two 通风改良式 (传统水泥厕所), four 三格化粪池.
  const modes: ModeCode[] = ['seco', 'seco', 'old', 'cement', 'old', 'old', 'old', 'cement'];
  const first = () => ids[0].slice(0, 8);
  let noticed = false;
  const choose = async () => {
    for (const [i, id] of first().entries()) await service.households.select(town, id, modes[i], null);
    // Near a new year whose holidays nobody has entered, no period can be counted: the list then waits unpublished.
    noticed = await service.selection.publishBatch(town, villages[0].id).then(() => true, () => false);
  };
  const xy = villageActor(villages[0]);
  const own = await ownVillage(service, accounts, directory, photo, paper);

  const story: Chapter[] = [
    ['2022-05-30T09:00', survey, 'undated'],
    ['2022-06-06T10:00', choose, 'undated'],
    ['2022-06-09T17:00', () => report(xy, 'weekly', '2022-06-09', '名单已公示，入户宣传改厕政策')],
    // The notice ran 6–13 June with no objection: six households sign; two heads work away and sign on their return.
    ['2022-06-14T10:00', async () => {
      for (const [i, id] of first().slice(0, 6).entries()) await agree(town, id, `演示西营改厕协〔2022〕${String(i + 1).padStart(3, '0')}号`);
    }],
    ['2022-06-16T17:00', () => report(xy, 'weekly', '2022-06-16', '6 户已签订改厕协议，2 户户主在外务工待返乡签订')],
    ['2022-06-17T11:00', () => service.selection.addTender(town, { item: '三格化粪池（1.5 立方米，含安装配件）', winner: '演示：吕梁市清源环保设备有限公司', priceFen: 95_000, documentNo: '演示西营招〔2022〕1号' })],
    ['2022-06-20T09:00', async () => {
      const tender = (await service.selection.tenders(town))[0].id;
      const [a, b, c, d, e, f] = first();
      for (const id of [a, b]) await service.households.start(town, id, { builderKind: 'team', builderName: '演示：西营镇改厕施工队', supervisorName: null, tenderId: null, startedOn: '2022-06-20' });
      for (const id of [c, e, f]) await service.households.start(town, id, { builderKind: 'team', builderName: '演示：西营镇改厕施工队', supervisorName: SUPERVISOR, tenderId: tender, startedOn: '2022-06-20' });
      await service.households.start(town, d, { builderKind: 'self', builderName: null, supervisorName: null, tenderId: null, startedOn: '2022-06-20' });
    }],
    ['2022-06-20T16:00', () => report(xy, 'monthly', '2022-06', '6 月：摸底 12 户，确定 8 户，签订协议 6 户，6 户已开工')],
    ['2022-06-23T10:00', () => report(town, 'township', '2022-06', '西营村 6 户开工，寨子村摸底完成')],
    ['2022-06-23T17:00', () => report(xy, 'weekly', '2022-06-23', '6 户施工中，化粪池已到货')],
    ['2022-06-24T15:00', () => service.payments.release(office, xiying.id, 1)],
    // The week's report one day late: the schedule shows it 逾期报送.
    ['2022-07-01T09:30', () => report(xy, 'weekly', '2022-06-30', '化粪池安装完成 4 户，因降雨延误一天报送')],
    ['2022-07-04T16:00', async () => {
      const [a, b] = first();
      await complete(town, a, '演示XY2022-001', '2022-07-04');
      await complete(town, b, '演示XY2022-002', '2022-07-04');
    }],
    ['2022-07-07T16:00', async () => {
      const [, , c, , e] = first();
      await complete(town, c, '演示XY2022-003', '2022-07-07');
      await complete(town, e, '演示XY2022-005', '2022-07-07');
    }],
    ['2022-07-07T17:00', () => report(xy, 'weekly', '2022-07-07', '完工 4 户，2 户 S-ECO 待五方验收')],
    // The S-ECO pair accepted by all five; the two 三格 ones signed so far by the team and the supervisor.
    ['2022-07-08T10:00', async () => {
      const [a, b, c, , e] = first();
      for (const id of [a, b]) {
        await paper(town, id, 'acceptance');
        await sign(id, xy, town, ['farmer', 'builder', 'village', 'supervisor', 'township']);
      }
      for (const id of [c, e]) await sign(id, xy, town, ['builder', 'supervisor']);
    }],
    // The second village's three, ahead of the first village's last three wishes, for a reason the township writes.
    ['2022-07-11T10:00', async () => {
      for (const id of ids[1].filter((_, i) => i % 2 === 0).slice(0, 3)) await service.households.select(town, id, 'old', '演示：与危房改造同步实施，镇党委会研究先行安排');
    }],
    ...own.chapters,
  ];
  story.sort((a, b) => a[0].localeCompare(b[0]));
  const told = await tellStory(story, clock);
  const whole = told === story.length;
  return [`农村改厕：西营镇 ${villages.map((v) => v.name).join('、')} 摸底 24 户，${villages[0].name} 8 户已确定${noticed ? '并公示' : '，待公示'}${whole ? '，6 户开工、2 户五方验收合格' : ''}（账号 xiying、nongye）${own.line(whole)}`];
}

/**
 * The demo village account's households: surveyed on its phone on 1 June, five chosen and noticed by 天宁镇 on
 * 27 June (its quota is 水冲式 only), three agreements and works in July, one completed on the 11th waiting for the
 * village's and the farmer's signatures. Returns its chapters (the first `undated` run without the demo clock too).
 */
async function ownVillage(service: ToiletsService, accounts: AccountsService, directory: DirectoryService, photo: Upload, paper: Upload): Promise<{ chapters: Chapter[]; line: (whole: boolean) => string }> {
  const userId = await accounts.idOf('cunwei');
  const townId = await accounts.idOf('tianning');
  const me = userId ? await accounts.me({ userId, name: 'cunwei', role: 'village_committee', unitId: null, townshipId: null }) : null;
  const village = me?.unitId ? (await directory.all()).find((u) => u.kind === 'village' && u.id === me.unitId) : undefined;
  if (!userId || !me || !village || !townId || !village.parentId) return { chapters: [], line: () => '' };
  const actor: Actor = { userId, name: me.displayName, role: 'village_committee', unitId: village.id, townshipId: village.parentId };
  const town: Actor = { userId: townId, name: '天宁镇经办人', role: 'township_official', unitId: village.parentId, townshipId: village.parentId };
  const heads = ['郭玉兰', '任建军', '田秀英', '梁国平', '武海燕', '马志刚'];
  const ids: number[] = [];
  const place = village.name.replace(/(村民委员会|村委会|居委会)$/, '');
  const chosen = () => ids.filter((_, i) => i !== 4);
  const start = (id: number) => service.households.start(town, id, { builderKind: 'team', builderName: '演示：天宁镇宏达建筑工程队', supervisorName: SUPERVISOR, tenderId: null, startedOn: '2022-07-06' });
  const chapters: Chapter[] = [
    ['2022-06-01T10:00', async () => {
      for (const [i, headName] of heads.entries()) {
        const h = await service.households.survey(actor, {
          villageId: village.id,
          headName,
          idNo: residentId(`1411221972031${i}${String(200 + i)}`),
          phone: `1357000${String(2000 + i)}`,
          address: `${place}${i + 3}号`,
          members: 2 + (i % 4),
          currentType: i % 3 === 2 ? 'cement' : 'old',
          pits: 1,
          sanitary: false,
          wish: i !== 4,
          wishNote: i === 4 ? '户主常年在外务工，暂不改造' : '',
          username: null,
        });
        await photo(actor, h.id, 'before');
        ids.push(h.id);
      }
    }, 'undated'],
    // 天宁镇's quota is 300 水冲式 (交政办发〔2022〕10号 三、（二）): the five who wish it take that mode.
    ['2022-06-27T10:00', async () => {
      for (const id of chosen()) await service.households.select(town, id, 'flush', null);
      await service.selection.publishBatch(town, village.id);
    }],
    ['2022-06-30T17:00', () => service.reports.submitReport(actor, 'weekly', '2022-06-30', '5 户改厕名单公示中')],
    ['2022-07-05T10:00', async () => {
      // The village signs the agreements with its households, their scans kept first.
      for (const [i, id] of chosen().slice(0, 3).entries()) {
        await paper(actor, id, 'agreement');
        await service.households.agree(actor, id, `演示天宁改厕协〔2022〕${String(i + 1).padStart(3, '0')}号`);
      }
    }],
    ['2022-07-06T09:00', async () => {
      for (const id of chosen().slice(0, 3)) await start(id);
    }],
    ['2022-07-07T17:00', () => service.reports.submitReport(actor, 'weekly', '2022-07-07', '3 户签订协议并开工，2 户待签协议')],
    ['2022-07-11T16:00', async () => {
      const [id] = chosen();
      for (const p of ['during', 'after']) await photo(town, id, p);
      await service.households.complete(town, id, { toiletNo: '演示TN2022-001', completedOn: '2022-07-11', ...PASSING });
      for (const party of ['builder', 'supervisor', 'township'] as const) await service.households.sign(town, id, party, party === 'supervisor' ? '李志远' : null);
    }],
  ];
  return { chapters, line: (whole) => `；${village.name} 摸底 ${heads.length} 户${whole ? '，5 户已确定并公示，3 户开工' : ''}（账号 cunwei、tianning）` };
}
