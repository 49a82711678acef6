/** Village classification and the evaluation of existing plans (交政发〔2022〕3号 三、（一）（五））. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, invalid, invalidField } from '../../core/errors.js';
import type { Flow } from '../../core/workflow.js';
import type { DirectoryService, Unit } from '../directory/index.js';
import { ownTownship, scopeOfPlans, townshipsOf } from './villageplan.access.js';
import { CLASSIFICATION_FLOW } from './villageplan.flow.js';
import type { ClassificationRow, EvaluationRow, VillageplanRepository } from './villageplan.repository.js';
import {
  CRITERIA, EVALUATION_CRITERIA, EVALUATION_OUTCOMES, ROUTES, classLabel, classificationProblems, criteriaMet, evaluationProblems, onList,
  type ClassificationInput, type EvaluationCriterion, type EvaluationOutcome,
} from './villageplan.rules.js';

export type ClassificationFlow = Flow<ClassificationRow, keyof typeof CLASSIFICATION_FLOW.states, typeof CLASSIFICATION_FLOW.steps>;

export interface EvaluationInput {
  villageId: number;
  planName: string;
  planYear: number;
  outcome: EvaluationOutcome;
  answers: Partial<Record<EvaluationCriterion, { met: boolean; reason: string }>>;
}

/** The village, which must be one of the actor's township (400 naming villageId otherwise). */
export async function villageOfTownship(directory: DirectoryService, townshipId: number, villageId: number, field = 'villageId'): Promise<Unit> {
  const v = (await directory.all()).find((u) => u.id === villageId);
  if (!v || v.kind !== 'village') throw invalidField(field, '请选择村', '所选村不存在');
  if (v.parentId !== townshipId) throw invalidField(field, '只能办理本乡（镇）所辖的村', `${v.name}不属于本乡（镇）`);
  return v;
}

export class ClassificationService {
  constructor(
    private readonly repo: VillageplanRepository,
    private readonly directory: DirectoryService,
    private readonly access: Access,
    readonly flow: ClassificationFlow,
    private readonly now: () => string,
  ) {}

  private async names() {
    const units = await this.directory.all();
    return (id: number) => units.find((u) => u.id === id)?.name ?? '';
  }

  /** A classification as pages show it. */
  async view(c: ClassificationRow, name?: (id: number) => string) {
    const n = name ?? (await this.names());
    const criteria = JSON.parse(c.criteria) as Record<string, boolean>;
    return {
      id: c.id,
      villageId: c.village_id,
      village: n(c.village_id),
      townshipId: c.township_id,
      township: n(c.township_id),
      cls: c.cls,
      clsLabel: classLabel(c.cls),
      criteria: CRITERIA.map((k) => ({ code: k.code, label: k.label, checked: criteria[k.code] === true })),
      criteriaMet: criteriaMet({ criteria, resettlementInsideBoundary: !!c.resettlement_inside }),
      resettlementInsideBoundary: !!c.resettlement_inside,
      adjacentToBoundary: !!c.adjacent,
      route: c.route,
      routeLabel: ROUTES.find((r) => r.code === c.route)?.label ?? c.route,
      exception: c.exception,
      reason: c.reason,
      year: c.year,
      status: c.status,
      statusLabel: this.flow.label(c.status),
      checkNote: c.check_note,
      byName: c.by_name,
      at: c.at,
    };
  }

  /** The township proposes a village's class with the checklist and the reason (re-saved until the bureau checks it). */
  async classify(actor: Actor, i: ClassificationInput & { villageId: number }) {
    const townshipId = ownTownship(actor);
    const v = await villageOfTownship(this.directory, townshipId, i.villageId);
    const problems = classificationProblems(i);
    if (problems.length) throw invalid(problems[0].message, problems);
    const row = await this.repo.saveClassification(actor, {
      village_id: v.id,
      township_id: townshipId,
      cls: i.cls,
      criteria: JSON.stringify(Object.fromEntries(CRITERIA.map((c) => [c.code, i.criteria[c.code] === true]))),
      resettlement_inside: i.resettlementInsideBoundary ? 1 : 0,
      adjacent: i.adjacentToBoundary ? 1 : 0,
      route: i.route,
      exception: i.exception?.trim() || null,
      reason: i.reason.trim(),
      year: i.route === 'own' ? i.year : null,
      by_name: actor.name,
      at: this.now(),
    });
    if (!row) {
      const now = (await this.repo.classificationsOf([v.id]))[0];
      throw conflict(now?.status === 'checked' ? `${v.name}的分类已经县自然资源局审核，不能再修改` : `${v.name}的分类刚由他人保存，请刷新后重试`);
    }
    return this.withActions(actor, row);
  }

  private async withActions(actor: Actor, c: ClassificationRow) {
    return { ...(await this.view(c)), actions: await this.flow.actions(actor, c) };
  }

  /** The classifications the actor reads, each with its steps. */
  async list(actor: Actor) {
    const rows = await this.repo.classifications(townshipsOf(await scopeOfPlans(this.access, actor)));
    const n = await this.names();
    return Promise.all(rows.map(async (c) => ({ ...(await this.view(c, n)), actions: await this.flow.actions(actor, c) })));
  }

  /** A classification in the actor's scope, or null (404). */
  async load(actor: Actor, id: number): Promise<ClassificationRow | null> {
    const c = await this.repo.classification(id);
    if (!c) return null;
    const t = townshipsOf(await scopeOfPlans(this.access, actor));
    return !t || t.includes(c.township_id) ? c : null;
  }

  async step(actor: Actor, id: number, step: 'check' | 'return', input: { note?: string | null }) {
    return this.withActions(actor, await this.flow.run(actor, id, step, input));
  }

  /** The classifications that stand (checked), by village. */
  async checkedOf(villageIds: number[]): Promise<Map<number, ClassificationRow>> {
    return new Map((await this.repo.classificationsOf(villageIds)).filter((c) => c.status === 'checked').map((c) => [c.village_id, c]));
  }

  /** 「应编综合性和整治类村庄规划清单」 with its 编制时序: checked villages planned on their own, by township and year. */
  async planList(actor: Actor) {
    const rows = (await this.repo.classifications(townshipsOf(await scopeOfPlans(this.access, actor)))).filter((c) => c.status === 'checked' && onList(c as { route: 'own' }));
    const n = await this.names();
    const planned = new Set(await this.repo.planned(rows.map((r) => r.village_id)));
    return rows
      .map((c) => ({ townshipId: c.township_id, township: n(c.township_id), villageId: c.village_id, village: n(c.village_id), cls: c.cls, clsLabel: classLabel(c.cls), year: c.year!, reason: c.reason, exception: c.exception, inCase: planned.has(c.village_id) }))
      .sort((a, b) => a.townshipId - b.townshipId || a.year - b.year || a.villageId - b.villageId);
  }

  // ---- existing plans -------------------------------------------------------------------------------------------

  evaluationView(e: EvaluationRow, n: (id: number) => string) {
    const answers = JSON.parse(e.answers) as Record<string, { met: boolean; reason: string }>;
    const o = EVALUATION_OUTCOMES.find((x) => x.code === e.outcome)!;
    return {
      id: e.id,
      villageId: e.village_id,
      village: n(e.village_id),
      townshipId: e.township_id,
      township: n(e.township_id),
      planName: e.plan_name,
      planYear: e.plan_year,
      outcome: e.outcome,
      outcomeLabel: o.label,
      effect: o.effect,
      answers: EVALUATION_CRITERIA.map((c) => ({ code: c.code, label: c.label, met: answers[c.code]?.met ?? false, reason: answers[c.code]?.reason ?? '' })),
      byName: e.by_name,
      at: e.at,
    };
  }

  /** The township records an existing plan's evaluation, each point answered (a 否 with its reason). */
  async evaluate(actor: Actor, i: EvaluationInput) {
    const townshipId = ownTownship(actor);
    const v = await villageOfTownship(this.directory, townshipId, i.villageId);
    const problems = evaluationProblems(i.outcome, i.answers);
    if (problems.length) throw invalid(problems[0].message, problems);
    const answers = Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c.code, { met: i.answers[c.code]!.met, reason: i.answers[c.code]!.reason.trim() }]));
    const row = await this.repo.saveEvaluation(actor, { village_id: v.id, township_id: townshipId, plan_name: i.planName.trim(), plan_year: i.planYear, outcome: i.outcome, answers: JSON.stringify(answers), by_name: actor.name, at: this.now() });
    if (!row) throw conflict(`${v.name}的原村庄规划已评估，不能重复评估`);
    return this.evaluationView(row, await this.names());
  }

  async evaluations(actor: Actor) {
    const n = await this.names();
    return (await this.repo.evaluations(townshipsOf(await scopeOfPlans(this.access, actor)))).map((e) => this.evaluationView(e, n));
  }

  /** Evaluations by village. */
  async evaluationsOf(villageIds: number[]): Promise<Map<number, EvaluationRow>> {
    return new Map((await this.repo.evaluationsOf(villageIds)).map((e) => [e.village_id, e]));
  }
}
