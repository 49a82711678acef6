/** 市级抽验 and 拨付: the city's sample, the settlement sheet (100 元/亩 per plot and season), the season's totals. */
import type { Actor } from '../../core/audit.js';
import { conflict, invalidField } from '../../core/errors.js';
import { fenToChineseUpper } from '../../core/money.js';
import { seededSample } from '../../core/sample.js';
import type { OrgsService } from './orgs.service.js';
import { centi, mu, type TrusteeshipContext } from './trusteeship.context.js';
import { StaleItem } from './trusteeship.repository.js';
import { PAY_BY_STAGE_READING, sampleSize, settle, settleInto, stageSubtotals, type StageCode } from './trusteeship.rules.js';

export class SettlementService {
  constructor(
    private readonly c: TrusteeshipContext,
    private readonly orgs: OrgsService,
  ) {}

  /** 市级抽验: a reproducible draw of at least 10 % of the season's county-accepted organisations (rounded up, at least one). */
  async drawSample(actor: Actor, season: number, seed: string) {
    await this.c.requireCentre(actor);
    const accepted = [];
    for (const o of await this.c.repo.orgs({ status: ['published'] })) if ((await this.c.repo.acceptances(o.id, season)).some((a) => a.level === 'county')) accepted.push(o.id);
    if (!accepted.length) throw conflict('本季尚无经县级验收的服务组织');
    // Anyone with the seed draws the same organisations.
    const drawn = (await seededSample(accepted, seed, sampleSize(accepted.length))).map((orgId) => ({ orgId, result: null as 'pass' | 'fail' | null }));
    const row = await this.c.repo.createSampling(actor, { season, seed, drawn: JSON.stringify(drawn), by_name: actor.name, at: this.c.now() });
    if (!row) throw conflict('本季已抽验');
    return { season, seed, of: accepted.length, drawn };
  }

  async recordSample(actor: Actor, season: number, orgId: number, passed: boolean) {
    await this.c.requireCentre(actor);
    const s = await this.c.repo.sampling(season);
    if (!s) throw conflict('本季尚未抽验');
    const drawn = JSON.parse(s.drawn) as { orgId: number; result: 'pass' | 'fail' | null }[];
    const d = drawn.find((x) => x.orgId === orgId);
    if (!d) throw invalidField('orgId', '未抽中', '该服务组织不在抽验名单中');
    d.result = passed ? 'pass' : 'fail';
    if (!(await this.c.repo.recordSample(actor, s.id, JSON.stringify(drawn), s.drawn, orgId, d.result))) throw conflict('抽验记录已被他人更新，请刷新后重试');
    return { season, drawn };
  }

  /** Why an organisation cannot be paid yet, or null when it can. */
  private async holdOf(orgId: number, season: number): Promise<string | null> {
    const acc = await this.c.repo.acceptances(orgId, season);
    const county = acc.find((a) => a.level === 'county');
    if (!acc.some((a) => a.level === 'township')) return '尚未乡镇初验';
    if (!county) return '尚未县级验收';
    if (this.c.today() <= county.notice_end) return `县级验收公示期至 ${county.notice_end}`;
    const s = await this.c.repo.sampling(season);
    if (!s) return '市级抽验尚未进行';
    const d = (JSON.parse(s.drawn) as { orgId: number; result: string | null }[]).find((x) => x.orgId === orgId);
    if (d && d.result === null) return '抽验结果尚未录入';
    if (d && d.result === 'fail') return '市级抽验不合格，暂停拨付';
    return null;
  }

  /** The settlement sheet: computed until settled, frozen after. */
  async sheet(actor: Actor, orgId: number, season: number) {
    await this.c.requireCentre(actor);
    const o = await this.orgs.loadOrg(orgId);
    const done = await this.c.repo.settlement(orgId, season);
    if (done) {
      const body = JSON.parse(done.lines) as SheetBody;
      return { org: o.name, season, settled: true, hold: null, ...body, byStage: await this.byStage(season, body), upper: fenToChineseUpper(done.total_fen), reading: PAY_BY_STAGE_READING };
    }
    const body = await this.compute(orgId, season);
    return { org: o.name, season, settled: false, hold: await this.holdOf(orgId, season), ...body, byStage: await this.byStage(season, body), upper: fenToChineseUpper(body.totalFen), reading: PAY_BY_STAGE_READING };
  }

  /** 按环节兑付: the sheet's money per 环节, each with its 大写 (a frozen sheet's lines are read as they were settled). */
  private async byStage(season: number, body: SheetBody) {
    const order = (await this.c.ratesFor(season)).stages.map((s) => s.name);
    const lines = body.lines.map((l) => ({ stage: l.stage, areaCenti: centi(l.areaMu), paidFen: l.paidFen }));
    return stageSubtotals(lines, order).map((s) => ({ stage: s.stage, works: s.works, areaMu: mu(s.areaCenti), paidFen: s.paidFen, upper: fenToChineseUpper(s.paidFen) }));
  }

  private async compute(orgId: number, season: number): Promise<SheetBody> {
    const table = await this.c.ratesFor(season);
    const rows = await this.c.repo.payable(orgId, season);
    const paidBefore = await this.c.repo.paidOnPlots([...new Set(rows.map((r) => r.plot_key))], season);
    const lines = settle(
      rows.map((r) => ({ id: r.id, plotKey: r.plot_key, season: r.season, plotAreaCenti: r.plot_area, stage: r.stage as StageCode, subsidyRateFen: this.c.stage(season, r.stage).subsidyFen, acceptedAreaCenti: r.county_area_centi!, passes: r.passes, workDate: r.work_date })),
      paidBefore,
    );
    const by = new Map(rows.map((r) => [r.id, r]));
    const out = lines.map((l) => {
      const r = by.get(l.id)!;
      return { workId: l.id, farmer: r.farmer_name, location: r.location, crop: r.crop, stage: this.c.stage(season, r.stage).name, workDate: r.work_date, areaMu: mu(r.county_area_centi!), passes: r.passes, subsidyFen: l.subsidyFen, paidFen: l.paidFen, note: l.note };
    });
    return { lines: out, totalFen: out.reduce((a, l) => a + l.paidFen, 0), source: table.document };
  }

  /**
   * The whole season's settlement for every organisation at once (what the centre reports to the finance bureau):
   * works read plot by plot in pages, the 100 元/亩 cap carried per plot across pages and organisations.
   */
  async seasonTotals(season: number, page = 50_000) {
    await this.c.ratesFor(season);
    const used = await this.c.repo.paidInSeason(season);
    const byOrg = new Map<number, { orgId: number; works: number; subsidyFen: number; paidFen: number; capped: number }>();
    let after: { plot: string; date: string; id: number } | null = null;
    let rows = 0;
    for (;;) {
      const chunk = await this.c.repo.payablePage(season, after, page);
      if (!chunk.length) break;
      rows += chunk.length;
      const lines = settleInto(
        chunk.map((r) => ({ id: r.id, plotKey: r.plot_key, season, plotAreaCenti: r.plot_area, stage: r.stage as StageCode, subsidyRateFen: this.c.stage(season, r.stage).subsidyFen, acceptedAreaCenti: r.county_area_centi!, passes: r.passes, workDate: r.work_date })),
        used,
      );
      const orgOf = new Map(chunk.map((r) => [r.id, r.org_id]));
      for (const l of lines) {
        const orgId = orgOf.get(l.id)!;
        const o = byOrg.get(orgId) ?? { orgId, works: 0, subsidyFen: 0, paidFen: 0, capped: 0 };
        o.works++;
        o.subsidyFen += l.subsidyFen;
        o.paidFen += l.paidFen;
        if (l.note) o.capped++;
        byOrg.set(orgId, o);
      }
      const last = chunk[chunk.length - 1];
      after = { plot: last.plot_key, date: last.work_date, id: last.id };
    }
    return { season, rows, orgs: [...byOrg.values()].sort((a, b) => a.orgId - b.orgId) };
  }

  /** 拨付: freeze the sheet once every step is done (no payment before the notices end and the sample is in). */
  async settle(actor: Actor, orgId: number, season: number) {
    await this.c.requireCentre(actor);
    try {
      // What was paid on the plots is read and what this sheet pays is written under the season's lock, so a sheet
      // settled at the same instant for another organisation on the same plots counts this one (100 元/亩 cap).
      await this.c.uow(async () => {
        await this.c.repo.lockSeason(season, this.c.now());
        const hold = await this.holdOf(orgId, season);
        if (hold) throw conflict(`暂不能结算：${hold}`);
        const body = await this.compute(orgId, season);
        if (!body.lines.length) throw conflict('没有待结算的作业');
        const row = await this.c.repo.settle(actor, { org_id: orgId, season, total_fen: body.totalFen, lines: JSON.stringify(body), by_name: actor.name, at: this.c.now() }, body.lines.map((l) => ({ id: l.workId, paidFen: l.paidFen })));
        if (!row) throw conflict('该服务组织本季已结算');
      });
    } catch (e) {
      if (e instanceof StaleItem) throw conflict('作业已在其他结算中，请刷新后重试');
      throw e;
    }
    return this.sheet(actor, orgId, season);
  }
}

type SheetBody = {
  lines: { workId: number; farmer: string; location: string; crop: string; stage: string; workDate: string; areaMu: string; passes: number; subsidyFen: number; paidFen: number; note: string | null }[];
  totalFen: number;
  source: string;
};
