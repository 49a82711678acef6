/**
 * A believable start for demo installs (never production), every record marked 演示: the demo reserve's scale, a few
 * lots, the 2022 rotation plan applied (小麦 300 万斤 approved with its first sale; 玉米 100 万斤 awaiting approval),
 * and the indicator types that the targets' import template lists. The townships' targets are left for import. On the
 * install's demo clock the rotation is replayed from the day after 交政发〔2022〕8号 (29 June) to the day before the clock.
 */
import type { Actor } from '../../core/audit.js';
import type { ModuleContext } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import { BODIES } from './grain.access.js';
import type { GrainService } from './grain.service.js';

/** The demo accounts of the reserve's bodies and one 承储企业. */
export const GRAIN_ACCOUNTS = [
  { username: 'liangchu', displayName: '县粮食和物资储备中心经办人', role: 'department_official', body: 'centre' },
  { username: 'fagai', displayName: '县发展和改革局经办人', role: 'department_official', body: 'reform' },
  { username: 'nongfahang', displayName: '县农发行信贷员', role: 'department_official', body: 'bank' },
  { username: 'chengchu', displayName: '演示承储企业（示例粮库）', role: 'service_org', body: null },
] as const;

/** Create the grain demo accounts that do not exist yet; returns the actors by username. */
export async function ensureGrainAccounts(accounts: AccountsService, directory: DirectoryService, password: string): Promise<Record<string, Actor>> {
  const out: Record<string, Actor> = {};
  const missing = [];
  for (const a of GRAIN_ACCOUNTS) if (!(await accounts.idOf(a.username))) missing.push(a);
  const units = new Map<string, number | null>();
  for (const a of GRAIN_ACCOUNTS) if (a.body) units.set(a.body, await directory.idOfCode(BODIES[a.body].code));
  if (missing.length) await accounts.seedDemoUsers(missing.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role, unitId: a.body ? (units.get(a.body) ?? null) : null })), password);
  for (const a of GRAIN_ACCOUNTS) {
    const unitId = a.body ? (units.get(a.body) ?? null) : null;
    out[a.username] = { userId: await accounts.idOf(a.username), name: a.displayName, role: a.role, unitId, townshipId: null };
  }
  return out;
}

const DEMO = '演示承储企业（示例粮库）';
/** The replayed story's last day: a demo clock on or before it seeds everything at its own now instead. */
const LAST_DAY = '2022-07-11';

export async function seedGrainDemo(service: GrainService, accounts: AccountsService, directory: DirectoryService, password: string, clock: Pick<ModuleContext, 'today' | 'demoClock'>): Promise<string[]> {
  if (await service.reserve.hasDemo()) return [];
  const replay = clock.demoClock && clock.today() > LAST_DAY ? clock.demoClock : null;
  const on = (day: string) => replay?.at(`${day}T09:30:00+08:00`);
  // Without the demo clock (a pinned clock) the sale is dated today, never after it.
  const soldOn = replay ? '2022-07-08' : clock.today();
  const a = await ensureGrainAccounts(accounts, directory, password);
  const centre = a.liangchu;
  if (!centre.unitId || !a.fagai.unitId) return [];
  const r = service.reserve;
  // Thursday 30 June, the day after the notice: the centre enters the reserve and applies for the wheat.
  on('2022-06-30');
  await r.enterScale(centre, { year: 2022, establishedYear: 2019, scale: '2000', source: '演示数据：储备规模以县核定文件为准，由县粮食和物资储备中心录入' }).catch(() => undefined);
  const lot = (code: string, grain: '小麦' | '玉米', quantity: string, grade: '二等' | '三等', yearStored: number, warehouse: string) =>
    r.addLot(centre, { code, grain, quantity, grade, yearStored, warehouse, enterpriseName: DEMO, enterpriseUsername: 'chengchu' }, { demo: true });
  const lots = [
    await lot('DEMO-XM-01', '小麦', '150', '二等', 2020, '示例粮库 1 号仓'),
    await lot('DEMO-XM-02', '小麦', '150', '三等', 2020, '示例粮库 2 号仓'),
    await lot('DEMO-XM-03', '小麦', '600', '二等', 2021, '示例粮库 3 号仓'),
    await lot('DEMO-YM-01', '玉米', '100', '三等', 2020, '示例粮库 4 号仓'),
    await lot('DEMO-YM-02', '玉米', '900', '二等', 2021, '示例粮库 5 号仓'),
    await lot('DEMO-YM-03', '玉米', '20', '三等', 2019, '示例粮库 6 号仓'),
  ];
  await r.markUnfit(centre, lots[5].id, '演示：储存年限较长，检验宜存率下降');
  const wheat = await r.apply(centre, { year: 2022, grain: '小麦', quantity: '300', mode: '先销后购', enterpriseName: DEMO, enterpriseUsername: 'chengchu', note: '演示：依交政发〔2022〕8号轮换计划，轮换 2020 年入库小麦 300 万斤', shareReason: null }, { demo: true });
  // Friday 1 July 县发展和改革局 approves; Friday 8 July the wheat is sold on the platform (先销后购: the purchase waits
  // for it), so on the 12th its lots are four days into their 轮空期 and the enterprise has the purchase to organise.
  on('2022-07-01');
  await r.step(a.fagai, wheat.id, 'approve', { opinion: '演示：同意按计划轮换，轮出、轮入均须公开竞价' });
  on('2022-07-08');
  await r.addOrder(a.chengchu, wheat.id, { direction: 'out', quantity: null, lotIds: [lots[0].id, lots[1].id], bid: { channel: '粮食电子交易平台', date: soldOn, bidders: ['示例面粉有限公司', '示例粮油贸易公司', '示例食品公司'], winner: '示例面粉有限公司', price: '2860', resultDoc: '演示：成交确认书 DEMO-2022-001' } });
  // Monday 11 July the centre applies for the maize: 县发展和改革局 has it to decide on the 12th.
  on(LAST_DAY);
  await r.apply(centre, { year: 2022, grain: '玉米', quantity: '100', mode: '边销边购', enterpriseName: DEMO, enterpriseUsername: 'chengchu', note: '演示：依交政发〔2022〕8号轮换计划，轮换 2020 年入库玉米 100 万斤', shareReason: null }, { demo: true });
  // The attachment's columns are the office's; these three types (the 播种面积、产量、耕地利用) fill the template.
  const admin: Actor = { userId: await accounts.idOf('admin'), name: '县级管理员', role: 'county_admin', unitId: null, townshipId: null };
  for (const [name, kind] of [['粮食播种面积', 'sown_area'], ['粮食总产量', 'output'], ['耕地利用面积', 'farmland']] as const) await service.targets.addIndicator(admin, { name, kind }).catch(() => undefined);
  return ['粮食：演示储备规模 2000 万斤、6 个货位（1 个不宜存）、2022 年小麦 300 万斤轮换已批准并轮出、玉米 100 万斤待审批；乡镇指标待导入（账号 liangchu、fagai、caizheng、nongfahang、chengchu）'];
}
