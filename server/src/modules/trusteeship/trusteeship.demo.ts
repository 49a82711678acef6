/**
 * A believable pilot season for demo installs (never production), after 交政办发〔2022〕16号. On the install's demo
 * clock (Tuesday 2022-07-12) it is replayed at its own days:
 * - the demo organisation account's cooperative (`fuwu`, 天宁镇) did the spring tillage and 旋播 of five farmers in
 *   April; it is selected in early June, files its contracts and works, and its season runs through 乡镇初验 (20 June),
 *   县级验收 (28 June) and the city's sample to a settled sheet on 8 July, in 大写 as printed;
 * - a 西营镇 cooperative, selected after the plan, files its spring sowing and July spraying: three works confirmed on
 *   paper, one disputed by its farmer (`jumin`) for 西营镇 to check on site, one unanswered;
 * - a 天宁镇 family farm applies on 8 July; its village (`cunwei`) and township recommend it for the centre's 会审.
 * The plan is dated 24 June yet prices 春耕 and 春播, done in April and May: the pilot pays for the season's work from
 * spring (先服务后补助), so the first organisation's works are dated then. Its selection is dated before the plan's
 * issue (the plan 「已经县政府同意」 before it was printed; the text dates no step): three notices of 5 working days
 * after 24 June would leave no sheet settled before 20 July.
 * Without the demo clock (a pinned or rehearsal clock) only the first application and its recommendations happen, at
 * that clock's now (no notice could run).
 */
import type { Actor } from '../../core/audit.js';
import { addDays } from '../../core/calendar.js';
import { tellStory, type Chapter } from '../../core/demo-story.js';
import type { DemoClock } from '../../core/module.js';
import { DEMO_PASSWORD, type AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import { TINY_JPEG, type FilesService } from '../files/index.js';
import type { StageCode } from './trusteeship.rules.js';
import type { TrusteeshipService } from './trusteeship.service.js';

const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** An 18-digit resident ID with its GB 11643 check character. */
const residentId = (first17: string) => first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * ID_W[i], 0) % 11];
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A 统一社会信用代码 with its GB 32100 check character. */
const creditCode = (first17: string) => first17 + USCC[(31 - ([...first17].reduce((s, ch, i) => s + USCC.indexOf(ch) * USCC_W[i], 0) % 31)) % 31];

const CRITERIA = {
  legal: '演示：营业执照、银行开户许可证齐全',
  record: '演示：连续三年开展代耕代种服务，无安全事故、无上访',
  machinery: '演示：大中型拖拉机 6 台、旋播一体机 4 台、植保无人机 2 架，农机手 9 名',
  site: '演示：机库及办公用房 600 平方米',
  archive: '演示：专人管理托管服务档案，作业监控设备全部接入监管平台',
};

type Plot = { farmer: string; id17: string; phone: string; village: number; location: string; mu: string; crop: string; stages: StageCode[]; username?: string };

export async function seedTrusteeshipDemo(service: TrusteeshipService, accounts: AccountsService, directory: DirectoryService, files: FilesService, clock?: DemoClock): Promise<string[]> {
  const units = await directory.all();
  const unit = (name: string) => units.find((u) => u.name === name);
  const tn = unit('天宁镇');
  const xy = unit('西营镇');
  const ids = Object.fromEntries(await Promise.all(['fuwu', 'nongfu', 'tianning', 'xiying', 'cunwei', 'jumin'].map(async (n) => [n, await accounts.idOf(n)] as const)));
  if (!tn || !xy || Object.values(ids).some((v) => v === null)) return [];
  const people = new Map<string, Actor>();
  for (const [n, id] of Object.entries(ids)) {
    const u = await accounts.me({ userId: id, name: n, role: 'resident', unitId: null, townshipId: null });
    people.set(n, { userId: u.id, name: u.displayName, role: u.role, unitId: u.unitId, townshipId: u.townshipId });
  }
  const account = (n: string) => people.get(n)!;
  const fuwu = account('fuwu');
  if ((await service.orgs(fuwu)).length) return [];
  const centre = account('nongfu');
  const [tianning, xiying, cunwei, jumin] = ['tianning', 'xiying', 'cunwei', 'jumin'].map(account);
  const tnVillages = units.filter((u) => u.kind === 'village' && u.parentId === tn.id && u.name.endsWith('村委会'));
  const xyVillages = units.filter((u) => u.kind === 'village' && u.parentId === xy.id);
  if (tnVillages.length < 2 || xyVillages.length < 2 || !cunwei.unitId) return [];
  const villageOf = (id: number): Actor => ({ userId: null, name: `演示数据（${units.find((u) => u.id === id)!.name}）`, role: 'village_committee', unitId: id, townshipId: tn.id });

  const org: Record<'first' | 'second' | 'farm', number> = { first: 0, second: 0, farm: 0 };
  const others = new Map<string, Actor>();
  const works = new Map<string, number>();
  /** The contracts of an organisation (its account), each with its works on the given days (a work's key: plot:stage). */
  const file = async (owner: Actor, orgId: number, period: [string, string], plots: Plot[], done: [StageCode, string][]) => {
    for (const [i, p] of plots.entries()) {
      const c = await service.createContract(owner, { orgId, season: 2022, farmerName: p.farmer, farmerIdNo: residentId(p.id17), farmerPhone: p.phone, farmerUsername: p.username ?? null, villageId: p.village, location: p.location, areaMu: p.mu, crop: p.crop, stages: p.stages, periodFrom: period[0], periodTo: period[1], quality: '演示：耕深 25 厘米以上，播种均匀、不漏播不重播，按农艺要求作业' });
      for (const [stage, day] of done) {
        if (!p.stages.includes(stage)) continue;
        // Each plot a day after the one before, as a machine team works through a village.
        const w = await service.recordWork(owner, { contractId: c.id, stage, workDate: addDays(day, i), areaMu: p.mu, passes: 1, evidence: '演示：作业监控设备轨迹与面积截图' });
        works.set(`${p.location}:${stage}`, w.id);
      }
    }
  };
  /** The farmer's signed paper 确认单 scanned and recorded by the organisation. */
  const onPaper = async (owner: Actor, keys: string[]) => {
    for (const k of keys) {
      const id = works.get(k)!;
      await files.upload(owner, 'trusteeship_work_paper', String(id), '农业生产托管服务确认单.jpg', TINY_JPEG, 'image/jpeg');
      await service.farmerAnswer(owner, id, true, null);
    }
  };
  const first: Plot[] = [
    { farmer: '王福生', id17: '14112219620315101', phone: '15935801201', village: tnVillages[0].id, location: '东坡地 3 号', mu: '30.00', crop: '玉米', stages: ['tillage', 'rotary'] },
    { farmer: '李春生', id17: '14112219650721102', phone: '15935801202', village: tnVillages[0].id, location: '河滩地 7 号', mu: '45.50', crop: '玉米', stages: ['tillage', 'rotary'] },
    { farmer: '刘永强', id17: '14112219700108103', phone: '15935801203', village: tnVillages[0].id, location: '北梁地 12 号', mu: '22.80', crop: '高粱', stages: ['tillage', 'rotary'] },
    { farmer: '赵桂花', id17: '14112219680930204', phone: '15935801204', village: tnVillages[1].id, location: '南坪地 5 号', mu: '60.00', crop: '玉米', stages: ['tillage', 'rotary'] },
    { farmer: '陈有才', id17: '14112219591203105', phone: '15935801205', village: tnVillages[1].id, location: '西沟地 2 号', mu: '18.60', crop: '马铃薯', stages: ['tillage', 'sowing'] },
  ];
  const second: Plot[] = [
    { farmer: '张三', id17: '14112219900101123', phone: '13812345678', village: xyVillages[0].id, location: '村东地 9 号', mu: '20.00', crop: '玉米', stages: ['sowing', 'spraying', 'harvest'], username: 'jumin' },
    { farmer: '孙建华', id17: '14112219720516106', phone: '15935802201', village: xyVillages[0].id, location: '村西地 4 号', mu: '35.00', crop: '玉米', stages: ['sowing', 'spraying', 'harvest'] },
    { farmer: '周玉莲', id17: '14112219671118207', phone: '15935802202', village: xyVillages[1].id, location: '寨子南地 1 号', mu: '28.40', crop: '玉米', stages: ['sowing', 'spraying', 'harvest'] },
    { farmer: '吴德胜', id17: '14112219580822108', phone: '15935802203', village: xyVillages[1].id, location: '寨子北地 6 号', mu: '41.20', crop: '高粱', stages: ['sowing', 'harvest'] },
  ];
  const accepted = (level: 'township' | 'county') => async () => {
    const ws = await service.worksLedger(centre, 2022);
    const mine = ws.filter((w) => w.orgId === org.first);
    // The township measures one plot on the monitoring platform at 44.00 亩 of the 45.50 its farmer confirmed.
    const items = mine.map((w) => ({ workId: w.id, areaMu: level === 'township' && w.contract.location === '河滩地 7 号' && w.stage === 'rotary' ? '44.00' : (w.townshipAreaMu ?? w.areaMu) }));
    return service.accept(level === 'township' ? tianning : centre, { orgId: org.first, season: 2022, level, note: level === 'township' ? '演示：实地查验并与作业监控平台数据核对，河滩地 7 号旋播面积按平台数据核减 1.5 亩' : '演示：资料齐全，乡镇初验公示无异议，同意验收', items });
  };

  const story: Chapter[] = [
    // The first cooperative applies and is recommended by its village and 天宁镇.
    ['2022-06-01T09:30', async () => {
      org.first = (await service.apply(fuwu, { name: '演示：交城县丰泽农机服务专业合作社', creditCode: creditCode('93141122MA0KDT001'), orgType: '农民专业合作社', townshipId: tn.id, villageId: tnVillages[0].id, criteria: CRITERIA })).id;
    }, 'undated'],
    ['2022-06-02T10:00', () => service.recommend(villageOf(tnVillages[0].id), org.first), 'undated'],
    ['2022-06-02T15:00', () => service.recommend(tianning, org.first), 'undated'],
    ['2022-06-06T10:00', () => service.review(centre, org.first, true, '演示：对照五项标准逐项核验，证照、机具、场所、档案齐全，同意列入试点服务组织')],
    ['2022-06-14T09:30', async () => {
      await service.publish(centre, org.first);
      await service.countyContract(centre, org.first, '演示JCTG-2022-001');
    }],
    // The spring's contracts filed with the centre and the township, the April works with them, on paper signed by the farmers.
    ['2022-06-15T10:00', () => file(fuwu, org.first, ['2022-04-01', '2022-05-31'], first, [['tillage', '2022-04-18'], ['rotary', '2022-04-26'], ['sowing', '2022-04-27']])],
    ['2022-06-16T15:00', () => onPaper(fuwu, [...works.keys()])],
    ['2022-06-20T10:00', accepted('township')],
    ['2022-06-28T10:00', accepted('county')],
    ['2022-07-06T15:00', () => service.drawSample(centre, 2022, '演示：2022-07-06 市现代农业发展服务中心第一批抽验')],
    ['2022-07-07T16:00', () => service.recordSample(centre, 2022, org.first, true)],
    ['2022-07-08T10:00', () => service.settle(centre, org.first, 2022)],
    // The 西营镇 cooperative, selected after the plan: its notice runs 29 June to 6 July.
    ['2022-06-27T09:30', async () => {
      const owner = await demoAccount('demo_fuwu2', '演示：惠民农机专业合作社负责人');
      org.second = (await service.apply(owner, { name: '演示：交城县惠民农机专业合作社', creditCode: creditCode('93141122MA0KDX002'), orgType: '农民专业合作社', townshipId: xy.id, villageId: null, criteria: CRITERIA })).id;
    }],
    ['2022-06-28T10:00', () => service.recommend(xiying, org.second)],
    ['2022-06-29T10:00', () => service.review(centre, org.second, true, '演示：五项标准均符合，同意列入试点服务组织')],
    ['2022-07-07T09:30', async () => {
      await service.publish(centre, org.second);
      await service.countyContract(centre, org.second, '演示JCTG-2022-002');
    }],
    ['2022-07-08T11:00', () => file(others.get('demo_fuwu2')!, org.second, ['2022-04-25', '2022-10-31'], second, [['sowing', '2022-05-06']])],
    ['2022-07-09T09:00', async () => {
      await onPaper(others.get('demo_fuwu2')!, ['村西地 4 号:sowing', '寨子南地 1 号:sowing', '寨子北地 6 号:sowing']);
      await service.farmerAnswer(jumin, works.get('村东地 9 号:sowing')!, true, '已核对，面积属实');
    }],
    ['2022-07-10T18:00', async () => {
      // The drone's pass over two plots on the 10th, recorded that evening.
      const owner = others.get('demo_fuwu2')!;
      for (const [i, p] of second.slice(0, 2).entries()) {
        const c = (await service.contracts(owner, 2022)).find((x) => x.location === p.location)!;
        const w = await service.recordWork(owner, { contractId: c.id, stage: 'spraying', workDate: '2022-07-10', areaMu: p.mu, passes: i ? 1 : 2, evidence: '演示：植保无人机作业轨迹截图' });
        works.set(`${p.location}:spraying`, w.id);
      }
    }],
    ['2022-07-11T08:30', () => service.farmerAnswer(jumin, works.get('村东地 9 号:spraying')!, false, '只喷了一遍，确认单填的是两遍')],
    // A 天宁镇 family farm in the demo village applies; the village and the township recommend it for the centre's 会审.
    ['2022-07-08T15:00', async () => {
      const owner = await demoAccount('demo_fuwu3', '演示：金穗家庭农场负责人');
      org.farm = (await service.apply(owner, { name: '演示：交城县金穗家庭农场', creditCode: creditCode('92141122MA0KDJ003'), orgType: '家庭农场', townshipId: tn.id, villageId: cunwei.unitId, criteria: CRITERIA })).id;
    }],
    ['2022-07-11T09:00', () => service.recommend(cunwei, org.farm)],
    ['2022-07-11T15:00', () => service.recommend(tianning, org.farm)],
  ];

  /** A demo organisation account of its own (same password as the printed ones). */
  async function demoAccount(username: string, displayName: string): Promise<Actor> {
    const [u] = await accounts.seedDemoUsers([{ username, displayName, role: 'service_org' }], DEMO_PASSWORD);
    const a: Actor = { userId: u.id, name: displayName, role: 'service_org', unitId: null, townshipId: null };
    others.set(username, a);
    return a;
  }

  story.sort((a, b) => a[0].localeCompare(b[0]));
  const told = await tellStory(story, clock);
  if (!clock) return ['农业生产托管演示数据：演示服务组织已申请并经村、乡镇推荐，待县现代农业发展服务中心会审（账号 fuwu、nongfu）'];
  if (told < story.length) return [`农业生产托管演示数据：${told ? `本季演示到 ${story[told - 1][0].slice(0, 10)}（演示时钟起点之后的各步未演示）` : '演示时钟早于本季第一步，未演示'}（账号 fuwu、nongfu）`];
  const sheet = await service.sheet(centre, org.first, 2022);
  return [`农业生产托管演示数据：3 个服务组织，${first.length + second.length} 份托管合同；丰泽合作社本季已结算 ${(sheet.totalFen / 100).toFixed(2)} 元（${sheet.upper}），惠民合作社作业待确认与核实，金穗家庭农场待会审（账号 fuwu、demo_fuwu2、demo_fuwu3、nongfu、tianning、xiying、cunwei、jumin，密码同上）`];
}
