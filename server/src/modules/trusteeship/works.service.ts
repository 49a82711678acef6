/** 作业确认单 and their acceptances: recorded by the organisation, answered by the farmer, accepted by township and county. */
import type { Actor } from '../../core/audit.js';
import { isUniqueViolation } from '../../core/db.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { FilePolicy } from '../../core/module.js';
import type { Flow, FlowStore } from '../../core/workflow.js';
import type { FilesService } from '../files/index.js';
import { acceptanceFlow, LEVEL_LABEL, seasonId, seasonStatus, withAcceptBody, type AcceptInput, type Level, type SeasonRecord, type SeasonStatus } from './acceptance.flow.js';
import { contractInScope, type ContractsService } from './contracts.service.js';
import type { OrgsService } from './orgs.service.js';
import { centi, mu, type TrusteeshipContext } from './trusteeship.context.js';
import type { WorkRow } from './trusteeship.repository.js';
import { amountFen, type StageCode } from './trusteeship.rules.js';
import { ANSWER_REFUSAL, ANSWER_STEPS, withAnswerBody, workFlow, workStatus, type WorkRecord, type WorkStatus } from './works.flow.js';

export type WorkFlow = Flow<WorkRecord, WorkStatus, any>;
export type SeasonFlow = Flow<SeasonRecord, SeasonStatus, any>;

export class WorksService {
  constructor(
    private readonly c: TrusteeshipContext,
    private readonly orgs: OrgsService,
    private readonly contracts: ContractsService,
    readonly flow: WorkFlow,
    readonly seasons: SeasonFlow,
    private readonly stores: { work: FlowStore<WorkRecord>; season: FlowStore<SeasonRecord> },
  ) {}

  /** The work procedure's declaration and store: a work in the actor's scope (its contract's), its farmer's answer. */
  static workFlow(c: TrusteeshipContext, files: FilesService) {
    const decl = workFlow({ now: c.now, paperCount: async (id) => (await files.counts('trusteeship_work_paper', [String(id)])).get(String(id)) ?? 0 });
    const store = {
      load: async (actor: Actor, id: number): Promise<WorkRecord | null> => {
        const w = await c.repo.workRecord(id);
        if (!w || !contractInScope(await c.scope(actor), w, w.org_owner_id)) return null;
        return { ...w, status: workStatus(w) };
      },
      transition: (id: number, from: readonly string[], to: string, patch: Record<string, unknown>) => c.repo.transitionWork(id, from, to, patch),
    };
    return { decl, store };
  }

  /**
   * The acceptance procedure's declaration and store. An organisation's season has no row of its own: its state is
   * read from its acceptances, and the acceptance's own insert (unique per organisation, season, level and
   * township) with its works' conditional updates is what a lost race runs into, inside the step's unit of work.
   */
  static seasonFlow(c: TrusteeshipContext) {
    const decl = acceptanceFlow({
      today: c.today,
      now: c.now,
      centreId: () => c.centreId(),
      works: (orgId, season) => c.repo.works({ orgId, season }),
      plotTownship: async (contractId) => {
        const k = await c.repo.contract(contractId);
        return k ? ((await c.directory.get(k.village_id).catch(() => null))?.parentId ?? null) : null;
      },
      awaitingTownship: (orgId, season, townshipId) => c.repo.awaitingTownship(orgId, season, townshipId),
      stageName: async (season, code) => {
        await c.ratesFor(season);
        return c.stage(season, code).name;
      },
      accept: (a, items) => c.repo.accept(a, items),
    });
    const read = async (id: string): Promise<SeasonRecord | null> => {
      const m = /^(\d+)-(\d+)$/.exec(id);
      const org = m ? await c.repo.org(Number(m[1])) : undefined;
      if (!m || !org) return null;
      const season = Number(m[2]);
      const acceptances = await c.repo.acceptances(org.id, season);
      return { id, org, season, acceptances, status: seasonStatus(acceptances, !!(await c.repo.settlement(org.id, season))) };
    };
    const store = {
      // Officials of every place may act (a township accepts the plots it has of any organisation); an account its own.
      load: async (actor: Actor, id: string) => {
        const s = await read(id);
        const scope = await c.scope(actor);
        return s && (scope.kind !== 'own' || s.org.owner_user_id === scope.userId) ? s : null;
      },
      transition: async (id: string, from: readonly string[]) => {
        const s = await read(id);
        return !!s && from.includes(s.status);
      },
    };
    return { decl, store };
  }

  private view(w: WorkRow) {
    const s = this.c.stage(w.season, w.stage);
    const area = w.county_area_centi ?? w.township_area_centi ?? w.area_centi;
    const subsidy = amountFen(s.subsidyFen, area, w.passes);
    const status = workStatus(w);
    return {
      id: w.id,
      contractId: w.contract_id,
      orgId: w.org_id,
      stage: w.stage,
      stageName: s.name,
      workDate: w.work_date,
      areaMu: mu(w.area_centi),
      passes: w.passes,
      evidence: w.evidence,
      farmerStatus: w.farmer_status,
      farmerStatusLabel: this.flow.label(w.farmer_status),
      farmerNote: w.farmer_note,
      status,
      statusLabel: this.flow.label(status),
      townshipAreaMu: w.township_area_centi === null ? null : mu(w.township_area_centi),
      countyAreaMu: w.county_area_centi === null ? null : mu(w.county_area_centi),
      priceFen: amountFen(s.priceFen, area, w.passes),
      subsidyFen: subsidy,
      farmerPaysFen: amountFen(s.priceFen, area, w.passes) - subsidy,
      paidFen: w.paid_fen,
    };
  }

  /** A work with what this actor may do to it and its step log. */
  private async detail(actor: Actor, id: number) {
    const rec = (await this.stores.work.load(actor, id))!;
    return { ...this.view(rec), actions: withAnswerBody(await this.flow.actions(actor, rec)), timeline: await this.flow.timeline(id) };
  }

  /** 作业确认单: the work as done, within the contract's stages, period and area; one per plot, stage and season. */
  async record(actor: Actor, b: { contractId: number; stage: StageCode; workDate: string; areaMu: string; passes: number; evidence: string }) {
    const c = await this.c.repo.contract(b.contractId);
    if (!c) throw invalidField('contractId', '不存在', '未知的服务合同（地块）');
    await this.orgs.ownOrg(actor, c.org_id);
    await this.c.ratesFor(c.season);
    const stage = this.c.stage(c.season, b.stage);
    if (!(JSON.parse(c.stages) as string[]).includes(b.stage)) throw invalidField('stage', '合同未约定', `合同未约定「${stage.name}」环节`);
    if (b.workDate < c.period_from || b.workDate > c.period_to) throw invalidField('workDate', '不在合同期内', `作业日期应在合同约定的 ${c.period_from} 至 ${c.period_to} 之间`);
    if (b.workDate > this.c.today()) throw invalidField('workDate', '晚于今天', '作业日期不能晚于今天：确认单记录已完成的作业');
    const area = centi(b.areaMu);
    if (area > c.area_centi) throw invalidField('areaMu', '超过合同面积', `作业面积 ${b.areaMu} 亩超过合同面积 ${mu(c.area_centi)} 亩`);
    if (b.passes > 1 && !stage.perPass) throw invalidField('passes', '该环节不按次', '只有无人植保机防治按次计');
    let row: WorkRow;
    try {
      row = await this.c.uow(async () => {
        const r = await this.c.repo.createWork(actor, {
          contract_id: c.id,
          org_id: c.org_id,
          plot_key: c.plot_key,
          plot_area_centi: c.area_centi,
          season: c.season,
          stage: b.stage,
          work_date: b.workDate,
          area_centi: area,
          passes: b.passes,
          evidence: b.evidence,
          farmer_status: 'pending',
          farmer_note: null,
          farmer_at: null,
          township_area_centi: null,
          township_acceptance_id: null,
          county_area_centi: null,
          county_acceptance_id: null,
          paid_fen: null,
          settlement_id: null,
          created_at: this.c.now(),
        });
        await this.flow.created(actor, { ...r, status: 'pending' } as WorkRecord);
        return r;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`该地块本季「${stage.name}」已申报，同一地块同一环节不能重复申报`);
      throw e;
    }
    return this.view(row);
  }

  /** A contract's works, each with its actions and step log. */
  async list(actor: Actor, contractId: number) {
    const c = await this.c.repo.contract(contractId);
    if (!c) throw notFound(`服务合同 ${contractId}`);
    const visible = (await this.contracts.list(actor, c.season)).some((x) => x.id === c.id);
    if (!visible) throw notFound(`服务合同 ${contractId}`);
    const out = [];
    for (const w of await this.c.repo.works({ contractIds: [contractId] })) out.push(await this.detail(actor, w.id));
    return out;
  }

  /** The 作业台账: every work confirmation on the contracts the actor may see. */
  async ledger(actor: Actor, season: number) {
    const contracts = await this.contracts.list(actor, season);
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const works = await this.c.repo.works({ contractIds: contracts.map((c) => c.id) });
    return works.map((w) => ({ ...this.view(w), contract: byId.get(w.contract_id)! }));
  }

  /**
   * The farmer confirms or disputes on a phone; the organisation may record the confirmation only with the farmer's
   * signed paper 确认单 attached (trusteeship_work_paper), and the farmer may still dispute that until the township
   * accepts. A dispute holds the work back until the township resolves it. One route: the step is the first of the
   * answer's steps whose party the actor is.
   */
  async answer(actor: Actor, workId: number, confirm: boolean, note: string | null) {
    const rec = await this.stores.work.load(actor, workId);
    if (!rec) throw notFound(`作业确认单 ${workId}`);
    await this.c.ratesFor(rec.season);
    const rel = this.flow.decl.relations(rec);
    let step: string | null = null;
    for (const name of ANSWER_STEPS[confirm ? 'true' : 'false']) {
      if (await this.c.access.which(actor, this.flow.decl.steps[name].who, rel)) {
        step = name;
        break;
      }
    }
    if (!step) throw forbidden(ANSWER_REFUSAL);
    await this.flow.run(actor, workId, step, { note });
    return this.detail(actor, workId);
  }

  /**
   * 乡镇初验 by the plots' own township (the village of each plot → its township, from the directory: the township
   * that files the contracts and resolves the farmers' disputes), each township for the works on its plots; 县级验收
   * by the centre, after the notice of every township acceptance of the works has ended.
   */
  async accept(actor: Actor, b: { orgId: number; season: number; level: Level; note: string; items: { workId: number; areaMu: string }[] }) {
    await this.orgs.loadOrg(b.orgId);
    await this.c.ratesFor(b.season);
    await this.seasons.run(actor, seasonId(b.orgId, b.season), b.level, { note: b.note, items: b.items } satisfies AcceptInput);
    const townshipId = b.level === 'township' ? actor.unitId : null;
    const row = (await this.c.repo.acceptances(b.orgId, b.season)).find((a) => a.level === b.level && a.township_id === townshipId)!;
    return { id: row.id, level: row.level, noticeEnd: row.notice_end, noticeId: row.notice_id };
  }

  /** An organisation's season as the acceptance tab shows it: its acceptances, what the actor may do, its step log. */
  async season(actor: Actor, orgId: number, season: number) {
    const s = await this.stores.season.load(actor, seasonId(orgId, season));
    if (!s) throw notFound(`服务组织 ${orgId}`);
    return {
      orgId,
      season,
      status: s.status,
      statusLabel: this.seasons.label(s.status),
      acceptances: s.acceptances.map((a) => ({ id: a.id, level: a.level, levelLabel: LEVEL_LABEL[a.level], townshipId: a.township_id, note: a.note, byName: a.by_name, at: a.at, noticeEnd: a.notice_end, noticeId: a.notice_id })),
      actions: withAcceptBody(s, await this.seasons.actions(actor, s)),
      timeline: await this.seasons.timeline(s.id),
    };
  }

  /** Photos and monitoring records of a piece of work: attached by its organisation until the township accepts it. */
  readonly workFilePolicy: FilePolicy = {
    canRead: async (actor: Actor | null, entityId: string) => {
      const w = actor && /^\d+$/.test(entityId) ? await this.c.repo.workRecord(Number(entityId)) : undefined;
      if (!w || !actor) return false;
      const scope = await this.c.scope(actor);
      // Not the village committee: it stamps the area summary, it does not read the work's evidence.
      return scope.kind === 'county' || scope.kind === 'unit' || (scope.kind !== 'village' && contractInScope(scope, w, w.org_owner_id));
    },
    canAttach: async (actor: Actor, entityId: string) => {
      const w = /^\d+$/.test(entityId) ? await this.c.repo.workRecord(Number(entityId)) : undefined;
      return !!w && w.township_acceptance_id === null && w.org_owner_id === actor.userId;
    },
  };

  /**
   * The farmer's signed paper 确认单 of a piece of work, scanned: the organisation attaches it while the farmer has not
   * answered on the phone, and only with it may the organisation record the farmer's confirmation.
   */
  readonly paperFilePolicy: FilePolicy = {
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    canRead: (actor, entityId) => this.workFilePolicy.canRead(actor, entityId),
    canAttach: async (actor, entityId) => {
      const w = /^\d+$/.test(entityId) ? await this.c.repo.workRecord(Number(entityId)) : undefined;
      return !!w && w.farmer_status === 'pending' && w.township_acceptance_id === null && w.org_owner_id === actor.userId;
    },
  };
}
