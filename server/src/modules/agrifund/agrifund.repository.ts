/** All SQL of 涉农资金统筹整合. */
import { sql, type Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';

export type VersionRow = Selectable<Database['agrifund_versions']>;
export type LineRow = Selectable<Database['agrifund_lines']>;
export type ItemRow = Selectable<Database['agrifund_items']>;
export type ProjectRow = Selectable<Database['agrifund_projects']>;
export type MilestoneRow = Selectable<Database['agrifund_milestones']>;
export type PaymentRow = Selectable<Database['agrifund_payments']>;
export type SourceRow = Selectable<Database['agrifund_sources']>;
/** Projects of one sub-item, township and step: how many, their amounts and payments summed (分). */
export interface KpiGroup {
  item_code: string;
  township_id: number;
  step: string;
  projects: number;
  amount_fen: number;
  paid_fen: number;
}
export type NewProject = Omit<ProjectRow, 'id' | 'verified_fen' | 'paid_fen'>;

/** Which cap stopped a write (the unit of work is rolled back, nothing written). */
export class CapReached extends Error {
  constructor(readonly cap: 'item' | 'verified' | 'committed' | 'version' | 'milestone') {
    super(`cap ${cap} reached`);
  }
}

export class AgrifundRepository {
  constructor(private readonly db: Db) {}

  /** One row in the audit chain, in the caller's unit of work. */
  audit(actor: Actor, entity: string, id: number | string, action: string, after?: unknown): Promise<void> {
    return appendAudit(this.db.kysely, this.db.dialect, actor, { entity, entityId: id, action, after });
  }

  /** The newest version of a year's tree, or undefined before the tree is entered. */
  async currentVersion(year: number): Promise<VersionRow | undefined> {
    return this.db.kysely.selectFrom('agrifund_versions').selectAll().where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  /** Every version of a year, oldest first (the original is version 1). */
  async versions(year: number): Promise<VersionRow[]> {
    return this.db.kysely.selectFrom('agrifund_versions').selectAll().where('year', '=', year).orderBy('version').execute();
  }

  async lines(versionId: number): Promise<LineRow[]> {
    return this.db.kysely.selectFrom('agrifund_lines').selectAll().where('version_id', '=', versionId).orderBy('code').execute();
  }

  /** Write version n of a year with its lines; the unique key refuses a second writer of the same n. */
  async addVersion(v: Omit<VersionRow, 'id'>, lines: Omit<LineRow, 'version_id'>[]): Promise<VersionRow> {
    const row = await this.db.kysely.insertInto('agrifund_versions').values(v).returningAll().executeTakeFirstOrThrow();
    if (lines.length) await this.db.kysely.insertInto('agrifund_lines').values(lines.map((l) => ({ ...l, version_id: row.id }))).execute();
    return row;
  }

  /** Set a sub-item's allocation to the new version's figure, refused (false) below what is committed or paid. */
  async setAllocation(year: number, code: string, name: string, fen: number): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('agrifund_items')
      .set({ allocated_fen: fen, name })
      .where('year', '=', year)
      .where('code', '=', code)
      .where('committed_fen', '<=', fen)
      .where('paid_fen', '<=', fen)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return true;
    const exists = await this.db.kysely.selectFrom('agrifund_items').select('code').where('year', '=', year).where('code', '=', code).executeTakeFirst();
    if (exists) return false;
    await this.db.kysely.insertInto('agrifund_items').values({ year, code, name, allocated_fen: fen, committed_fen: 0, paid_fen: 0 }).execute();
    return true;
  }

  async items(year: number): Promise<ItemRow[]> {
    return this.db.kysely.selectFrom('agrifund_items').selectAll().where('year', '=', year).orderBy('code').execute();
  }

  async item(year: number, code: string): Promise<ItemRow | undefined> {
    return this.db.kysely.selectFrom('agrifund_items').selectAll().where('year', '=', year).where('code', '=', code).executeTakeFirst();
  }

  /** A project with its milestones; its amount is committed against the sub-item by a conditional update. */
  async createProject(p: NewProject, milestones: Omit<MilestoneRow, 'project_id'>[]): Promise<ProjectRow> {
    const r = await this.db.kysely
      .updateTable('agrifund_items')
      .set({ committed_fen: sql`committed_fen + ${p.amount_fen}` })
      .where('year', '=', p.year)
      .where('code', '=', p.item_code)
      .where(sql<boolean>`committed_fen + ${p.amount_fen} <= allocated_fen`)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw new CapReached('committed');
    const row = await this.db.kysely.insertInto('agrifund_projects').values({ ...p, verified_fen: 0, paid_fen: 0 }).returningAll().executeTakeFirstOrThrow();
    await this.db.kysely.insertInto('agrifund_milestones').values(milestones.map((m) => ({ ...m, project_id: row.id }))).execute();
    return row;
  }

  async project(id: number): Promise<ProjectRow | undefined> {
    return this.db.kysely.selectFrom('agrifund_projects').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The newest year with an allocation tree (the programme year the schedule publishes for). */
  async newestYear(): Promise<number | null> {
    const r = await this.db.kysely.selectFrom('agrifund_versions').select((eb) => eb.fn.max('year').as('year')).executeTakeFirst();
    return r?.year ? Number(r.year) : null;
  }

  /** Record a township's notice for its period (the first one of the period is kept). */
  async recordDisclosure(year: number, townshipId: number, kind: string, period: string, noticeId: number, at: string): Promise<void> {
    await this.db.kysely.insertInto('agrifund_disclosure_runs').values({ year, township_id: townshipId, kind, period, notice_id: noticeId, at }).onConflict((oc) => oc.columns(['year', 'township_id', 'kind', 'period']).doNothing()).execute();
  }

  /** The townships that have published a kind of notice for a period. */
  async disclosedTownships(year: number, kind: string, period: string): Promise<Set<number>> {
    const rows = await this.db.kysely.selectFrom('agrifund_disclosure_runs').select('township_id').where('year', '=', year).where('kind', '=', kind).where('period', '=', period).execute();
    return new Set(rows.map((r) => r.township_id));
  }

  /** Projects by id (those that exist). */
  async projectsById(ids: readonly number[]): Promise<ProjectRow[]> {
    if (!ids.length) return [];
    return this.db.kysely.selectFrom('agrifund_projects').selectAll().where('id', 'in', [...ids]).execute();
  }

  /** Projects of a year, narrowed to townships when a scope is given. */
  async projects(year: number, townshipIds?: readonly number[]): Promise<ProjectRow[]> {
    let q = this.db.kysely.selectFrom('agrifund_projects').selectAll().where('year', '=', year);
    if (townshipIds) q = q.where('township_id', 'in', townshipIds.length ? [...townshipIds] : [-1]);
    return q.orderBy('id').execute();
  }

  /**
   * A year's projects counted and summed per sub-item, township and step (the dashboard's figures), narrowed to
   * townships when a scope is given and to one village when `villageId` is (null: projects without a village).
   */
  async kpiGroups(year: number, townshipIds?: readonly number[], villageId?: number | null): Promise<KpiGroup[]> {
    let q = this.db.kysely
      .selectFrom('agrifund_projects')
      .select((e) => ['item_code', 'township_id', 'step', e.fn.countAll<number | string>().as('projects'), e.fn.sum<number | string>('amount_fen').as('amount_fen'), e.fn.sum<number | string>('paid_fen').as('paid_fen')])
      .where('year', '=', year);
    if (townshipIds) q = q.where('township_id', 'in', townshipIds.length ? [...townshipIds] : [-1]);
    if (villageId !== undefined) q = villageId === null ? q.where('village_id', 'is', null) : q.where('village_id', '=', villageId);
    const rows = await q.groupBy(['item_code', 'township_id', 'step']).execute();
    // PostgreSQL answers count and sum of bigint as text.
    return rows.map((r) => ({ item_code: r.item_code, township_id: r.township_id, step: r.step, projects: Number(r.projects), amount_fen: Number(r.amount_fen), paid_fen: Number(r.paid_fen) }));
  }

  async milestones(projectId: number): Promise<MilestoneRow[]> {
    return this.db.kysely.selectFrom('agrifund_milestones').selectAll().where('project_id', '=', projectId).orderBy('seq').execute();
  }

  /** Mark a milestone verified once and raise the project's verified amount by its share (false: already verified). */
  async verifyMilestone(projectId: number, seq: number, by: string, at: string, evidence: string, shareFen: number): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('agrifund_milestones')
      .set({ verified_at: at, verified_by: by, evidence })
      .where('project_id', '=', projectId)
      .where('seq', '=', seq)
      .where('verified_at', 'is', null)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) return false;
    await this.db.kysely
      .updateTable('agrifund_projects')
      .set({ verified_fen: sql`case when verified_fen + ${shareFen} > amount_fen then amount_fen else verified_fen + ${shareFen} end` })
      .where('id', '=', projectId)
      .execute();
    return true;
  }

  /**
   * A payment: the project's paid amount rises only within its verified amount, the sub-item's only within its
   * allocation, each by a conditional UPDATE; the caller runs it in one unit of work so a CapReached rolls both back.
   */
  async pay(p: { projectId: number; year: number; itemCode: string; seq: number; amountFen: number; by: string; at: string }): Promise<PaymentRow> {
    const ms = await this.db.kysely
      .selectFrom('agrifund_milestones').select('seq').where('project_id', '=', p.projectId).where('seq', '=', p.seq).where('verified_at', 'is not', null)
      .executeTakeFirst();
    if (!ms) throw new CapReached('milestone');
    const a = await this.db.kysely
      .updateTable('agrifund_projects')
      .set({ paid_fen: sql`paid_fen + ${p.amountFen}` })
      .where('id', '=', p.projectId)
      .where(sql<boolean>`paid_fen + ${p.amountFen} <= verified_fen`)
      .executeTakeFirst();
    if (!Number(a.numUpdatedRows)) throw new CapReached('verified');
    const b = await this.db.kysely
      .updateTable('agrifund_items')
      .set({ paid_fen: sql`paid_fen + ${p.amountFen}` })
      .where('year', '=', p.year)
      .where('code', '=', p.itemCode)
      .where(sql<boolean>`paid_fen + ${p.amountFen} <= allocated_fen`)
      .executeTakeFirst();
    if (!Number(b.numUpdatedRows)) throw new CapReached('item');
    return this.db.kysely
      .insertInto('agrifund_payments')
      .values({ project_id: p.projectId, milestone_seq: p.seq, amount_fen: p.amountFen, by_name: p.by, at: p.at })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async payments(projectId: number): Promise<PaymentRow[]> {
    return this.db.kysely.selectFrom('agrifund_payments').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  }

  /** Move a project from one of `from` to `to`; false when another step came first. */
  async transition(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('agrifund_projects')
      .set({ ...(patch as Partial<ProjectRow>), step: to })
      .where('id', '=', id)
      .where('step', 'in', [...from])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** A funding source on a line of a version. */
  async addSource(s: Omit<SourceRow, 'id'>): Promise<SourceRow> {
    return this.db.kysely.insertInto('agrifund_sources').values(s).returningAll().executeTakeFirstOrThrow();
  }

  async sources(versionId: number): Promise<SourceRow[]> {
    return this.db.kysely.selectFrom('agrifund_sources').selectAll().where('version_id', '=', versionId).orderBy('code').orderBy('id').execute();
  }

  /** Record the implementing unit's request on a milestone once (false: already requested or verified). */
  async reportMilestone(projectId: number, seq: number, by: string, at: string, note: string, requestFen: number): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('agrifund_milestones')
      .set({ reported_at: at, reported_by: by, report_note: note, request_fen: requestFen })
      .where('project_id', '=', projectId)
      .where('seq', '=', seq)
      .where('reported_at', 'is', null)
      .where('verified_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The milestones of many projects at once, by project. */
  async milestonesOf(ids: readonly number[]): Promise<Map<number, MilestoneRow[]>> {
    const out = new Map<number, MilestoneRow[]>();
    if (!ids.length) return out;
    const rows = await this.db.kysely.selectFrom('agrifund_milestones').selectAll().where('project_id', 'in', [...ids]).orderBy('project_id').orderBy('seq').execute();
    for (const m of rows) out.set(m.project_id, [...(out.get(m.project_id) ?? []), m]);
    return out;
  }

  /** Every payment of a year's projects, narrowed to townships when a scope is given (the 拨付台账). */
  async paymentsOf(year: number, townshipIds?: readonly number[]): Promise<(PaymentRow & { project_name: string; township_id: number; item_code: string })[]> {
    let q = this.db.kysely
      .selectFrom('agrifund_payments as pay')
      .innerJoin('agrifund_projects as p', 'p.id', 'pay.project_id')
      .selectAll('pay')
      .select(['p.name as project_name', 'p.township_id', 'p.item_code'])
      .where('p.year', '=', year);
    if (townshipIds) q = q.where('p.township_id', 'in', townshipIds.length ? [...townshipIds] : [-1]);
    return q.orderBy('pay.id').execute();
  }
}
