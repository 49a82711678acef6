/** All SQL of 农业生产托管. */
import { sql, type Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';
import { isUniqueViolation } from '../../core/db.js';

export type OrgRow = Selectable<Database['trusteeship_orgs']>;
export type ContractRow = Selectable<Database['trusteeship_contracts']>;
export type WorkRow = Selectable<Database['trusteeship_works']>;
export type AcceptanceRow = Selectable<Database['trusteeship_acceptances']>;
export type SamplingRow = Selectable<Database['trusteeship_samplings']>;
export type SettlementRow = Selectable<Database['trusteeship_settlements']>;

/** Columns written once: a move that writes one needs it still empty. */
const ONCE = ['village_recommended_by', 'county_contract_no'] as const;

export class TrusteeshipRepository {
  constructor(private readonly db: Db) {}

  private audit(trx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, entity: string, id: number | string, action: string, after?: unknown) {
    return appendAudit(trx, this.db.dialect, actor, { entity, entityId: id, action, after });
  }

  /** A new organisation (a unique violation when its credit code has applied already: the caller's unit of work is undone). */
  async createOrg(actor: Actor, o: Omit<OrgRow, 'id'>): Promise<OrgRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('trusteeship_orgs').values(o).returningAll().executeTakeFirstOrThrow();
      await this.audit(trx, actor, 'trusteeship_org', row.id, 'apply', { name: o.name });
      return row;
    });
  }

  async org(id: number) {
    return this.db.kysely.selectFrom('trusteeship_orgs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async orgs(f: { townshipIds?: number[]; ownerId?: number; status?: OrgRow['status'][] }) {
    let q = this.db.kysely.selectFrom('trusteeship_orgs').selectAll();
    if (f.townshipIds) q = q.where('township_id', 'in', f.townshipIds.length ? f.townshipIds : [-1]);
    if (f.ownerId !== undefined) q = q.where('owner_user_id', '=', f.ownerId);
    if (f.status) q = q.where('status', 'in', f.status);
    return q.orderBy('id').execute();
  }

  /**
   * Move an organisation from one of `from` to `to`; false when it had moved meanwhile. A column written once (the
   * village's recommendation, the county contract) is written only while still empty, so of two at once one wins.
   */
  async transitionOrg(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    let q = this.db.kysely
      .updateTable('trusteeship_orgs')
      .set({ ...patch, status: to as OrgRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as OrgRow['status'][]);
    for (const col of ONCE) if (col in patch) q = q.where(col, 'is', null);
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  }

  /** The approved list's notice end, as the notice itself has it (written in the step's unit of work). */
  async setOrgNoticeEnd(id: number, end: string): Promise<void> {
    await this.db.kysely.updateTable('trusteeship_orgs').set({ notice_end: end }).where('id', '=', id).execute();
  }

  /** A contract; null when the farmer's plot (normalised key) has one this season already, whoever's. */
  async createContract(actor: Actor, c: Omit<ContractRow, 'id'>): Promise<ContractRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('trusteeship_contracts').values(c).returningAll().executeTakeFirstOrThrow();
        await this.audit(trx, actor, 'trusteeship_contract', row.id, 'create', { org: c.org_id, plot: c.plot_key, area: c.area_centi });
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  async contract(id: number) {
    return this.db.kysely.selectFrom('trusteeship_contracts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async contracts(f: { orgIds?: number[]; townshipIds?: number[]; villageIds?: number[]; farmerUserId?: number; season?: number; ownerOrFarmer?: number }) {
    let q = this.db.kysely.selectFrom('trusteeship_contracts').selectAll();
    if (f.villageIds) q = q.where('village_id', 'in', f.villageIds.length ? f.villageIds : [-1]);
    if (f.orgIds) q = q.where('org_id', 'in', f.orgIds.length ? f.orgIds : [-1]);
    if (f.townshipIds) q = q.where('township_id', 'in', f.townshipIds.length ? f.townshipIds : [-1]);
    if (f.farmerUserId !== undefined) q = q.where('farmer_user_id', '=', f.farmerUserId);
    // An account's own contracts: those it is the farmer of, and those of the organisations it runs.
    if (f.ownerOrFarmer !== undefined) {
      const user = f.ownerOrFarmer;
      q = q.where((eb) => eb.or([eb('farmer_user_id', '=', user), eb('org_id', 'in', eb.selectFrom('trusteeship_orgs').select('id').where('owner_user_id', '=', user))]));
    }
    if (f.season !== undefined) q = q.where('season', '=', f.season);
    return q.orderBy('id').limit(2000).execute();
  }

  /** A work confirmation (a unique violation when the plot already has one for that stage and season). */
  async createWork(actor: Actor, w: Omit<WorkRow, 'id'>): Promise<WorkRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('trusteeship_works').values(w).returningAll().executeTakeFirstOrThrow();
      await this.audit(trx, actor, 'trusteeship_work', row.id, 'record', { contract: w.contract_id, stage: w.stage, area: w.area_centi });
      return row;
    });
  }

  async works(f: { contractIds?: number[]; orgId?: number; season?: number }) {
    let q = this.db.kysely.selectFrom('trusteeship_works').selectAll();
    if (f.contractIds) q = q.where('contract_id', 'in', f.contractIds.length ? f.contractIds : [-1]);
    if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
    if (f.season !== undefined) q = q.where('season', '=', f.season);
    return q.orderBy('id').limit(20000).execute();
  }

  /** A work with what its procedure reads: its plot's township and village, its farmer and its organisation's account. */
  async workRecord(id: number) {
    return this.db.kysely
      .selectFrom('trusteeship_works as w')
      .innerJoin('trusteeship_contracts as c', 'c.id', 'w.contract_id')
      .innerJoin('trusteeship_orgs as o', 'o.id', 'w.org_id')
      .selectAll('w')
      .select(['c.township_id', 'c.village_id', 'c.farmer_user_id', 'o.owner_user_id as org_owner_id'])
      .where('w.id', '=', id)
      .executeTakeFirst();
  }

  /**
   * The farmer's answer on a work (confirmed, disputed): from one of `from`, only until the township accepts it;
   * false when it had moved meanwhile.
   */
  async transitionWork(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('trusteeship_works')
      .set({ ...patch, farmer_status: to as WorkRow['farmer_status'] })
      .where('id', '=', id)
      .where('farmer_status', 'in', from as WorkRow['farmer_status'][])
      .where('township_acceptance_id', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * 乡镇初验 or 县级验收 of one organisation's season: the acceptance and the area accepted on each work, together
   * (the step's unit of work audits it); null when it was accepted at that level already.
   */
  async accept(a: Omit<AcceptanceRow, 'id'>, items: { workId: number; areaCenti: number }[]): Promise<AcceptanceRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('trusteeship_acceptances').values(a).returningAll().executeTakeFirstOrThrow();
        for (const it of items) {
          const q = trx.updateTable('trusteeship_works').where('id', '=', it.workId).where('org_id', '=', a.org_id).where('season', '=', a.season);
          const r =
            a.level === 'township'
              ? await q.set({ township_area_centi: it.areaCenti, township_acceptance_id: row.id }).where('farmer_status', '=', 'confirmed').where('area_centi', '>=', it.areaCenti).where('township_acceptance_id', 'is', null).executeTakeFirst()
              : await q.set({ county_area_centi: it.areaCenti, county_acceptance_id: row.id }).where('township_area_centi', '>=', it.areaCenti).where('county_acceptance_id', 'is', null).executeTakeFirst();
          if (!r.numUpdatedRows) throw new StaleItem(it.workId);
        }
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  /** How many confirmed works of an organisation's season on a township's plots wait for its initial acceptance. */
  async awaitingTownship(orgId: number, season: number, townshipId: number): Promise<number> {
    const r = await this.db.kysely
      .selectFrom('trusteeship_works as w')
      .innerJoin('trusteeship_contracts as c', 'c.id', 'w.contract_id')
      .where('w.org_id', '=', orgId)
      .where('w.season', '=', season)
      .where('c.township_id', '=', townshipId)
      .where('w.farmer_status', '=', 'confirmed')
      .where('w.township_acceptance_id', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Works not yet accepted with the farmer's answer `status`: on a township's plots, of the organisations an account
   * runs, or of a farmer's own contracts (what waits on each of them).
   */
  async openWorks(f: { status: WorkRow['farmer_status']; townshipId?: number; ownerId?: number; farmerUserId?: number }): Promise<number> {
    let q = this.db.kysely
      .selectFrom('trusteeship_works as w')
      .innerJoin('trusteeship_contracts as c', 'c.id', 'w.contract_id')
      .innerJoin('trusteeship_orgs as o', 'o.id', 'w.org_id')
      .where('w.farmer_status', '=', f.status)
      .where('w.township_acceptance_id', 'is', null);
    if (f.townshipId !== undefined) q = q.where('c.township_id', '=', f.townshipId);
    if (f.ownerId !== undefined) q = q.where('o.owner_user_id', '=', f.ownerId);
    if (f.farmerUserId !== undefined) q = q.where('c.farmer_user_id', '=', f.farmerUserId);
    return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }

  /** Every organisation's acceptances and settlement in a season (where each season stands, for the centre). */
  async seasonSteps(season: number) {
    const [acceptances, settled] = await Promise.all([
      this.db.kysely.selectFrom('trusteeship_acceptances').select(['org_id', 'level', 'notice_end']).where('season', '=', season).execute(),
      this.db.kysely.selectFrom('trusteeship_settlements').select('org_id').where('season', '=', season).execute(),
    ]);
    return { acceptances, settled: new Set(settled.map((r) => r.org_id)) };
  }

  /** An organisation's acceptances in a season, in the order they were given (乡镇初验 before 县级验收). */
  async acceptances(orgId: number, season: number) {
    return this.db.kysely.selectFrom('trusteeship_acceptances').selectAll().where('org_id', '=', orgId).where('season', '=', season).orderBy('id').execute();
  }

  async sampling(season: number) {
    return this.db.kysely.selectFrom('trusteeship_samplings').selectAll().where('season', '=', season).executeTakeFirst();
  }

  async createSampling(actor: Actor, s: Omit<SamplingRow, 'id'>): Promise<SamplingRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('trusteeship_samplings').values(s).returningAll().executeTakeFirstOrThrow();
        await this.audit(trx, actor, 'trusteeship_sampling', row.id, 'draw', { season: s.season, drawn: s.drawn });
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  async recordSample(actor: Actor, id: number, drawn: string, before: string, orgId: number, result: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx.updateTable('trusteeship_samplings').set({ drawn }).where('id', '=', id).where('drawn', '=', before).executeTakeFirst();
      if (!r.numUpdatedRows) return false;
      await this.audit(trx, actor, 'trusteeship_sampling', id, 'result', { orgId, result });
      return true;
    });
  }

  /** County-accepted works of an organisation's season not yet settled, with their plot's contract area. */
  async payable(orgId: number, season: number) {
    return this.db.kysely
      .selectFrom('trusteeship_works as w')
      .innerJoin('trusteeship_contracts as c', 'c.id', 'w.contract_id')
      .where('w.org_id', '=', orgId)
      .where('w.season', '=', season)
      .where('w.county_acceptance_id', 'is not', null)
      .where('w.settlement_id', 'is', null)
      .select(['w.id', 'w.plot_key', 'w.season', 'w.stage', 'w.work_date', 'w.county_area_centi', 'w.passes', 'c.area_centi as plot_area', 'c.farmer_name', 'c.location', 'c.crop'])
      .orderBy('w.id')
      .execute();
  }

  /**
   * A page of the season's county-accepted, unsettled works of every organisation, in plot and work order, after the
   * given position (keyset: a plot may run over two pages, and the caller carries its cap across them).
   */
  async payablePage(season: number, after: { plot: string; date: string; id: number } | null, limit: number) {
    let q = this.db.kysely
      .selectFrom('trusteeship_works as w')
      .where('w.season', '=', season)
      .where('w.county_acceptance_id', 'is not', null)
      .where('w.settlement_id', 'is', null);
    if (after) q = q.where(sql<boolean>`(w.plot_key, w.work_date, w.id) > (${after.plot}, ${after.date}, ${after.id})`);
    return q
      .select(['w.id', 'w.org_id', 'w.plot_key', 'w.stage', 'w.work_date', 'w.county_area_centi', 'w.passes', 'w.plot_area_centi as plot_area'])
      .orderBy('w.plot_key')
      .orderBy('w.work_date')
      .orderBy('w.id')
      .limit(limit)
      .execute();
  }

  /** What earlier settlements paid on every plot in the season. */
  async paidInSeason(season: number): Promise<Map<string, number>> {
    const rows = await this.db.kysely
      .selectFrom('trusteeship_works')
      .where('season', '=', season)
      .where('paid_fen', 'is not', null)
      .select(['plot_key', (eb) => eb.fn.sum<number>('paid_fen').as('paid')])
      .groupBy('plot_key')
      .execute();
    return new Map(rows.map((r) => [`${r.plot_key}|${season}`, Number(r.paid)]));
  }

  /** What earlier settlements paid on each of these plots in the season (the 100 元/亩 cap counts across them). */
  async paidOnPlots(plotKeys: string[], season: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < plotKeys.length; i += 500) {
      const rows = await this.db.kysely
        .selectFrom('trusteeship_works')
        .where('plot_key', 'in', plotKeys.slice(i, i + 500))
        .where('season', '=', season)
        .where('paid_fen', 'is not', null)
        .select(['plot_key', (eb) => eb.fn.sum<number>('paid_fen').as('paid')])
        .groupBy('plot_key')
        .execute();
      for (const r of rows) out.set(`${r.plot_key}|${season}`, Number(r.paid));
    }
    return out;
  }

  /**
   * Take the season's settlement lock for the rest of the enclosing unit of work: a conditional write on the season's
   * row, which PostgreSQL holds until commit and SQLite's single writer serialises anyway.
   */
  async lockSeason(season: number, at: string): Promise<void> {
    await this.db.kysely.insertInto('trusteeship_settle_locks').values({ season, at }).onConflict((oc) => oc.column('season').doNothing()).execute();
    await this.db.kysely.updateTable('trusteeship_settle_locks').set({ at }).where('season', '=', season).execute();
  }

  /** Freeze a settlement sheet and what it pays on each work, together; null when the season is settled already. */
  async settle(actor: Actor, s: Omit<SettlementRow, 'id'>, paid: { id: number; paidFen: number }[]): Promise<SettlementRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('trusteeship_settlements').values(s).returningAll().executeTakeFirstOrThrow();
        for (const p of paid) {
          const r = await trx.updateTable('trusteeship_works').set({ paid_fen: p.paidFen, settlement_id: row.id }).where('id', '=', p.id).where('settlement_id', 'is', null).executeTakeFirst();
          if (!r.numUpdatedRows) throw new StaleItem(p.id);
        }
        await this.audit(trx, actor, 'trusteeship_settlement', row.id, 'settle', { org: s.org_id, season: s.season, total: s.total_fen });
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  async rates(season: number) {
    return this.db.kysely.selectFrom('trusteeship_rates').selectAll().where('season', '=', season).executeTakeFirst();
  }

  /** Enter a season's table once (a correction is a new document, entered by the office as a new season's row is not). */
  async addRates(actor: Actor, r: Selectable<Database['trusteeship_rates']>): Promise<boolean> {
    try {
      return await this.db.transaction(async (trx) => {
        await trx.insertInto('trusteeship_rates').values(r).execute();
        await this.audit(trx, actor, 'trusteeship_rates', r.season, 'enter', { document: r.document, stages: JSON.parse(r.stages) });
        return true;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async settlement(orgId: number, season: number) {
    return this.db.kysely.selectFrom('trusteeship_settlements').selectAll().where('org_id', '=', orgId).where('season', '=', season).executeTakeFirst();
  }

  /** Area and subsidy by crop, stage, township and organisation (county-accepted area; paid once settled). */
  async totals(season: number) {
    const base = this.db.kysely
      .selectFrom('trusteeship_works as w')
      .innerJoin('trusteeship_contracts as c', 'c.id', 'w.contract_id')
      .where('w.season', '=', season);
    const agg = [
      sql<number>`count(*)`.as('works'),
      sql<number>`coalesce(sum(w.area_centi), 0)`.as('area'),
      sql<number>`coalesce(sum(w.county_area_centi), 0)`.as('accepted'),
      sql<number>`coalesce(sum(w.paid_fen), 0)`.as('paid'),
      sql<number>`sum(case when w.farmer_status = 'confirmed' then 1 else 0 end)`.as('confirmed'),
      sql<number>`sum(case when w.township_acceptance_id is not null then 1 else 0 end)`.as('township'),
      sql<number>`sum(case when w.county_acceptance_id is not null then 1 else 0 end)`.as('county'),
    ];
    const [byCrop, byStage, byTownship, byOrg] = await Promise.all([
      base.select(['c.crop as key', ...agg]).groupBy('c.crop').execute(),
      base.select(['w.stage as key', ...agg]).groupBy('w.stage').execute(),
      base.select([sql<string>`cast(c.township_id as text)`.as('key'), ...agg]).groupBy('c.township_id').execute(),
      base.select([sql<string>`cast(w.org_id as text)`.as('key'), ...agg]).groupBy('w.org_id').execute(),
    ]);
    const norm = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({ key: String(r.key), works: Number(r.works), areaCenti: Number(r.area), acceptedCenti: Number(r.accepted), paidFen: Number(r.paid), confirmed: Number(r.confirmed), township: Number(r.township), county: Number(r.county) }));
    return { byCrop: norm(byCrop), byStage: norm(byStage), byTownship: norm(byTownship), byOrg: norm(byOrg) };
  }
}

/** A work changed under an acceptance or settlement (accepted, disputed or settled meanwhile): the whole step is undone. */
export class StaleItem extends Error {
  constructor(readonly workId: number) {
    super(`work ${workId} changed`);
  }
}
