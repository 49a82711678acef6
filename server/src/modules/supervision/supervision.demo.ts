/**
 * Demo installs only (never production): the tasks of 交政办发〔2022〕6号 (issued 2022-04-15) extracted, twelve of them
 * assigned and worked on, so the tracker, the workbench and the dashboard show a county office at work. On the
 * install's demo clock (Tuesday 2022-07-12) the history is replayed at its own days — a first batch assigned on
 * 19 April for the 4月底 and 6月底 items, a second on 16 May, two more on Monday 11 July — with the sweep's 催办,
 * 督办单 and weekly 督查通报 on the days they fell. On the 12th the tasks stand in every light: two 已办结 (one after a
 * 退回), one 临期 (an extension to 15 July, its 汇总 waiting for 复核), three 逾期 (6月底 items not done, one with an
 * extension request waiting), one 未签收 (assigned the day before) and five 进行中.
 * Without the demo clock (a pinned or rehearsal clock) the same story happens at that clock's now.
 */
import type { Actor } from '../../core/audit.js';
import type { DemoClock } from '../../core/module.js';
import type { DirectoryService } from '../directory/index.js';
import type { SupervisionService, TaskView } from './supervision.service.js';

const DOC = '交政办发〔2022〕6号';

/** The twelve tasks, by their plan's word and clause as printed. */
const TASKS = {
  vocs: ['空气', '三、（二）3.'],
  water: ['碧水', '三、（五）11.'],
  black: ['碧水', '三、（二）6.'],
  station: ['碧水', '三、（八）24.'],
  sewers: ['碧水', '三、（二）4.'],
  coke: ['空气', '三、（一）1.'],
  mines: ['土壤', '二、（一）2.'],
  towns: ['碧水', '四、（一）'],
  plants: ['碧水', '三、（二）5.'],
  risks: ['碧水', '三、（三）8.'],
  negative: ['空气', '四、（一）6.'],
  straw: ['空气', '四、（四）14.'],
} as const satisfies Record<string, readonly [string, string]>;
type Key = keyof typeof TASKS;

const EPA = '吕梁市生态环境局交城分局';
const HOUSING = '县住房和城乡建设管理局';
const WATER = '县水利局';
const INDUSTRY = '县工业和信息化局';

/** Extract, then replay the office's and the units' work on the twelve tasks; `clock` is the install's demo clock. */
export async function seedSupervisionDemo(service: SupervisionService, directory: DirectoryService, clock?: DemoClock): Promise<string[]> {
  const units = await directory.all();
  const county = units.find((u) => u.kind === 'county');
  const office: Actor = { userId: null, name: '演示数据（县政府办公室）', role: 'county_admin', unitId: county?.id ?? null, townshipId: null };
  if ((await service.list(office, {}, 1, 1)).total > 0) return [];
  // A day of the story: replayed on the demo clock, never later than where the clock starts (a step is never dated
  // in the future); without the clock, the clock's own now.
  const on = (day: string, time = '09:00') => {
    const iso = `${day}T${time}:00+08:00`;
    if (clock && Date.parse(iso) < Date.parse(clock.start)) clock.at(iso);
    else clock?.resume();
  };

  on('2022-04-18');
  // An install that does not import the bundled gazette (SEED_GAZETTE=false) has no document to extract from.
  const extracted = await service.extract(office, DOC).catch(() => null);
  if (!extracted) return [];
  const { items } = await service.list(office, { docNumber: DOC, status: 'proposed' }, 1, 100);
  const found = new Map<Key, TaskView>();
  for (const [key, [plan, clause]] of Object.entries(TASKS) as [Key, readonly [string, string]][]) {
    const t = items.find((x) => x.part?.includes(plan) && x.path.join('') === clause);
    if (t) found.set(key, t);
  }
  if (found.size < Object.keys(TASKS).length) return [`督查督办演示数据：从 ${DOC} 抽取 ${extracted.found} 项任务（演示所用条款未全部抽取到，未交办）`];
  const id = (k: Key) => found.get(k)!.id;
  const unitOf = (name: string): Actor => {
    const u = units.find((x) => x.name === name)!;
    const township = u.kind === 'township';
    return { userId: null, name: `演示数据（${name}）`, role: township ? 'township_official' : 'department_official', unitId: u.id, townshipId: township ? u.id : null };
  };
  const namesOf = (k: Key, part?: 'lead' | 'support') => found.get(k)!.units.filter((u) => !part || u.part === part).map((u) => u.unitName);
  let assigned = 0;
  let reported = 0;
  const assign = async (...keys: Key[]) => {
    for (const k of keys) {
      await service.confirm(office, id(k));
      assigned++;
    }
  };
  /** 核定: a date the text does not give, set by the office when it assigns (the units as extracted). */
  const fix = async (k: Key, deadline: string) => {
    const t = found.get(k)!;
    await service.correct(office, t.id, { lead: t.units.filter((u) => u.part === 'lead').map((u) => u.unitId), support: t.units.filter((u) => u.part === 'support').map((u) => u.unitId), deadline, recurrence: null });
  };
  const sign = async (k: Key, names: string[]) => {
    for (const n of names) await service.sign(unitOf(n), id(k));
  };
  const report = async (k: Key, unit: string, percent: number, text: string, o: { step?: string; consolidated?: boolean; values?: (number | null)[] } = {}) => {
    await service.report(unitOf(unit), id(k), { text, percent, values: o.values ?? [], consolidated: o.consolidated ?? false, step: o.step ?? null });
    reported++;
  };
  const sweep = async (day: string) => {
    on(day, '08:30');
    await service.sweep();
  };

  try {
    // 交办 of the first batch, the day after extraction: the 4月底 and 6月底 items and the coke ovens (a 4月底 step).
    on('2022-04-19', '10:00');
    await assign('vocs', 'water', 'black', 'station', 'sewers', 'coke');
  } catch {
    // Near a year the working-day calendar does not know, signing deadlines cannot be counted: the demo then leaves
    // the tasks as proposals rather than the install failing to start.
    return [`督查督办演示数据：从 ${DOC} 抽取 ${extracted.found} 项任务，交办 ${assigned} 项，报送进展 ${reported} 项`];
  }
  on('2022-04-20', '15:00');
  for (const k of ['vocs', 'water', 'black', 'station', 'coke'] as const) await sign(k, namesOf(k));
  on('2022-04-21', '10:30');
  await sign('sewers', namesOf('sewers'));
  await sweep('2022-04-21');

  await sweep('2022-04-25');
  on('2022-04-27', '16:00');
  await report('vocs', INDUSTRY, 100, '配合分局完成 9 家焦化、化工企业挥发性有机物治理设施核查，低效治理设施已全部拆除更换');
  await report('vocs', '县市场监督管理局', 100, '完成涉VOCs产品质量抽检 12 批次，未发现不合格');
  on('2022-04-28', '10:00');
  await report('vocs', EPA, 100, '挥发性有机物治理提升整治全部完成：9 家企业淘汰光氧催化等低效工艺，改为催化氧化、高温焚烧，已逐户现场验收', { consolidated: true });
  await report('coke', INDUSTRY, 30, '美锦煤化工 180 万吨/年 4.3 米焦炉已于 4 月 27 日停产并拆除推焦机，经市工信局现场确认', { step: '2022-04-30' });
  on('2022-04-29', '11:00');
  await service.finish(office, id('vocs'), true, '经核查，整治到位，同意办结销号');

  await sweep('2022-05-09');
  await sweep('2022-05-16');
  // The second batch: the mines the office dates 6月底 (the text gives no date), the towns' plans, the plants, the risks.
  on('2022-05-16', '10:00');
  await fix('mines', '2022-06-30');
  await assign('mines', 'towns', 'plants', 'risks');
  on('2022-05-17', '15:30');
  for (const k of ['mines', 'plants', 'risks'] as const) await sign(k, namesOf(k));
  await sign('towns', namesOf('towns').slice(0, 5));
  on('2022-05-18', '09:40');
  await sign('towns', namesOf('towns').slice(5));
  on('2022-05-20', '16:00');
  await report('water', EPA, 50, '完成县级水源地环境问题排查，发现问题 9 个，已建立整改台账');
  await report('water', WATER, 40, '一级保护区隔离网已修复 1.2 公里，警示标志牌更换 16 块');
  await report('water', HOUSING, 40, '水源地周边 2 处生活污水散排点已纳管');
  await sweep('2022-05-23');
  on('2022-05-25', '15:00');
  await report('black', HOUSING, 50, '建成区 12 处水体已完成第一轮排查，3 处水质监测待复核');
  on('2022-05-26', '15:00');
  await report('sewers', HOUSING, 40, '城区污水管网排查完成 60%，发现错接、混接点 17 处', { values: [0.8, 128, 104] });
  await sweep('2022-05-30');
  on('2022-05-30', '16:00');
  await report('station', EPA, 50, '企业入河排污口、雨水排口、县污水处理厂溢流口视频监控已全部建成，与分局智能管理平台联网', { step: '2022-05-31', values: [2] });

  await sweep('2022-06-06');
  await sweep('2022-06-13');
  on('2022-06-15', '10:00');
  await report('risks', EPA, 40, '已完成 28 家涉水企业风险隐患排查，下发整改通知 6 份');
  await sweep('2022-06-20');
  on('2022-06-22', '11:00');
  await service.requestExtension(unitOf(HOUSING), id('black'), '2022-07-15', '汛期连续降雨，建成区水体须雨后复测水质方能确认消除，排查工作需顺延至 7 月 15 日');
  on('2022-06-23', '09:30');
  await service.decideExtension(office, (await service.pendingExtensions())[0].id, true);
  on('2022-06-24', '16:00');
  for (const u of [EPA, WATER, HOUSING]) await report('water', u, 100, '县级水源地环境问题及风险隐患排查整治工作已完成，9 个问题全部整改到位');
  await sweep('2022-06-27');
  on('2022-06-27', '10:00');
  await service.finish(office, id('water'), false, '请补充问题整改清单及整改前后照片，保护区标志牌设置情况一并报送');
  on('2022-06-28', '16:00');
  await report('mines', EPA, 60, '排查矿区历史遗留废物堆存点 12 处，整治方案初稿已完成');
  await report('towns', '天宁镇', 50, '镇水生态环境保护年度实施方案已印发，责任清单建立到村');
  await report('towns', '西营镇', 50, '年度实施方案已印发，磁窑河沿线 4 村明确网格员');
  on('2022-06-29', '15:00');
  await report('mines', INDUSTRY, 80, '涉矿企业历史遗留废物排查完成，整治方案待分局会审');
  await report('station', EPA, 80, '监测站主体建成，设备安装调试中');
  for (const u of [EPA, WATER, HOUSING]) await report('water', u, 100, '已补充问题整改清单、整改前后照片及标志牌设置情况');
  on('2022-06-30', '10:00');
  await service.finish(office, id('water'), true, '补充材料齐全，同意办结销号');
  on('2022-06-30', '16:30');
  await report('coke', INDUSTRY, 45, '华鑫焦化、晋阳焦化“上大关小”项目主体施工中，按 10 月底淘汰 4.3 米焦炉推进');
  await report('plants', '西营镇', 50, '西营镇污水处理厂稳定运行，日均处理 1800 吨');
  await report('plants', HOUSING, 60, '庞泉沟镇污水处理厂设备调试中，按 7 月底启运推进');

  // The 6月底 dates passed: 督办单 to every unit of the three tasks not done.
  await sweep('2022-07-01');
  await sweep('2022-07-04');
  on('2022-07-04', '15:00');
  await service.requestExtension(unitOf(EPA), id('station'), '2022-07-29', '监测设备厂家供货延迟，预计 7 月下旬完成安装调试并与省平台联网');
  on('2022-07-05', '16:00');
  await report('sewers', HOUSING, 70, '城区管网排查已完成 85%，错接、混接点 23 处正在整治', { values: [1.5, 132, 108] });
  on('2022-07-08', '15:30');
  await report('black', WATER, 100, '配合完成建成区水体雨后水质复测');
  await report('black', EPA, 100, '复测水质 12 处均达标');
  // 交办 on Monday the 11th: units sign within two working days, by the 13th.
  await sweep('2022-07-11');
  on('2022-07-11', '10:00');
  await fix('negative', '2022-09-30');
  await fix('straw', '2022-12-31');
  await assign('negative', 'straw');
  on('2022-07-11', '15:00');
  await sign('negative', ['县发展和改革局', '县能源局']);
  await sign('straw', ['县农业农村局', '天宁镇', '洪相镇', '夏家营镇']);
  on('2022-07-11', '16:30');
  await report('black', HOUSING, 100, '建成区 12 处水体排查完毕，雨后复测均达标，未发现返黑返臭；排查报告已报分局', { consolidated: true });
  await sweep('2022-07-12');
  return [`督查督办演示数据：从 ${DOC} 抽取 ${extracted.found} 项任务，交办 ${assigned} 项，报送进展 ${reported} 项（账号 admin、gongxin、xiying 有待办）`];
}
