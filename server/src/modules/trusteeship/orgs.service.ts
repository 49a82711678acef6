/** 服务组织: application, 村和乡镇推荐, 会审, 公示, 公布 and the county contract, on the declared procedure (orgs.flow.ts). */
import { inScope, OWNER, role, type Relations } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { isUniqueViolation } from '../../core/db.js';
import { conflict, forbidden, invalid, invalidField, notFound } from '../../core/errors.js';
import { maskCreditCode, validateCreditCode } from '../../core/identifiers.js';
import type { FilePolicy, WorkItem } from '../../core/module.js';
import type { Flow } from '../../core/workflow.js';
import { ORG_WAITING, withReviewBody, type OrgStatus } from './orgs.flow.js';
import type { TrusteeshipContext } from './trusteeship.context.js';
import type { OrgRow } from './trusteeship.repository.js';
import { CRITERIA, type CriterionCode } from './trusteeship.rules.js';

export type OrgFlow = Flow<OrgRow, OrgStatus, any>;

/** An organisation's account (the applicant): it reads its own organisations only, not the published list. */
const APPLICANT = [role('service_org')];

const relations = (o: OrgRow): Relations => ({ townshipId: o.township_id, villageId: o.village_id, ownerUserId: o.owner_user_id });

export class OrgsService {
  constructor(
    private readonly c: TrusteeshipContext,
    readonly flow: OrgFlow,
  ) {}

  /** The store the procedure runs on: an organisation the actor may read whole, and its conditional move. */
  static store(c: TrusteeshipContext) {
    return {
      load: async (actor: Actor, id: number) => {
        const o = await c.repo.org(id);
        if (!o) return null;
        // The published list is public; staff are told who may act (403) rather than that it does not exist.
        const scope = await c.scope(actor);
        return o.status === 'published' || scope.kind !== 'own' || inScope(scope, relations(o)) ? o : null;
      },
      transition: (id: number, from: readonly string[], to: string, patch: Record<string, unknown>) => c.repo.transitionOrg(id, from, to, patch),
    };
  }

  async loadOrg(id: number) {
    const o = await this.c.repo.org(id);
    if (!o) throw notFound(`服务组织 ${id}`);
    return o;
  }

  /** An organisation as shown; `whole` false is the published list's view (credit code masked, no answers or notes). */
  private async view(actor: Actor, o: OrgRow, whole = true) {
    return {
      id: o.id,
      name: o.name,
      creditCode: whole ? o.credit_code : maskCreditCode(o.credit_code),
      orgType: o.org_type,
      townshipId: o.township_id,
      villageId: o.village_id,
      villageRecommendedBy: o.village_recommended_by,
      criteria: whole ? (JSON.parse(o.criteria) as Record<CriterionCode, string>) : ({} as Record<CriterionCode, string>),
      status: o.status,
      statusLabel: this.flow.label(o.status),
      reviewNote: whole ? o.review_note : null,
      noticeEnd: o.notice_end,
      countyContractNo: o.county_contract_no,
      actions: withReviewBody(await this.flow.actions(actor, o)),
      timeline: whole ? await this.flow.timeline(o.id) : [],
    };
  }

  private async reload(actor: Actor, id: number) {
    return this.view(actor, (await this.c.repo.org(id))!);
  }

  /** 服务组织申请: the five criteria each answered; the credit code checked. */
  async apply(actor: Actor, body: { name: string; creditCode: string; orgType: string; townshipId: number; villageId: number | null; criteria: Record<CriterionCode, string> }) {
    const code = validateCreditCode(body.creditCode);
    if (!code.valid) throw invalidField('creditCode', code.reason ?? '无效', `统一社会信用代码无效：${code.reason}`);
    const missing = CRITERIA.filter((c) => !body.criteria[c.code]?.trim());
    if (missing.length) throw invalid(`请逐条说明服务组织标准：${missing.map((c) => c.text).join('；')}`, missing.map((c) => ({ field: `criteria.${c.code}`, message: '未填写' })));
    const t = await this.c.directory.get(body.townshipId).catch(() => null);
    if (!t || t.kind !== 'township') throw invalidField('townshipId', '不是乡镇', '请选择所在乡（镇）');
    if (body.villageId !== null) {
      const v = await this.c.directory.get(body.villageId).catch(() => null);
      if (!v || v.kind !== 'village' || v.parentId !== body.townshipId) throw invalidField('villageId', '不属于该乡镇', '所在村应属于所选乡（镇）');
    }
    // The record and its first step log row together; a credit code that applied already undoes both.
    let row: OrgRow;
    try {
      row = await this.c.uow(async () => {
        const r = await this.c.repo.createOrg(actor, {
          name: body.name,
          credit_code: body.creditCode.toUpperCase(),
          org_type: body.orgType,
          township_id: body.townshipId,
          village_id: body.villageId,
          owner_user_id: actor.userId!,
          criteria: JSON.stringify(body.criteria),
          status: 'applied',
          village_recommended_by: null,
          recommended_by: null,
          reviewed_by: null,
          review_note: null,
          notice_end: null,
          county_contract_no: null,
          county_contract_at: null,
          created_at: this.c.now(),
        });
        await this.flow.created(actor, r);
        return r;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('该统一社会信用代码已申请');
      throw e;
    }
    return this.view(actor, row);
  }

  /**
   * The organisations the actor may read: the centre, the county and the auditor all of them whole; a township those
   * registered in it whole, a village those of its village (they recommend them); an organisation its own. Everyone
   * else — and a township or village for the other organisations, which may work its plots — the published list
   * only, with credit codes masked and no answers or review notes.
   */
  async orgs(actor: Actor) {
    const scope = await this.c.scope(actor);
    const ownOnly = this.c.access.couldBe(actor, APPLICANT);
    const out = [];
    for (const o of await this.c.repo.orgs({})) {
      const whole = inScope(scope, relations(o));
      if (whole || (o.status === 'published' && !ownOnly)) out.push(await this.view(actor, o, whole));
    }
    return out;
  }

  /** The published list: anyone may read it. */
  async publicOrgs() {
    return (await this.c.repo.orgs({ status: ['published'] })).map((o) => ({ id: o.id, name: o.name, orgType: o.org_type, townshipId: o.township_id }));
  }

  /** 村和乡镇推荐: one route for both; the step is the village's for a village committee, else the township's. */
  async recommend(actor: Actor, id: number) {
    const step = this.c.access.couldBe(actor, this.flow.decl.steps.village_recommend.who) ? 'village_recommend' : 'recommend';
    await this.flow.run(actor, id, step);
    return this.reload(actor, id);
  }

  /** 托管领导组会审: approved ones go to public notice (5 working days), published on the module's clock. */
  async review(actor: Actor, id: number, approve: boolean, note: string) {
    await this.flow.run(actor, id, approve ? 'approve' : 'reject', { note });
    return this.reload(actor, id);
  }

  /** 公示 ends → 公布; then the centre signs its contract with the organisation. */
  async publish(actor: Actor, id: number) {
    await this.flow.run(actor, id, 'publish');
    return this.reload(actor, id);
  }

  async countyContract(actor: Actor, id: number, contractNo: string) {
    await this.flow.run(actor, id, 'county_contract', { contractNo });
    return this.reload(actor, id);
  }

  /** The organisation the actor runs, signed with the centre (what its contracts and works need). */
  async ownOrg(actor: Actor, orgId: number) {
    const o = await this.loadOrg(orgId);
    if (!(await this.c.access.is(actor, OWNER, relations(o)))) throw forbidden('只能办理本组织的业务');
    if (!o.county_contract_no) throw conflict('须先与县现代农业发展服务中心签订托管服务合同');
    return o;
  }

  /**
   * Evidence for the five criteria (licences, bank account permit, machinery, site): the organisation attaches it
   * while its application is under review; those who read its record whole read it: its own village and township,
   * the county's officials and the auditor.
   */
  readonly filePolicy: FilePolicy = {
    canRead: async (actor: Actor | null, entityId: string) => {
      const o = actor && /^\d+$/.test(entityId) ? await this.c.repo.org(Number(entityId)) : undefined;
      if (!o || !actor) return false;
      const scope = await this.c.scope(actor);
      // A department reads them as the county's officials do (the policy has always let them).
      return scope.kind === 'unit' || inScope(scope, relations(o));
    },
    canAttach: async (actor: Actor, entityId: string) => {
      const o = /^\d+$/.test(entityId) ? await this.c.repo.org(Number(entityId)) : undefined;
      return !!o && o.owner_user_id === actor.userId && (o.status === 'applied' || o.status === 'recommended');
    },
  };

  /** What waits on the actor: organisations to recommend (a township) or to review (the centre). */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const waiting = await this.flow.waiting(actor, await this.c.repo.orgs({ status: ['applied', 'recommended'] }));
    return waiting.filter((w) => ORG_WAITING[w.step]).map((w) => ({ module: '农业生产托管', title: ORG_WAITING[w.step]!, count: w.count, link: '/trusteeship' }));
  }
}

