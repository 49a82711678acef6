/** 村庄规划编制: the module's service, composed of classification, cases, the dashboard and the workbench. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { WorkCalendar } from '../../core/calendar.js';
import type { UnitOfWork } from '../../core/db.js';
import type { FilePolicy, WorkItem } from '../../core/module.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { NoticesService } from '../notices/index.js';
import type { WorkflowService } from '../workflow/index.js';
import { CasesService, deadlineState } from './cases.service.js';
import { ClassificationService } from './classification.service.js';
import { BODIES, isReviewer, scopeOfPlans, townshipsOf } from './villageplan.access.js';
import { CLASSIFICATION_FLOW, caseFlow } from './villageplan.flow.js';
import type { VillageplanRepository } from './villageplan.repository.js';
import { CLASSES, OUTPUT_PARTS, TARGET, addYears, classLabel } from './villageplan.rules.js';

export interface VillageplanDeps {
  repo: VillageplanRepository;
  directory: DirectoryService;
  workflow: WorkflowService;
  notices: ReturnType<NoticesService['on']>;
  calendar: CalendarService;
  uow: UnitOfWork;
  now: () => string;
  today: () => string;
}

/** Cases counted as approved towards the target. */
const APPROVED = new Set(['approved', 'published', 'filed']);
/** Plans listed as due for their evaluation this long ahead (inferred: a quarter to prepare it). */
const EVALUATION_NOTICE_MONTHS = 3;

export class VillageplanService {
  readonly access: Access;
  readonly classes: ClassificationService;
  readonly cases: CasesService;
  private readonly today: () => string;
  private readonly directory: DirectoryService;

  constructor(d: VillageplanDeps) {
    this.access = d.workflow.access(BODIES);
    this.today = d.today;
    this.directory = d.directory;
    const clock = { now: d.now, today: d.today };
    const calendar = (): Promise<WorkCalendar> => d.calendar.calendar();
    const classFlow = d.workflow.bind(CLASSIFICATION_FLOW, { load: (actor, id) => this.classes.load(actor, id), transition: (id, from, to, patch) => d.repo.transitionClassification(id, from, to, patch) }, { access: this.access, clock });
    this.classes = new ClassificationService(d.repo, d.directory, this.access, classFlow, d.now);
    const units = async (ids: number[]) => {
      const all = await d.directory.all();
      return ids.map((id) => ({ id, name: all.find((u) => u.id === id)?.name ?? '' }));
    };
    const decl = caseFlow({
      repo: d.repo,
      calendar,
      villages: async (c) => {
        const ids = (await d.repo.villagesOf([c.id])).get(c.id) ?? [c.lead_village_id];
        return units([c.lead_village_id, ...ids.filter((x) => x !== c.lead_village_id)]);
      },
      publish: (actor, n) => d.notices.publishToday(actor, n),
      objections: async (ids) => {
        let n = 0;
        for (const id of ids) n += (await d.notices.get(null, id)).objectionTotal;
        return n;
      },
      today: d.today,
    });
    const flow = d.workflow.bind(decl, { load: (actor, id) => this.cases.load(actor, id), transition: (id, from, to, patch) => d.repo.transitionCase(id, from, to, patch) }, { access: this.access, clock });
    this.cases = new CasesService(d.repo, d.directory, this.access, this.classes, flow, d.uow, calendar, d.today, d.now);
    this.calendar = calendar;
  }

  private readonly calendar: () => Promise<WorkCalendar>;

  /** Progress towards 「2024 年底…应编尽编」 by township: villages by class, the list, cases by stage, deadlines, evaluations due. */
  async dashboard(actor: Actor) {
    const townships = townshipsOf(await scopeOfPlans(this.access, actor));
    const all = await this.directory.all();
    const list = townships ? all.filter((u) => u.kind === 'township' && townships.includes(u.id)) : all.filter((u) => u.kind === 'township');
    const classes = (await this.classes.list(actor)).filter((c) => c.status === 'checked');
    const planList = await this.classes.planList(actor);
    const { rows, villages } = await this.cases.rows(townships);
    const today = this.today();
    const cal = await this.calendar();
    const soon = addYears(today, 0, EVALUATION_NOTICE_MONTHS);
    const byTownship = list.map((t) => {
      const mine = rows.filter((r) => r.township_id === t.id);
      const approvedVillages = new Set(mine.filter((r) => APPROVED.has(r.status)).flatMap((r) => villages.get(r.id) ?? []));
      const listed = planList.filter((p) => p.townshipId === t.id);
      const deadlines = mine.flatMap((r) => [
        r.publish_due ? deadlineState(cal, today, r.publish_due, r.published_on) : null,
        r.submit_due ? deadlineState(cal, today, r.submit_due, r.submitted_on) : null,
      ]);
      return {
        townshipId: t.id,
        township: t.name,
        villages: all.filter((u) => u.kind === 'village' && u.parentId === t.id).length,
        classified: classes.filter((c) => c.townshipId === t.id).length,
        byClass: CLASSES.map((k) => ({ cls: k.code, label: k.label, count: classes.filter((c) => c.townshipId === t.id && c.cls === k.code).length })),
        listed: listed.length,
        approved: listed.filter((p) => approvedVillages.has(p.villageId)).length,
        compiling: mine.filter((r) => !APPROVED.has(r.status) && r.status !== 'submitted').length,
        submitted: mine.filter((r) => r.status === 'submitted').length,
        deadlinesSoon: deadlines.filter((s) => s === 'soon').length,
        deadlinesOverdue: deadlines.filter((s) => s === 'overdue').length,
        evaluationsDue: mine.filter((r) => APPROVED.has(r.status) && r.evaluation_due && r.evaluation_due <= soon).length,
      };
    });
    return { target: TARGET.by, today, townships: byTownship };
  }

  /** What waits on the actor: the township's steps and its running deadlines; the bureau's checks, approvals and filings. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    const add = (title: string, count: number, link: string, deadline: string | null = null) => {
      if (count) items.push({ module: '村庄规划', title, count, link, deadline });
    };
    const reviewer = await isReviewer(this.access, actor);
    if (!reviewer && actor.role !== 'township_official') return [];
    const townships = reviewer ? undefined : [actor.unitId ?? -1];
    const { rows } = await this.cases.rows(townships);
    const cal = await this.calendar();
    const today = this.today();
    const earliest = (xs: (string | null)[]) => xs.filter((x): x is string => !!x).sort()[0] ?? null;
    const running = (code: 'publish' | 'submit', status: string[]) => {
      const open = rows.filter((r) => status.includes(r.status) && (code === 'publish' ? r.publish_due : r.submit_due));
      const states = open.map((r) => deadlineState(cal, today, (code === 'publish' ? r.publish_due : r.submit_due)!, code === 'publish' ? r.published_on : r.submitted_on));
      const tag = [states.filter((s) => s === 'overdue').length ? `逾期 ${states.filter((s) => s === 'overdue').length} 件` : '', states.filter((s) => s === 'soon').length ? `临期 ${states.filter((s) => s === 'soon').length} 件` : ''].filter(Boolean).join('，');
      return { count: open.length, tag: tag ? `（${tag}）` : '', deadline: earliest(open.map((r) => (code === 'publish' ? r.publish_due : r.submit_due))) };
    };
    if (reviewer) {
      const classes = await this.classes.list(actor);
      add('村庄分类待审核', classes.filter((c) => c.status === 'submitted').length, '/villageplan');
      add('村庄规划待审批', rows.filter((r) => r.status === 'submitted').length, '/villageplan');
      const s = running('submit', ['approved', 'published']);
      add(`规划成果待汇交省自然资源厅（30 个工作日）${s.tag}`, s.count, '/villageplan', s.deadline);
    } else {
      const classes = await this.classes.list(actor);
      add('村庄分类被退回待修改', classes.filter((c) => c.status === 'returned').length, '/villageplan');
      add('村庄规划编制待办理', rows.filter((r) => ['organizing', 'confirmed', 'reviewed', 'voted'].includes(r.status)).length, '/villageplan');
      add('村内公示期满待报批', rows.filter((r) => r.status === 'noticed' && r.notice_last_day && today > r.notice_last_day).length, '/villageplan');
      const p = running('publish', ['approved']);
      add(`规划成果待“上墙、上网”公开（20 个工作日）${p.tag}`, p.count, '/villageplan', p.deadline);
    }
    const due = rows.filter((r) => APPROVED.has(r.status) && r.evaluation_due && r.evaluation_due <= addYears(today, 0, EVALUATION_NOTICE_MONTHS));
    add('村庄规划到期应开展实施评估（5 年）', due.length, '/villageplan', earliest(due.map((r) => r.evaluation_due)));
    return items;
  }

  /** Approved plans as the public reads them (「上墙、上网」): village, type, approval and the 前图后则 documents. */
  async publicPlans() {
    const { rows, villages } = await this.cases.rows();
    const published = rows.filter((r) => r.status === 'published' || r.status === 'filed');
    const all = await this.directory.all();
    const name = (id: number) => all.find((u) => u.id === id)?.name ?? '';
    const checked = await this.classes.checkedOf(published.flatMap((r) => villages.get(r.id) ?? []));
    return published.map((r) => {
      const ids = villages.get(r.id) ?? [];
      return {
        id: r.id,
        name: r.name,
        township: name(r.township_id),
        villages: ids.map(name),
        types: [...new Set(ids.map((id) => checked.get(id)).filter((c) => !!c).map((c) => classLabel(c!.cls)))],
        approvalNo: r.approval_no,
        approvedOn: r.approved_on,
        publishedOn: r.published_on,
        documents: OUTPUT_PARTS.map((p) => ({ label: p.label, entity: 'villageplan_paper', entityId: `${r.id}.${p.code}` })),
      };
    });
  }

  /** Papers of a case: the township and the bureau read and attach; anyone reads a published plan's 前图后则. */
  readonly paperPolicy: FilePolicy = {
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    canRead: async (actor, entityId) => {
      const [id, code] = entityId.split('.');
      if (!/^\d+$/.test(id ?? '')) return false;
      if ((code === 'maps' || code === 'rules') && (await this.cases.isPublic(Number(id)))) return true;
      return !!actor && !!(await this.cases.load(actor, Number(id)));
    },
    canAttach: async (actor, entityId) => {
      const [id] = entityId.split('.');
      if (!/^\d+$/.test(id ?? '') || actor.role !== 'township_official') return false;
      const c = await this.cases.load(actor, Number(id));
      return !!c && c.township_id === actor.unitId;
    },
  };
}
