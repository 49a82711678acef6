/** The season's figures by crop, stage, township and organisation (one aggregate query), and what waits on whom. */
import type { Actor } from '../../core/audit.js';
import type { WorkItem } from '../../core/module.js';
import type { OrgsService } from './orgs.service.js';
import { mu, type TrusteeshipContext } from './trusteeship.context.js';

const LINK = '/trusteeship';

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

  /**
   * The workbench: organisations to recommend (a township) or to review (the centre); then each party's next step of
   * the season — a township the disputes on its plots, an organisation the works its farmers have not answered, a
   * farmer their own, the centre the organisations and seasons whose notice has run.
   */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const items = await this.orgs.workbench(actor);
    const add = (title: string, count: number, link = LINK) => items.push({ module: '农业生产托管', title, count, link });
    if (await this.c.isCentre(actor)) {
      for (const [title, count] of await this.centre()) add(title, count);
    } else if (actor.role === 'township_official' && actor.townshipId) {
      add('作业确认单有异议，待乡镇实地核实', await this.c.repo.openWorks({ status: 'disputed', townshipId: actor.townshipId }));
    } else if (actor.role === 'service_org' && actor.userId) {
      add('作业确认单待农户确认（或上传农户签字的纸质确认单）', await this.c.repo.openWorks({ status: 'pending', ownerId: actor.userId }));
    } else if (actor.role === 'resident' && actor.userId) {
      add('托管作业待本人确认', await this.c.repo.openWorks({ status: 'pending', farmerUserId: actor.userId }), '/my-trusteeship');
    }
    return items;
  }

  /** The centre's steps whose notices have run: organisations to publish, seasons to accept at county level and to settle. */
  private async centre(): Promise<[string, number][]> {
    const today = this.c.today();
    const orgs = await this.c.repo.orgs({ status: ['approved', 'published'] });
    const { acceptances, settled } = await this.c.repo.seasonSteps(Number(today.slice(0, 4)));
    const ran = (level: string, orgId: number) => {
      const mine = acceptances.filter((a) => a.org_id === orgId && a.level === level);
      return mine.length > 0 && mine.every((a) => a.notice_end < today);
    };
    const county = (orgId: number) => acceptances.some((a) => a.org_id === orgId && a.level === 'county');
    return [
      ['服务组织公示期满，待公布', orgs.filter((o) => o.status === 'approved' && o.notice_end !== null && o.notice_end < today).length],
      ['服务组织已公布，待签订托管合同', orgs.filter((o) => o.status === 'published' && !o.county_contract_no).length],
      ['乡镇初验公示期满，待县级验收', orgs.filter((o) => ran('township', o.id) && !county(o.id)).length],
      ['县级验收公示期满，待市级抽验和结算', orgs.filter((o) => ran('county', o.id) && !settled.has(o.id)).length],
    ];
  }
}
