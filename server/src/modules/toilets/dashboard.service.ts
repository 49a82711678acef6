/** 农村改厕's read side: the dashboard (one aggregate read for every township), the ledger export, the workbench. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { addDays } from '../../core/calendar.js';
import type { WorkItem } from '../../core/module.js';
import type { DirectoryService } from '../directory/index.js';
import type { HouseholdsService } from './households.service.js';
import { moneyOf, type PaymentsService } from './payments.service.js';
import type { ReportsService } from './reports.service.js';
import type { SelectionService } from './selection.service.js';
import { filterOf, isOffice, scopeOfToilets, staffOnly } from './toilets.access.js';
import { FROM } from './toilets.states.js';
import type { ToiletsRepository } from './toilets.repository.js';
import { PLAN_TOTAL_2022, WHOLE_VILLAGE_PERCENT } from './toilets.rules.js';
import type { ToiletSpotChecks } from './toilets.spotchecks.js';

type Totals = { townshipId: number; township: string; quota: number; surveyed: number; selected: number; agreed: number; started: number; completed: number; accepted: number; dueFen: number; paidFen: number };

export class DashboardService {
  constructor(
    private readonly repo: ToiletsRepository,
    private readonly directory: DirectoryService,
    private readonly access: Access,
    private readonly households: HouseholdsService,
    private readonly selection: SelectionService,
    private readonly money: PaymentsService,
    private readonly reports: ReportsService,
    private readonly spot: ToiletSpotChecks,
    private readonly today: () => string,
  ) {}

  /** Quotas and progress by township, money due and paid, the villages' coverage. */
  async dashboard(actor: Actor) {
    const s = filterOf(staffOnly(actor));
    const rows = await this.repo.progress(s.townshipIds);
    const villages = await this.selection.coverage(actor, rows);
    const quotas = await this.selection.quotas(actor);
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    const by = new Map<number, Totals>();
    const totals = (townshipId: number, township: string) => by.get(townshipId) ?? { townshipId, township, quota: 0, surveyed: 0, selected: 0, agreed: 0, started: 0, completed: 0, accepted: 0, dueFen: 0, paidFen: 0 };
    for (const r of rows) {
      if (s.villageIds && !s.villageIds.includes(r.village_id)) continue;
      const t = totals(r.township_id, units.get(r.township_id) ?? '');
      const n = Number(r.n);
      t.surveyed += n;
      for (const k of ['selected', 'agreed', 'started', 'completed', 'accepted'] as const) if (FROM[k].includes(r.status)) t[k] += n;
      by.set(r.township_id, t);
    }
    for (const q of quotas) {
      if (q.townshipId === null) continue;
      const t = totals(q.townshipId, q.township);
      t.quota = q.buckets.find((b) => b.bucket === 'total')?.cap ?? 0;
      by.set(q.townshipId, t);
    }
    const paying = [...by.values()].filter((t) => t.agreed);
    if (!s.villageIds && paying.length) {
      // Every township's money from the same few reads, not each township's payments read in turn.
      const [groups, paid, requests, spot] = await Promise.all([this.repo.moneyGroups(FROM.agreed, paying.map((t) => t.townshipId)), this.repo.payments(), this.repo.acceptanceRequests(), this.spot.statuses()]);
      for (const t of paying) {
        const id = t.townshipId;
        const m = moneyOf(groups.filter((g) => g.township_id === id), paid.filter((p) => p.township_id === id), requests.find((r) => r.township_id === id)?.at ?? null, (accepted) => spot(id, accepted));
        t.paidFen = m.paidFen;
        // What is due by now: every stage whose condition is met, paid or not.
        t.dueFen = m.stages.filter((x) => x.paid || !x.hold).reduce((a, x) => a + x.amountFen, 0);
      }
    }
    return { plan: PLAN_TOTAL_2022, townships: [...by.values()].sort((a, b) => a.townshipId - b.townshipId), villages, reached: villages.filter((v) => v.reached).length, threshold: WHOLE_VILLAGE_PERCENT };
  }

  /** How many households the actor's ledger export holds (staff only). */
  async ledgerCount(actor: Actor): Promise<number> {
    return this.repo.countHouseholds(filterOf(staffOnly(actor)));
  }

  /** The household ledger (台账) for Excel in pages by id: personal data masked whoever asks (it leaves the system). */
  async *ledgerPages(actor: Actor, size = 500) {
    const s = filterOf(staffOnly(actor));
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    for (let after = 0; ; ) {
      const rows = await this.repo.householdsAfter(s, after, size);
      if (!rows.length) return;
      after = rows[rows.length - 1].id;
      yield rows.map((h) => ({ ...this.households.view(actor, h, false), township: units.get(h.township_id) ?? '', village: units.get(h.village_id) ?? '' }));
    }
  }

  /** What waits on the actor: reports due; the township's and village's next steps; the county's spot checks. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    const link = '/toilets';
    const scope = scopeOfToilets(actor);
    const f = filterOf(scope);
    if (scope.kind === 'township' || scope.kind === 'village') {
      const unitId = scope.kind === 'township' ? scope.townshipId : scope.villageId;
      const late = (await this.reports.schedule(actor)).filter((r) => r.unitId === unitId && !r.submittedAt);
      const due = late.filter((r) => r.late || r.due <= addDays(this.today(), 7));
      items.push({ module: '农村改厕', title: '改厕报表待报送', count: due.length, deadline: due.map((r) => r.due).sort()[0] ?? null, link: `${link}?tab=reports` });
    }
    if (scope.kind === 'township') {
      const rows = await this.repo.households({ ...f, status: ['selected', 'completed'] }, 100_000);
      const batches = new Map((await this.repo.batches(f.townshipIds)).map((b) => [b.id, b]));
      items.push({ module: '农村改厕', title: '改厕户待公示', count: rows.filter((h) => h.status === 'selected' && !h.batch_id).length, link });
      items.push({ module: '农村改厕', title: '公示期满待签协议', count: rows.filter((h) => h.status === 'selected' && h.batch_id && this.today() > (batches.get(h.batch_id)?.notice_end ?? '9')).length, link });
      items.push({ module: '农村改厕', title: '已完工待五方验收', count: rows.filter((h) => h.status === 'completed').length, link });
    } else if (scope.kind === 'village') {
      items.push({ module: '农村改厕', title: '验收单待村委会签字', count: await this.unsigned(f, 'village'), link });
    } else if (scope.kind === 'own') {
      items.push({ module: '农村改厕', title: '改厕验收待农户签字', count: await this.unsigned(f, 'farmer'), link: '/my-toilet' });
    } else if (await isOffice(this.access, actor)) {
      let waiting = 0;
      for (const r of await this.repo.acceptanceRequests()) {
        const p = await this.money.payments(actor, r.township_id);
        if (p.spotChecks.done < p.spotChecks.need) waiting++;
      }
      items.push({ module: '农村改厕', title: '乡镇验收申请待抽查', count: waiting, link });
    }
    return items;
  }

  /** Completed households of the filter whose form still lacks the party's signature. */
  private async unsigned(f: ReturnType<typeof filterOf>, party: string) {
    const rows = await this.repo.households({ ...f, status: ['completed'] }, 100_000);
    const sigs = await this.repo.signatures(rows.map((h) => h.id));
    return rows.filter((h) => !sigs.some((x) => x.household_id === h.id && x.party === party)).length;
  }
}
