/**
 * A believable first round for demo installs (never production): approved and published merchants of each
 * category, a few thousand residents' claims, some hundreds of redemptions, and leads for the oversight page.
 */
import { SYSTEM_ACTOR, type Actor } from '../../core/audit.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
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

/** Fill the first round; does nothing when the campaign already has merchants. */
export async function seedVoucherDemo(vouchers: VouchersService, accounts: AccountsService, directory: DirectoryService, password: string): Promise<string[]> {
  if ((await vouchers.merchants.list(SYSTEM_ACTOR)).length) return [];
  // The bureaus by their directory code, as the module recognises them.
  const bureaus = new Map<Bureau, number | null>();
  for (const key of ['industry', 'statistics'] as const) bureaus.set(key, await directory.idOfCode(BODIES[key].code));
  const bureau = (key: Bureau): Actor => ({ userId: null, name: `演示数据（${BODIES[key].name}）`, role: 'department_official', unitId: bureaus.get(key) ?? null, townshipId: null });
  // 县政府择日宣布活动启动: announced on Friday 2022-06-10, two days after the document; the first round is the next day.
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

  const residents = await accounts.seedDemoUsers(Array.from({ length: RESIDENTS }, (_, i) => ({ username: `demo_r${String(i + 1).padStart(4, '0')}`, displayName: `演示居民${i + 1}`, role: 'resident' })), password);
  const campaign = await vouchers.campaign.view();
  const kinds = campaign.categories.flatMap((c) => c.kinds.map((k) => ({ ...k, category: c.code as CategoryCode })));
  let claims = 0;
  // Claims go in parallel, as a Saturday's do, so they are written in groups.
  for (let i = 0; i < residents.length; i += 200) {
    const batch = residents.slice(i, i + 200).flatMap((r, j) => {
      const actor: Actor = { userId: r.id, name: r.username, role: 'resident', unitId: null, townshipId: null };
      // Most take a general voucher; some also a catering or another kind. Six residents share one phone: a lead.
      const n = i + j;
      const picks = [kinds[2 + (n % 2)], ...(n % 3 === 0 ? [kinds[n % kinds.length]] : [])];
      return picks.map((k) => vouchers.tryClaim(actor, { kindId: k.id, ...AT, deviceId: n < 6 ? 'demo-shared-phone' : `demo-phone-${n}` }));
    });
    claims += (await Promise.all(batch)).filter((a) => a.ok).length;
  }

  let redeemed = 0;
  for (let i = 0; i < residents.length && redeemed < REDEMPTIONS; i += 5) {
    const r = residents[i];
    const actor: Actor = { userId: r.id, name: r.username, role: 'resident', unitId: null, townshipId: null };
    const mine = (await vouchers.claims.mine(actor)).filter((v) => v.status === 'claimed');
    const v = mine[0];
    const shop = v && merchants.find((m) => m.category === v.categoryCode);
    if (!v || !shop) continue;
    const { code } = await vouchers.till.paymentCode(actor);
    // Orders above the threshold by a varied amount, as real baskets are.
    const orderFen = v.thresholdFen + 100 * ((i * 37) % 120) + 50;
    await vouchers.till.redeem(shop.owner, { code, orderFen, txnNo: `DEMO${String(i).padStart(6, '0')}` });
    redeemed++;
  }
  return [`消费券演示数据：${MERCHANTS.length} 家商户已公布，${RESIDENTS} 名演示居民领券 ${claims} 张，核销 ${redeemed} 笔（演示居民 demo_r0001… 密码同上）`];
}
