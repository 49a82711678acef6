/** 托管服务合同 with farmers: plot, area, crop, stages, period, quality; filed with the centre and the township. */
import type { Scope } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, invalidField } from '../../core/errors.js';
import { maskMobile, maskResidentId, validateMobile, validateResidentId } from '../../core/identifiers.js';
import { cleanText, normalizeKey } from '../../core/text.js';
import type { AccountsService } from '../accounts/index.js';
import type { OrgsService } from './orgs.service.js';
import { centi, mu, type TrusteeshipContext } from './trusteeship.context.js';
import type { ContractRow } from './trusteeship.repository.js';
import { SOURCE, farmerPays, type StageCode } from './trusteeship.rules.js';

/** The contracts a scope reads: a township its plots', a village its own, an account its own (farmer or organisation), the county's officials all. */
export const contractFilter = (scope: Scope) =>
  scope.kind === 'township' ? { townshipIds: [scope.townshipId] } : scope.kind === 'village' ? { villageIds: [scope.villageId] } : scope.kind === 'own' ? { ownerOrFarmer: scope.userId } : scope.kind === 'none' ? { villageIds: [] } : {};

/** Whether a contract is in the scope (the same rule as contractFilter, for one contract). */
export const contractInScope = (scope: Scope, c: { township_id: number; village_id: number; farmer_user_id: number | null }, orgOwner: number) =>
  scope.kind === 'township' ? c.township_id === scope.townshipId : scope.kind === 'village' ? c.village_id === scope.villageId : scope.kind === 'own' ? c.farmer_user_id === scope.userId || orgOwner === scope.userId : scope.kind !== 'none';

export type ContractBodyIn = { orgId: number; season: number; farmerName: string; farmerIdNo: string; farmerPhone: string; farmerUsername: string | null; villageId: number; location: string; areaMu: string; crop: string; stages: StageCode[]; periodFrom: string; periodTo: string; quality: string };

export class ContractsService {
  constructor(
    private readonly c: TrusteeshipContext,
    private readonly orgs: OrgsService,
    private readonly accounts: AccountsService,
  ) {}

  /** A contract as shown: the farmer's ID number and phone in full only to the farmer and the organisation. */
  view(c: ContractRow, reveal: boolean) {
    const stages = (JSON.parse(c.stages) as StageCode[]).map((code) => {
      const s = this.c.stage(c.season, code);
      return { code, name: s.name, priceFen: s.priceFen, subsidyFen: s.subsidyFen, farmerPaysFen: farmerPays(s.priceFen, s.subsidyFen), perPass: s.perPass };
    });
    return {
      id: c.id,
      orgId: c.org_id,
      season: c.season,
      farmerName: c.farmer_name,
      farmerIdNo: reveal ? c.farmer_id_no : maskResidentId(c.farmer_id_no),
      farmerPhone: reveal ? c.farmer_phone : maskMobile(c.farmer_phone),
      villageId: c.village_id,
      townshipId: c.township_id,
      location: c.location,
      areaMu: mu(c.area_centi),
      crop: c.crop,
      stages,
      periodFrom: c.period_from,
      periodTo: c.period_to,
      quality: c.quality,
    };
  }

  /** A contract with a farmer: plot, area (亩, two decimals), crop, stages, period, quality; filed with the centre and the township. */
  async create(actor: Actor, b: ContractBodyIn) {
    await this.orgs.ownOrg(actor, b.orgId);
    const table = await this.c.ratesFor(b.season);
    const unknown = b.stages.filter((code) => !table.stages.some((s) => s.code === code));
    if (unknown.length) throw invalidField('stages', '未知环节', `${b.season} 年补助标准中没有这些环节：${unknown.join('、')}`);
    const id = validateResidentId(b.farmerIdNo, new Date(`${this.c.today()}T12:00:00+08:00`));
    if (!id.valid) throw invalidField('farmerIdNo', id.reason ?? '无效', `身份证号无效：${id.reason}`);
    if (!validateMobile(b.farmerPhone).valid) throw invalidField('farmerPhone', '格式错误', '手机号格式错误');
    if (b.periodTo < b.periodFrom) throw invalidField('periodTo', '早于开始', '作业期限的结束日期不能早于开始日期');
    // 16号 is the programme of one year (「年内…」, 2022; a later season runs on its own year's document), and its
    // contracts are for a crop season (「单季作物」): the period lies within the season's calendar year (inferred).
    for (const [field, d] of [['periodFrom', b.periodFrom], ['periodTo', b.periodTo]] as const) {
      if (Number(d.slice(0, 4)) !== b.season) throw invalidField(field, `不在 ${b.season} 年内`, `作业期限应在 ${b.season} 年内（${SOURCE}为当年的试点项目）`);
    }
    const village = await this.c.directory.get(b.villageId).catch(() => null);
    if (!village || village.kind !== 'village' || village.parentId === null) throw invalidField('villageId', '未知的村', '地块所在村不在组织机构目录中');
    const farmerUserId = b.farmerUsername ? await this.farmerAccount(b.farmerUsername, b.farmerName) : null;
    const row = await this.c.repo.createContract(actor, {
      org_id: b.orgId,
      season: b.season,
      farmer_name: cleanText(b.farmerName),
      farmer_id_no: b.farmerIdNo.toUpperCase(),
      farmer_phone: b.farmerPhone,
      farmer_user_id: farmerUserId,
      village_id: b.villageId,
      township_id: village.parentId,
      location: cleanText(b.location),
      // One plot however it is typed (「东地157号」 = 「东地１５７号」): the 100 元/亩 cap and the unique keys read this.
      plot_key: `${b.villageId}:${normalizeKey(b.location)}`,
      duplicate_of: null,
      area_centi: centi(b.areaMu),
      crop: b.crop,
      stages: JSON.stringify([...new Set(b.stages)]),
      period_from: b.periodFrom,
      period_to: b.periodTo,
      quality: b.quality,
      created_at: this.c.now(),
    });
    if (!row) throw conflict(`该农户的这块地（${village.name}${b.location}）本季已签订托管服务合同，同一地块不能重复签约`);
    return this.view(row, true);
  }

  /**
   * The account a contract links as the farmer's, who then reads the contract's ID number and phone in full.
   * Accounts store no ID number (users: display name, mobile), so the ID cannot be compared: the link is refused
   * unless the account is an active resident's whose display name carries the contract's farmer name (「居民张三」 for
   * 张三). A staff, organisation or merchant account is never a farmer. When accounts hold ID numbers, compare those.
   */
  private async farmerAccount(username: string, farmerName: string): Promise<number> {
    const id = await this.accounts.idOf(username);
    const [u] = id ? await this.accounts.summaries([id]) : [];
    if (!u) throw invalidField('farmerUsername', '不存在', `农户账号 ${username} 不存在`);
    if (u.role !== 'resident' || !u.active) throw invalidField('farmerUsername', '不是农户账号', `账号 ${username} 不是居民（农户）账号，不能作为合同上的农户`);
    if (!normalizeKey(u.displayName).includes(normalizeKey(farmerName))) throw invalidField('farmerUsername', '与农户身份不符', `账号 ${username}（${u.displayName}）与合同上的农户 ${cleanText(farmerName)} 不符`);
    return u.id;
  }

  /** Contracts the actor may see: an organisation its own, a township those of its plots, a village its own plots', the county all, a farmer theirs. */
  async list(actor: Actor, season: number) {
    await this.c.ratesFor(season);
    const scope = await this.c.scope(actor);
    // The farmer and the organisation read the ID number and phone in full; the officials masked.
    return (await this.c.repo.contracts({ ...contractFilter(scope), season })).map((c) => this.view(c, scope.kind === 'own'));
  }
}
