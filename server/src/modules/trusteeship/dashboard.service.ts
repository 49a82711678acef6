/** The season's figures by crop, stage, township and organisation (one aggregate query), and what waits on whom. */
import type { Actor } from '../../core/audit.js';
import type { WorkItem } from '../../core/module.js';
import type { OrgsService } from './orgs.service.js';
import { mu, type TrusteeshipContext } from './trusteeship.context.js';

export class DashboardService {
  constructor(
    private readonly c: TrusteeshipContext,
    private readonly orgs: OrgsService,
  ) {}

  async dashboard(season: number) {
    const t = await this.c.repo.totals(season);
    const units = new Map((await this.c.directory.all()).map((u) => [String(u.id), u.name]));
    const orgs = new Map((await this.c.repo.orgs({})).map((o) => [String(o.id), o.name]));
    const table = await this.c.ratesFor(season);
    const stageName = (k: string) => table.stages.find((s) => s.code === k)?.name ?? k;
    const label = (rows: typeof t.byCrop, f: (k: string) => string) => rows.map((r) => ({ ...r, label: f(r.key), areaMu: mu(r.areaCenti), acceptedMu: mu(r.acceptedCenti) }));
    return { season, byCrop: label(t.byCrop, (k) => k), byStage: label(t.byStage, stageName), byTownship: label(t.byTownship, (k) => units.get(k) ?? k), byOrg: label(t.byOrg, (k) => orgs.get(k) ?? k) };
  }

  /** The workbench: organisations to recommend (a township) or to review (the centre). */
  workbench(actor: Actor): Promise<WorkItem[]> {
    return this.orgs.workbench(actor);
  }
}
