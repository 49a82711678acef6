/**
 * A believable campaign for demo installs (never production): approved and published merchants of each category,
 * the first round's few thousand claims and some hundreds of redemptions, and leads for the oversight page. On the
 * install's demo clock (2022-07-12) the history is replayed at its own days: the first round on 2022-06-11, settled
 * through every step the following week, and the fifth round from Saturday 2022-07-09, its first two days reported
 * and waiting for the 工信局, its third still to report.
 */
import { SYSTEM_ACTOR, type Actor } from '../../core/audit.js';
import type { DemoClock } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { SettlementStep } from './settlement.flow.js';
import { BODIES, type Bureau, type CategoryCode } from './vouchers.rules.js';
import type { VouchersService } from './vouchers.service.js';

const MERCHANTS: { name: string; creditCode: string; category: CategoryCode; stores: string[] }[] = [
  { name: '交城县华联超市有限公司', creditCode: '91141122MA0KD00014', category: 'general', stores: ['天宁镇西街 12 号', '天宁镇东关 3 号'] },
  { name: '交城县美特好商贸有限公司', creditCode: '91141122MA0KD00027', category: 'general', stores: ['天宁镇瓦窑街 8 号'] },
  { name: '交城县卦山饭店有限公司', creditCode: '91141122MA0KD0003A', category: 'catering', stores: ['天宁镇卦山路 1 号'] },
  { name: '交城县苏宁电器销售有限公司', creditCode: '91141122MA0KD0004D', category: 'appliance', stores: ['天宁镇永宁街 20 号'] },
  { name: '交城县中石化加油站有限公司', creditCode: '91141122MA0KD0005G', category: 'fuel', stores: ['夏家营镇 307 国道旁'] },
];
const RESIDENTS = 2000;
/** The day the demo campaign is announced (县政府择日宣布), after the document's 2022-06-08. */
export const DEMO_LAUNCH = '2022-06-10';
const REDEMPTIONS = 300;
/** A phone inside the county (天宁镇). */
const AT = { lng: 112.156, lat: 37.552 };

/** Varied, believable names for the demo residents (surname and given name by index; never a real register). */
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '晓东', '丽娟', '文斌', '春梅', '俊杰', '玉兰', '振华', '小红', '国庆', '淑珍', '永刚', '艳萍', '鹏飞', '慧敏', '红霞', '卫东', '美玲', '子轩', '欣怡', '浩然', '雨涵', '宇航', '梓涵', '建军', '凤英'];
/** The demo resident's name for an index: a surname and a given name, varied as a county's are. */
export const residentName = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;

/**
 * Fill the campaign; does nothing when it already has merchants. `now`: the module's clock; `clock`: the install's demo
 * clock, when it runs on one, to replay days.
 */
export async function seedVoucherDemo(vouchers: VouchersService, accounts: AccountsService, directory: DirectoryService, password: string, now: () => string, clock?: DemoClock): Promise<string[]> {
  if ((await vouchers.merchants.list(SYSTEM_ACTOR)).length) return [];
  // Without the demo clock (a pinned or rehearsal clock) everything happens at that clock's now, as before.
  const at = (iso: string) => clock?.at(iso);
  // The bureaus by their directory code, as the module recognises them.
  const bureaus = new Map<Bureau, number | null>();
  for (const key of ['industry', 'statistics', 'finance', 'platform'] as const) bureaus.set(key, await directory.idOfCode(BODIES[key].code));
  const bureau = (key: Bureau): Actor => ({ userId: null, name: `演示数据（${BODIES[key].name}）`, role: 'department_official', unitId: bureaus.get(key) ?? null, townshipId: null });
  // 县政府择日宣布活动启动: announced on Friday 2022-06-10, two days after the document; the first round is the next day.
  at(`${DEMO_LAUNCH}T09:00:00+08:00`);
  await vouchers.campaign.launch(bureau('industry'), DEMO_LAUNCH);
  // The first tranche to the platform's account (分批次拨付): a quarter of the fund.
  await vouchers.settlement.releaseTranche(bureau('industry'), 50_0000_00, '第一批：活动启动拨付');
  // The printed merchant account runs the first shop's till, so `shanghu` has a store to try; the others get their own.
  const shanghu = await accounts.idOf('shanghu');
  const created = await accounts.seedDemoUsers(MERCHANTS.slice(shanghu ? 1 : 0).map((m, i) => ({ username: `demo_shop${i + (shanghu ? 2 : 1)}`, displayName: `${m.name}负责人`, role: 'merchant' })), password);
  const owners = shanghu ? [{ id: shanghu, username: 'shanghu' }, ...created] : created;
  const merchants: { id: number; category: CategoryCode; owner: Actor }[] = [];
  for (const [i, m] of MERCHANTS.entries()) {
    const owner: Actor = { userId: owners[i].id, name: owners[i].username, role: 'merchant', unitId: null, townshipId: null };
    const row = await vouchers.merchants.apply(owner, { ...m, aboveQuota: true });
    await vouchers.merchants.approve(bureau('industry'), row.id);
    await vouchers.merchants.approve(bureau('statistics'), row.id);
    merchants.push({ id: row.id, category: m.category, owner });
  }
  await vouchers.merchants.publish(bureau('industry'));

  const residents = await accounts.seedDemoUsers(Array.from({ length: RESIDENTS }, (_, i) => ({ username: `demo_r${String(i + 1).padStart(4, '0')}`, displayName: residentName(i), role: 'resident' })), password);
  const actors: Actor[] = residents.map((r) => ({ userId: r.id, name: r.username, role: 'resident', unitId: null, townshipId: null }));
  const campaign = await vouchers.campaign.view();
  const kinds = campaign.categories.flatMap((c) => c.kinds.map((k) => ({ ...k, category: c.code as CategoryCode })));

  /**
   * Claims in parallel, as a Saturday's do (so they are written in groups); `who` picks the residents taking part and
   * `shared` those who claim from one phone (a lead for the oversight page).
   */
  const claimRound = async (who: (n: number) => boolean, shared: (n: number) => boolean) => {
    let claims = 0;
    for (let i = 0; i < actors.length; i += 200) {
      const batch = actors.slice(i, i + 200).flatMap((actor, j) => {
        const n = i + j;
        if (!who(n)) return [];
        // Most take a general voucher; some also a catering or another kind.
        const picks = [kinds[2 + (n % 2)], ...(n % 3 === 0 ? [kinds[n % kinds.length]] : [])];
        return picks.map((k) => vouchers.tryClaim(actor, { kindId: k.id, ...AT, deviceId: shared(n) ? 'demo-shared-phone' : `demo-phone-${n}` }));
      });
      claims += (await Promise.all(batch)).filter((a) => a.ok).length;
    }
    return claims;
  };
  /** Up to `count` redemptions at the shops, from every `step`-th resident starting at `from`; `tag` keeps till numbers apart. */
  const redeemSome = async (count: number, from: number, step: number, tag: string) => {
    let redeemed = 0;
    for (let i = from; i < actors.length && redeemed < count; i += step) {
      const actor = actors[i];
      const v = (await vouchers.claims.mine(actor)).find((x) => x.status === 'claimed' && Date.parse(x.expiresAt) > Date.parse(now()));
      const shop = v && merchants.find((m) => m.category === v.categoryCode);
      if (!v || !shop) continue;
      const { code } = await vouchers.till.paymentCode(actor);
      // Orders above the threshold by a varied amount, as real baskets are.
      const orderFen = v.thresholdFen + 100 * ((i * 37) % 120) + 50;
      await vouchers.till.redeem(shop.owner, { code, orderFen, txnNo: `DEMO${tag}${String(i).padStart(6, '0')}` });
      redeemed++;
    }
    return redeemed;
  };

  at('2022-06-11T10:30:00+08:00');
  // Six residents share one phone in the first round, and six again in the fifth (inside the police's look-back).
  const claims = await claimRound(() => true, (n) => n < 6);
  const redeemed = await redeemSome(REDEMPTIONS, 0, 5, '');
  const lines = [`消费券演示数据：${MERCHANTS.length} 家商户已公布，${RESIDENTS} 名演示居民第一轮领券 ${claims} 张，核销 ${redeemed} 笔（演示居民 demo_r0001… 密码同上）`];
  if (!clock) return lines;

  // The first round's Saturday, settled the week after, each step by its body on its own day.
  const settle = async (from: string, to: string, steps: [SettlementStep, string][], reportedOn: string) => {
    at(reportedOn);
    const s = await vouchers.settlement.reportSettlement(bureau('platform'), from, to);
    for (const [step, on] of steps) {
      at(on);
      await vouchers.settlement.advance(bureau(step === 'reviewed' ? 'industry' : 'finance'), s.id, step);
    }
    return s;
  };
  const first = await settle('2022-06-11', '2022-06-11', [['reviewed', '2022-06-14T10:00:00+08:00'], ['filed', '2022-06-15T15:00:00+08:00'], ['settled', '2022-06-17T11:00:00+08:00']], '2022-06-13T09:30:00+08:00');
  // The fifth round: Saturday 2022-07-09 and the two days after it; Saturday and Sunday reported on Monday.
  at('2022-07-09T10:30:00+08:00');
  const claims5 = await claimRound((n) => n % 4 === 1, (n) => n < 24);
  const fifth = [await redeemSome(60, 1, 8, 'R5A')];
  at('2022-07-10T15:00:00+08:00');
  fifth.push(await redeemSome(40, 5, 8, 'R5B'));
  at('2022-07-11T18:00:00+08:00');
  fifth.push(await redeemSome(20, 9, 8, 'R5C'));
  await settle('2022-07-09', '2022-07-10', [], '2022-07-11T09:30:00+08:00');
  lines.push(`消费券第五轮（2022-07-09 起）：领券 ${claims5} 张，7月9日—11日核销 ${fifth.join('、')} 笔；第一轮结算单已结算（¥${(first.redeemedFen / 100).toFixed(2)}），7月9日—10日结算单待县工信局审核，7月11日待建行交城支行报送`);
  return lines;
}
