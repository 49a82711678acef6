/** Merchants: applications, the review on the kit (merchants.flow.ts), published batches, the lists, the workbench. */
import { scopeOf, inScope, type Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { UnitOfWork } from '../../core/db.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import { maskCreditCode, validateCreditCode } from '../../core/identifiers.js';
import type { WorkItem } from '../../core/module.js';
import type { Flow, FlowStore, StepAction } from '../../core/workflow.js';
import { chinaDay } from '../../core/time.js';
import type { CampaignService } from './campaign.service.js';
import { OFFICE, FULL_CODE_READERS, bureauAmong, requireParty } from './vouchers.parties.js';
import { MERCHANT_STATES, REVIEW_ONLY, REVIEW_PARTIES, type MerchantFlowDecl } from './merchants.flow.js';
import type { MerchantRow, VouchersRepository } from './vouchers.repository.js';
import { CATEGORIES, MERCHANT_ENTITY_TYPES, MERCHANT_MUST_BE_ABOVE_QUOTA, isIndividualBusinessCode, type CategoryCode } from './vouchers.rules.js';
import { OFFICE_ONLY } from './campaign.service.js';

type MerchantFlow = Flow<MerchantRow, MerchantRow['status'], MerchantFlowDecl['steps']>;

/** The review's store: a merchant in the actor's scope (the county's offices see every one, a merchant its own). */
export const merchantStore = (repo: VouchersRepository): FlowStore<MerchantRow> => ({
  load: async (actor, id) => {
    const m = await repo.merchantById(id);
    if (!m) return null;
    const scope = scopeOf(actor);
    // The bureaus that review or oversee merchants are county departments: every merchant is theirs to see.
    return scope.kind === 'unit' || inScope(scope, { ownerUserId: m.owner_user_id }) ? m : null;
  },
  transition: (id, from, to, patch) => repo.transitionMerchant(id, from, to, patch),
});

export class MerchantsService {
  constructor(
    private readonly repo: VouchersRepository,
    private readonly access: Access,
    readonly flow: MerchantFlow,
    private readonly campaign: CampaignService,
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => string,
  ) {}

  async apply(actor: Actor, input: { name: string; creditCode: string; category: CategoryCode; entityType?: 'enterprise' | 'individual'; aboveQuota: boolean; stores: string[] }) {
    const entityType = input.entityType ?? 'enterprise';
    if ((entityType === 'individual') !== isIndividualBusinessCode(input.creditCode.trim())) {
      throw invalidField('entityType', entityType === 'individual' ? '个体工商户的统一社会信用代码以 92 开头' : '以 92 开头的统一社会信用代码属于个体工商户，请选择主体类型“个体工商户”');
    }
    const cc = validateCreditCode(input.creditCode);
    if (!cc.valid) throw invalidField('creditCode', cc.reason);
    if (MERCHANT_MUST_BE_ABOVE_QUOTA && !input.aboveQuota) throw invalidField('aboveQuota', '须为限额以上', '参加活动的商户须为交城县限额以上企业或个体工商户');
    if (await this.repo.merchantOfUser(actor.userId!)) throw conflict('您的账号已登记过商户');
    // The application and its first line in the step log are written together.
    const row = await this.unitOfWork(async () => {
      const m = await this.repo.createMerchant(actor, {
        name: input.name,
        credit_code: input.creditCode.toUpperCase(),
        category_code: input.category,
        above_quota: 1,
        entity_type: entityType,
        stores: JSON.stringify(input.stores),
        owner_user_id: actor.userId!,
        status: 'pending',
        industry_approved_by: null,
        industry_approved_at: null,
        statistics_approved_by: null,
        statistics_approved_at: null,
        reject_reason: null,
        batch_no: null,
        effective_date: null,
        created_at: this.now(),
      });
      if (m !== 'DUPLICATE') await this.flow.created(actor, m);
      return m;
    });
    if (row === 'DUPLICATE') throw conflict('该统一社会信用代码已登记');
    return this.view(row);
  }

  /** A merchant as the pages show it; the actor's steps on it when given. */
  view(m: MerchantRow, actions?: StepAction[]) {
    return {
      id: m.id,
      name: m.name,
      creditCode: m.credit_code,
      entityType: m.entity_type,
      entityTypeName: MERCHANT_ENTITY_TYPES[m.entity_type],
      category: m.category_code,
      categoryName: CATEGORIES.find((c) => c.code === m.category_code)?.name ?? m.category_code,
      stores: JSON.parse(m.stores) as string[],
      status: m.status,
      statusLabel: MERCHANT_STATES[m.status].label,
      industryApproved: !!m.industry_approved_at,
      statisticsApproved: !!m.statistics_approved_at,
      rejectReason: m.reject_reason,
      batchNo: m.batch_no,
      effectiveDate: m.effective_date,
      ...(actions ? { actions } : {}),
    };
  }

  /** A merchant as its reviewer sees it: the full credit code only for the bureaus that review merchants or leads. */
  private async reviewView(actor: Actor, m: MerchantRow, full: boolean) {
    const v = this.view(m, await this.flow.actions(actor, m));
    return full ? v : { ...v, creditCode: maskCreditCode(v.creditCode) };
  }

  /** Every merchant, for review, each with the actor's steps on it. */
  async list(actor: Actor) {
    const full = !!(await this.access.which(actor, FULL_CODE_READERS, {}));
    const rows = await this.repo.listMerchants({});
    return Promise.all(rows.map((m) => this.reviewView(actor, m, full)));
  }

  /** One merchant with its steps and its step log. */
  async detail(actor: Actor, id: number) {
    const m = await merchantStore(this.repo).load(actor, id);
    if (!m) throw notFound(`商户 ${id} `);
    const full = !!(await this.access.which(actor, FULL_CODE_READERS, {}));
    return { ...(await this.reviewView(actor, m, full)), timeline: await this.flow.timeline(id) };
  }

  /** The public list: published merchants in good standing (not suspended, not disqualified), with batch and effective date. */
  async publicList() {
    const [rows, disqualified] = await Promise.all([this.repo.listMerchants({ published: true }), this.repo.disqualifiedMerchantIds()]);
    return rows.filter((m) => m.status === 'approved' && !disqualified.has(m.id)).map((m) => ({ ...this.view(m), creditCode: undefined }));
  }

  /** One bureau's approval (the bureau is the actor's own); the second approval makes the merchant approved. */
  async approve(actor: Actor, id: number) {
    const party = await bureauAmong(this.access, actor, REVIEW_PARTIES);
    if (!party) throw forbidden(REVIEW_ONLY);
    return this.reviewView(actor, await this.flow.run(actor, id, 'approve', { party }), true);
  }

  async reject(actor: Actor, id: number, reason: string) {
    return this.reviewView(actor, await this.flow.run(actor, id, 'reject', { reason }), true);
  }

  /** Publish every approved, unpublished merchant as the next batch (县工信局, or the county administrator). */
  async publish(actor: Actor, effectiveDate?: string) {
    await requireParty(this.access, actor, OFFICE, OFFICE_ONLY);
    return this.repo.publishBatch(actor, effectiveDate ?? chinaDay(this.now()));
  }

  async suspend(actor: Actor, id: number, suspended: boolean) {
    return this.reviewView(actor, await this.flow.run(actor, id, suspended ? 'suspend' : 'resume'), true);
  }

  /** What waits on the actor: merchants for their bureau to review, and (工信局) reviewed ones to publish. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const office = !!(await this.access.which(actor, OFFICE, {}));
    const bureau = await bureauAmong(this.access, actor, REVIEW_PARTIES);
    if (!office && !this.access.couldBe(actor, OFFICE)) return [];
    const all = await this.repo.listMerchants({});
    const pending = all.filter((m) => m.status === 'pending' && (bureau === 'industry' ? !m.industry_approved_at : bureau === 'statistics' ? !m.statistics_approved_at : false));
    const toPublish = office ? all.filter((m) => m.status === 'approved' && m.batch_no === null) : [];
    const unlaunched = office && !(await this.campaign.state()).rounds.length ? 1 : 0;
    return [
      { module: '消费券', title: '消费券活动待启动（县政府择日宣布）', count: unlaunched, link: '/voucher-dashboard' },
      { module: '消费券', title: bureau === 'statistics' ? '活动商户待审核（县统计局）' : '活动商户待审核（县工信局）', count: pending.length, link: '/merchants' },
      { module: '消费券', title: '已通过审核、待公布的商户', count: toPublish.length, link: '/merchants' },
    ];
  }
}
