/** The SQL of the 审计抽查 and its leads (涉农资金统筹整合). */
import type { Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';

export type DrawRow = Selectable<Database['agrifund_audit_draws']>;
export type CheckRow = Selectable<Database['agrifund_audit_checks']>;
export type LeadRow = Selectable<Database['agrifund_leads']>;

export class AgrifundAuditsRepository {
  constructor(private readonly db: Db) {}

  /** The year's projects with money paid (the population a draw is taken from), by id. */
  async paidProjects(year: number): Promise<number[]> {
    const rows = await this.db.kysely.selectFrom('agrifund_projects').select('id').where('year', '=', year).where('paid_fen', '>', 0).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  /** Record a draw as the year's next (the unique number makes two draws at once two numbers, or a retry). */
  async addDraw(actor: Actor, row: Omit<DrawRow, 'id' | 'seq'>): Promise<DrawRow> {
    const k = this.db.kysely;
    const last = await k.selectFrom('agrifund_audit_draws').select((eb) => eb.fn.max('seq').as('seq')).where('year', '=', row.year).executeTakeFirst();
    const made = await k.insertInto('agrifund_audit_draws').values({ ...row, seq: Number(last?.seq ?? 0) + 1 }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(k, this.db.dialect, actor, { entity: 'agrifund_audit', entityId: made.id, action: 'draw', after: { year: made.year, seq: made.seq, seed: made.seed, drawn: JSON.parse(made.drawn) as unknown } });
    return made;
  }

  async draws(year: number): Promise<DrawRow[]> {
    return this.db.kysely.selectFrom('agrifund_audit_draws').selectAll().where('year', '=', year).orderBy('seq', 'desc').execute();
  }

  async draw(id: number): Promise<DrawRow | undefined> {
    return this.db.kysely.selectFrom('agrifund_audit_draws').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async checks(drawIds: number[]): Promise<CheckRow[]> {
    if (!drawIds.length) return [];
    return this.db.kysely.selectFrom('agrifund_audit_checks').selectAll().where('draw_id', 'in', drawIds).orderBy('id').execute();
  }

  /** The conclusion on a drawn project, once (the unique key answers a second one; the caller says 409). */
  async addCheck(actor: Actor, row: Omit<CheckRow, 'id'>): Promise<CheckRow> {
    const k = this.db.kysely;
    const made = await k.insertInto('agrifund_audit_checks').values(row).returningAll().executeTakeFirstOrThrow();
    await appendAudit(k, this.db.dialect, actor, { entity: 'agrifund_audit', entityId: row.draw_id, action: 'check', after: { projectId: row.project_id, passed: !!row.passed, finding: row.finding } });
    return made;
  }

  async addLead(actor: Actor, row: Omit<LeadRow, 'id' | 'received_by' | 'received_at' | 'outcome' | 'closed_by' | 'closed_at'>): Promise<LeadRow> {
    const k = this.db.kysely;
    const made = await k.insertInto('agrifund_leads').values({ ...row, received_by: null, received_at: null, outcome: null, closed_by: null, closed_at: null }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(k, this.db.dialect, actor, { entity: 'agrifund_lead', entityId: made.id, action: 'refer', after: { projectId: row.project_id, summary: row.summary } });
    return made;
  }

  async leads(): Promise<LeadRow[]> {
    return this.db.kysely.selectFrom('agrifund_leads').selectAll().orderBy('id', 'desc').execute();
  }

  async lead(id: number): Promise<LeadRow | undefined> {
    return this.db.kysely.selectFrom('agrifund_leads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** 受理 or 办结 a lead if it is still at `from` (false: someone took the step first, nothing written). */
  async moveLead(actor: Actor, id: number, from: LeadRow['status'], patch: Partial<LeadRow> & { status: LeadRow['status'] }): Promise<boolean> {
    const k = this.db.kysely;
    const r = await k.updateTable('agrifund_leads').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) return false;
    await appendAudit(k, this.db.dialect, actor, { entity: 'agrifund_lead', entityId: id, action: patch.status === 'received' ? 'receive' : 'close', after: patch });
    return true;
  }

  /** How many drawn projects still wait for a conclusion, and how many leads wait at each status. */
  async waiting(): Promise<{ unchecked: number; referred: number; received: number }> {
    const k = this.db.kysely;
    const draws = await k.selectFrom('agrifund_audit_draws').select(['id', 'drawn']).execute();
    const checked = await k.selectFrom('agrifund_audit_checks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const leads = await k.selectFrom('agrifund_leads').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const n = (s: string) => Number(leads.find((l) => l.status === s)?.n ?? 0);
    const drawn = draws.reduce((a, d) => a + (JSON.parse(d.drawn) as number[]).length, 0);
    return { unchecked: drawn - Number(checked.n), referred: n('referred'), received: n('received') };
  }
}
