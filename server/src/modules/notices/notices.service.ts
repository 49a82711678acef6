/**
 * Public notices (公示), shared by every programme: a subject, a start, a minimum length in 日 or 工作日,
 * the earliest end computed by the working-day calendar, objections received, and the outcome.
 */
import { Access, TOWNSHIP, UNIT, role, scopeOf, type Party } from '../../core/access.js';
import { PUBLIC_ACTOR, type Actor } from '../../core/audit.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { FilePolicy, WorkItem } from '../../core/module.js';
import { maskMobile, maskName } from '../../core/identifiers.js';
import { chinaDay, installNow } from '../../core/time.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { NoticeRow, NoticesRepository, ObjectionRow } from './notices.repository.js';

/** Today's date in China (Asia/Shanghai), ISO. */
export const chinaToday = (at = new Date()) => chinaDay(at);

export interface NoticeInput {
  unitId: number;
  subject: string;
  content: string;
  basis: string | null;
  startDate: string;
  minLength: number;
  unit: '日' | '工作日';
}

/** Who publishes in a unit's name: the unit itself, the township for its villages, the county administrator for any. */
const PUBLISHERS: readonly Party[] = [role('county_admin'), UNIT, TOWNSHIP];

/** Objections shown with a notice; the rest are paged (GET /api/notices/:id/objections). */
const OBJECTIONS_PAGE = 20;

export class NoticesService {
  private readonly access = new Access({}, async () => null);

  constructor(
    private readonly repo: NoticesRepository,
    private readonly calendar: CalendarService,
    private readonly directory: DirectoryService,
    private readonly today: () => string = () => chinaToday(),
  ) {}

  /** Units an actor may publish for: their own unit, and for a township official its villages (the county administrator any). */
  private async mayManage(actor: Actor, unitId: number): Promise<boolean> {
    const u = (await this.directory.all()).find((x) => x.id === unitId);
    return this.access.which(actor, PUBLISHERS, { unitIds: [unitId], townshipId: u?.kind === 'village' ? u.parentId : null }).then(Boolean);
  }

  private async view(n: NoticeRow & { objections?: number }) {
    const unit = (await this.directory.all()).find((u) => u.id === n.unit_id);
    const today = this.today();
    return {
      id: n.id,
      unitId: n.unit_id,
      unitName: unit?.name ?? '',
      subject: n.subject,
      content: n.content,
      basis: n.basis,
      startDate: n.start_date,
      minLength: n.min_length,
      unit: n.unit,
      earliestEnd: n.earliest_end,
      status: n.status,
      /** 公示中 until the earliest end, then 可结束 until closed. */
      phase: (n.status === 'closed' ? '已结束' : today < n.start_date ? '未开始' : today < n.earliest_end ? '公示中' : '公示期满') as '已结束' | '未开始' | '公示中' | '公示期满',
      outcome: n.outcome,
      closedAt: n.closed_at,
      objections: n.objections,
    };
  }

  async list(actor: Actor | null, f: { mine?: boolean; status?: string }, page: number, pageSize: number) {
    let unitIds: number[] | undefined;
    if (f.mine && actor) {
      unitIds = scopeOf(actor).kind === 'county' && (await this.access.is(actor, role('county_admin'), {})) ? undefined : await this.managed(actor);
    }
    const { rows, total } = await this.repo.list({ unitIds, status: f.status }, pageSize, (page - 1) * pageSize);
    return { items: await Promise.all(rows.map((r) => this.view(r))), total, page, pageSize };
  }

  /** One notice with the first page of its objections; objectors' names and contacts are masked unless the actor manages it. */
  async get(actor: Actor | null, id: number) {
    const n = await this.repo.byId(id);
    if (!n) throw notFound(`公示 ${id} `);
    const full = !!actor && (await this.mayManage(actor, n.unit_id));
    const page = await this.objectionPage(n, full, 1, OBJECTIONS_PAGE);
    return { ...(await this.view(n)), objections: page.items, objectionTotal: page.total, spamTotal: page.spam, canManage: full };
  }

  /** A page of a notice's objections: the publishing unit also sees those marked as spam (flagged), the public does not. */
  async objections(actor: Actor | null, id: number, page: number, pageSize: number) {
    const n = await this.repo.byId(id);
    if (!n) throw notFound(`公示 ${id} `);
    const full = !!actor && (await this.mayManage(actor, n.unit_id));
    return { ...(await this.objectionPage(n, full, page, pageSize)), page, pageSize };
  }

  private async objectionPage(n: NoticeRow, full: boolean, page: number, pageSize: number) {
    const { rows, total, spam } = await this.repo.objections(n.id, full, pageSize, (page - 1) * pageSize);
    const items = rows.map((o: ObjectionRow) => ({
      id: o.id,
      name: full ? o.name : maskName(o.name),
      contact: o.contact ? (full ? o.contact : maskMobile(o.contact)) : null,
      text: o.text,
      receivedAt: o.received_at,
      spam: o.spam_at !== null,
    }));
    return { items, total, spam: full ? spam : 0 };
  }

  /** The publishing unit marks an objection as spam (or takes the mark back); audited. */
  async markSpam(actor: Actor, id: number, objectionId: number, spam: boolean) {
    const n = await this.repo.byId(id);
    if (!n) throw notFound(`公示 ${id} `);
    if (!(await this.mayManage(actor, n.unit_id))) throw forbidden('该公示不属于您的单位或乡镇，无权处理异议');
    if (!(await this.repo.markSpam(actor, id, objectionId, spam, installNow()))) throw conflict(spam ? '该异议不存在或已标为无效信息' : '该异议未被标为无效信息');
    return { ok: true as const };
  }

  /** The same service as on another day (or another clock): demo installs and rehearsals publish on their own days. */
  on(day: string | (() => string)): NoticesService {
    return new NoticesService(this.repo, this.calendar, this.directory, typeof day === 'string' ? () => day : day);
  }

  /** Publish a notice that starts today (another module's step, e.g. an acceptance result to be noticed). */
  async publishToday(actor: Actor, input: Omit<NoticeInput, 'startDate'>) {
    return this.create(actor, { ...input, startDate: this.today() });
  }

  async create(actor: Actor, input: NoticeInput) {
    if (!(await this.directory.all()).some((u) => u.id === input.unitId)) throw invalidField('unitId', '单位不存在', '发布单位不存在');
    if (!(await this.mayManage(actor, input.unitId))) throw forbidden('只能以本单位（或本乡镇所辖村）的名义发布公示');
    // The period runs from publication: a notice published today cannot have started on an earlier day.
    if (input.startDate < this.today()) {
      throw invalidField('startDate', '不能早于今天', `公示开始日期不能早于发布当天（${this.today()}），公示期自发布之日起计算`);
    }
    const end = (await this.calendar.calendar()).periodEnd(input.startDate, input.minLength, input.unit);
    const row = await this.repo.create(actor, {
      unit_id: input.unitId,
      subject: input.subject,
      content: input.content,
      basis: input.basis,
      start_date: input.startDate,
      min_length: input.minLength,
      unit: input.unit,
      earliest_end: end,
      status: 'open',
      outcome: null,
      closed_at: null,
      created_by: actor.userId!,
      created_at: installNow(),
    });
    return this.view(row);
  }

  async object(actor: Actor | null, id: number, o: { name: string; contact: string | null; text: string }) {
    const n = await this.repo.byId(id);
    if (!n) throw notFound(`公示 ${id} `);
    if (this.today() < n.start_date) throw invalidField('id', '公示尚未开始', `公示尚未开始（${n.start_date} 开始）`);
    // Without a login the actor is "the public": a name typed into a form never becomes an actor in the audit trail.
    const row = await this.repo.addObjection(actor ?? PUBLIC_ACTOR, {
      notice_id: id,
      name: o.name,
      contact: o.contact,
      text: o.text,
      received_at: installNow(),
      user_id: actor?.userId ?? null,
      spam_by: null,
      spam_at: null,
    });
    if (!row) throw conflict('该公示已结束，不再受理异议');
    return { id: row.id, receivedAt: row.received_at };
  }

  /** Whether the calendar can count periods that end on this date (its year's holidays are known). */
  async canCount(date: string): Promise<boolean> {
    return (await this.calendar.calendar()).covers(Number(date.slice(0, 4)));
  }

  /** The units the actor may publish for, with their names (the publishing form's choices). */
  async publishers(actor: Actor): Promise<{ id: number; name: string; kind: string }[]> {
    const ids = new Set(await this.managed(actor));
    return (await this.directory.all()).filter((u) => ids.has(u.id)).map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
  }

  /** The units the actor publishes for. */
  private async managed(actor: Actor): Promise<number[]> {
    const mine: number[] = [];
    for (const u of await this.directory.all()) if (await this.mayManage(actor, u.id)) mine.push(u.id);
    return mine;
  }

  /** What waits on the actor: open notices of units they manage whose minimum period has run (to be closed with an outcome). */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const mine = await this.managed(actor);
    if (!mine.length) return [];
    const { rows } = await this.repo.list({ unitIds: mine, status: 'open' }, 500, 0);
    const today = this.today();
    const due = rows.filter((n) => n.earliest_end <= today);
    const objected = rows.filter((n) => n.objections > 0);
    return [
      { module: '公示', title: '公示期已满，待填写结果并结束', count: due.length, deadline: due.map((n) => n.earliest_end).sort()[0] ?? null, link: '/notices' },
      { module: '公示', title: '公示中收到异议，待核查', count: objected.length, deadline: null, link: '/notices' },
    ];
  }

  /** Attachments of a notice are as public as the notice; only its unit may add them. */
  readonly filePolicy: FilePolicy = {
    canRead: async (_actor: Actor | null, entityId: string) => /^\d+$/.test(entityId) && !!(await this.repo.byId(Number(entityId))),
    canAttach: async (actor: Actor, entityId: string) => {
      const n = /^\d+$/.test(entityId) ? await this.repo.byId(Number(entityId)) : undefined;
      return !!n && n.status === 'open' && (await this.mayManage(actor, n.unit_id));
    },
  };

  async close(actor: Actor, id: number, outcome: string) {
    const n = await this.repo.byId(id);
    if (!n) throw notFound(`公示 ${id} `);
    if (!(await this.mayManage(actor, n.unit_id))) throw forbidden('该公示不属于您的单位或乡镇，无权结束');
    if (this.today() < n.earliest_end) {
      throw invalidField('id', '公示期未满', `公示期未满：最少 ${n.min_length} ${n.unit}，最早 ${n.earliest_end} 方可结束`);
    }
    if (!(await this.repo.close(actor, id, outcome, installNow()))) throw conflict('该公示已结束');
    return this.get(actor, id);
  }
}
