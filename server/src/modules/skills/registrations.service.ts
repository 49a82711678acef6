/** 职业技能大赛 registrations (交政办发〔2022〕15号 六、九、): the form, the checks, the documents, the video. */
import { createHash } from 'node:crypto';
import { Batcher } from '../../core/batcher.js';
import { isUniqueViolation, type UnitOfWork } from '../../core/db.js';
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import { maskName, maskResidentId } from '../../core/identifiers.js';
import type { FilePolicy } from '../../core/module.js';
import type { Flow } from '../../core/workflow.js';
import type { DirectoryService } from '../directory/index.js';
import { isOffice, managingKeysOf } from './skills.access.js';
import type { registrationFlow } from './skills.flow.js';
import type { EventRow, RegistrationFilter, RegistrationRow, SkillsRepository } from './skills.repository.js';
import {
  EXCLUSIONS,
  IDENTITY_TYPES,
  LICENCE_PREREQ,
  MIN_AGE,
  SOURCE,
  TIMELINE,
  VIDEO_MAX_SECONDS,
  ageOn,
  excludedBy,
  missingDocuments,
  pairProblem,
  socialSecurityMatches,
  type DocumentKind,
  type ExclusionCode,
  type IdentityType,
} from './skills.rules.js';
import { REGISTRATION_STATES } from './skills.states.js';
import { checkMp4, saveVideo, videoPath } from './skills.video.js';

type RegFlow = Flow<RegistrationRow, RegistrationRow['status'], ReturnType<typeof registrationFlow>['steps']>;

export interface RegisterInput {
  eventId: number;
  name: string;
  idNo: string;
  phone: string;
  identity: IdentityType;
  unitId: number;
  ssPayer?: string | null;
  licence?: string | null;
  coach?: string | null;
  partner?: { name: string; idNo: string; phone: string; identity: IdentityType; unitId: number } | null;
  declaration: Record<ExclusionCode, boolean>;
}

type Made = RegistrationRow | { taken: string } | { closed: string };
interface Pending {
  actor: Actor;
  event: EventRow;
  row: Omit<RegistrationRow, 'id'>;
  people: string[];
}

/** Why an event takes no registrations now (run by the city, or its recommendation made), or null. */
const closedProblem = (e: Pick<EventRow, 'name' | 'mode' | 'stage'>): string | null =>
  e.mode === 'city' ? `「${e.name}」由市级直接组织，县级不开展该项目参赛选手征集（${SOURCE} 四、）` : e.stage !== 'open' ? `「${e.name}」已确定推荐人选，不再接受报名` : null;

export class RegistrationsService {
  /**
   * Registrations are written in group commits: the closing day brings hundreds at once, and on SQLite each commit
   * is an fsync. A batch checks each form's people against those on file and earlier in the batch, so one repeat
   * answers 409 alone; a batch that still meets a unique key (another process) is written again one by one. Each
   * batch reads the events' mode and stage again in its own transaction, so a form checked against this process's copy
   * of an event is not written once another process has closed it.
   */
  private readonly writes = new Batcher<Pending, Made>((items) => this.writeBatch(items), 200);

  constructor(
    private readonly repo: SkillsRepository,
    private readonly directory: DirectoryService,
    private readonly access: Access,
    readonly flow: RegFlow,
    private readonly docsOnFile: (r: RegistrationRow) => Promise<DocumentKind[]>,
    private readonly today: () => string,
    private readonly now: () => string,
    private readonly uow: UnitOfWork,
    /** Where contest videos are kept (the data directory's skills/videos). */
    private readonly videoDir: string,
  ) {}

  private async writeOne(p: Pending, seen: Set<string>, events: Map<number, Pick<EventRow, 'mode' | 'stage'>>): Promise<Made> {
    const closed = closedProblem({ ...p.event, ...events.get(p.event.id) });
    if (closed) return { closed };
    const taken = p.people.find((x) => seen.has(x)) ?? (await this.repo.takenAmong(p.people));
    if (taken) return { taken };
    const made = await this.repo.register(p.actor, p.row, p.people);
    if ('taken' in made) return made;
    p.people.forEach((x) => seen.add(x));
    await this.flow.created(p.actor, made);
    return made;
  }

  private async writeBatch(items: Pending[]): Promise<Made[]> {
    try {
      return await this.uow(async () => {
        const seen = new Set<string>();
        const events = await this.repo.eventStates();
        const out: Made[] = [];
        for (const p of items) out.push(await this.writeOne(p, seen, events));
        return out;
      });
    } catch (e) {
      if (!isUniqueViolation(e) || items.length === 1) throw e;
      const out: Made[] = [];
      for (const p of items) out.push(await this.uow(async () => this.writeOne(p, new Set(), await this.repo.eventStates())));
      return out;
    }
  }

  /** What the actor reads: the office all; a contestant their own; a unit its registrations; a managing unit its events'. */
  async filterOf(actor: Actor): Promise<RegistrationFilter> {
    if (await isOffice(this.access, actor)) return { all: true };
    if (actor.role === 'resident') return { userId: actor.userId ?? -1 };
    const keys = await managingKeysOf(this.access, actor);
    const eventIds = keys.length ? (await this.repo.events()).filter((e) => e.managing.split(',').some((k) => (keys as string[]).includes(k))).map((e) => e.id) : [];
    return { unitIds: actor.unitId ? [actor.unitId] : [], eventIds };
  }

  /** The registration when the actor may see it. */
  async load(actor: Actor, id: number): Promise<RegistrationRow | null> {
    const r = await this.repo.registration(id);
    if (!r) return null;
    const f = await this.filterOf(actor);
    const ok = f.all || (f.userId !== undefined && r.user_id === f.userId) || f.unitIds?.includes(r.unit_id) || f.eventIds?.includes(r.event_id);
    return ok ? r : null;
  }

  /** The units a contestant may register through (the county's departments; the directory is staff-only). */
  async units(): Promise<{ id: number; name: string }[]> {
    return (await this.directory.all()).filter((u) => u.kind === 'department').map((u) => ({ id: u.id, name: u.name }));
  }

  /** Register a contestant (on a phone for oneself, or by the unit). Nothing is written when a check fails. */
  async register(actor: Actor, input: RegisterInput): Promise<RegistrationRow> {
    return (await this.enter(actor, input)).made;
  }

  /** Register, and answer with the registration as its registrant sees it (the form's event already read, not read again). */
  async registerAndView(actor: Actor, input: RegisterInput) {
    const { made, event } = await this.enter(actor, input);
    return this.viewMade(actor, made, event);
  }

  private async enter(actor: Actor, input: RegisterInput): Promise<{ made: RegistrationRow; event: EventRow }> {
    const today = this.today();
    if (today > TIMELINE.registrationCloses) throw conflict(`参赛报名工作已于 7月15日截止（${SOURCE} 七、）`);
    let event = await this.repo.knownEvent(input.eventId);
    // This process's copy may be behind another's change of mode or stage: a form is refused on a fresh read only.
    if (!event || closedProblem(event)) event = await this.repo.event(input.eventId);
    if (!event) throw invalidField('eventId', '请选择参赛项目');
    const closed = closedProblem(event);
    if (closed) throw conflict(closed);
    if (actor.role === 'department_official' || actor.role === 'township_official' || actor.role === 'village_committee') {
      if (actor.unitId !== input.unitId) throw forbidden('单位只能为本单位选手报名');
    } else if (actor.role !== 'resident' && actor.role !== 'county_admin') throw forbidden('无权报名');
    const unit = await this.directory.get(input.unitId).catch(() => null);
    if (!unit) throw invalidField('unitId', '请选择报名单位');
    this.checkPerson('idNo', input.idNo, today);
    const excluded = excludedBy(input.declaration);
    if (excluded) throw invalidField('declaration', excluded);
    for (const x of EXCLUSIONS) if (input.declaration[x.code] === undefined) throw invalidField('declaration', `请逐项声明：${x.label}`);
    if (input.identity === 'worker') {
      if (!input.ssPayer?.trim()) throw invalidField('ssPayer', '请填写社保缴纳单位', '职工、教师报名须填写社保缴纳单位（应与报名所在单位一致）');
      if (!socialSecurityMatches(input.ssPayer, unit.name)) throw invalidField('ssPayer', '社保缴纳单位与报名单位不一致', `社保缴纳单位名称应与报名所在单位「${unit.name}」一致（${SOURCE} 九、（三））`);
    }
    const prereq = LICENCE_PREREQ[event.name];
    if (prereq && !(prereq.accepted as readonly string[]).includes(input.licence ?? '')) throw invalidField('licence', `须持${prereq.label}`, `「${event.name}」须持${prereq.label}（${SOURCE} 三、）`);
    const people = [input.idNo];
    if (event.pair) {
      const p = input.partner;
      if (!p) throw invalidField('partner', '双人赛项须填写另一名选手', `「${event.name}」为双人赛项，请填写另一名选手`);
      if (p.idNo === input.idNo) throw invalidField('partner', '两名选手不能是同一人');
      this.checkPerson('partner', p.idNo, today);
      const problem = pairProblem({ unitId: input.unitId, identity: input.identity }, { unitId: p.unitId, identity: p.identity });
      if (problem) throw invalidField('partner', problem, `${problem}（${SOURCE} 六、）`);
      people.push(p.idNo);
    } else if (input.partner) throw invalidField('partner', '单人赛项不填写另一名选手');
    const made = (await this.writes.submit({ actor, event, people, row: {
      event_id: event.id,
      name: input.name,
      id_no: input.idNo,
      phone: input.phone,
      identity: input.identity,
      unit_id: unit.id,
      unit_name: unit.name,
      ss_payer: input.ssPayer?.trim() || null,
      licence: input.licence ?? null,
      partner_name: event.pair ? input.partner!.name : null,
      partner_id_no: event.pair ? input.partner!.idNo : null,
      partner_phone: event.pair ? input.partner!.phone : null,
      coach: input.coach?.trim() || null,
      declaration: JSON.stringify(input.declaration),
      user_id: actor.role === 'resident' ? actor.userId : null,
      status: 'registered',
      score: null,
      video_seconds: null,
      video_sha256: null,
      video_at: null,
      final_rank: null,
      created_by: actor.name,
      created_at: this.now(),
    } }))!;
    if ('closed' in made) throw conflict(made.closed);
    if ('taken' in made) {
      const where = await this.repo.eventOfPerson(made.taken);
      throw conflict(`身份证号 ${maskResidentId(made.taken)} 已报名「${where ?? '其他项目'}」，同一选手只能报名一个项目`, [{ field: made.taken === input.idNo ? 'idNo' : 'partner', message: '已报名其他项目' }]);
    }
    return { made, event };
  }

  private checkPerson(field: string, idNo: string, today: string) {
    const age = ageOn(idNo, today);
    if (age < MIN_AGE) throw invalidField(field, `未满 ${MIN_AGE} 周岁`, `报名之日（${today}）未满 ${MIN_AGE} 周岁（按身份证号计 ${age} 岁），不能报名（${SOURCE} 六、）`);
  }

  /** A contest video (「5分钟的参赛视频资料于 7 月 10 日前」), checked by its bytes. */
  async submitVideo(actor: Actor, id: number, body: unknown): Promise<RegistrationRow> {
    const r = await this.load(actor, id);
    if (!r) throw notFound('报名');
    if (r.user_id !== actor.userId && !(actor.unitId && r.unit_id === actor.unitId)) throw forbidden('参赛视频由选手本人或报名单位报送');
    const event = (await this.repo.event(r.event_id))!;
    if (event.mode !== 'video') throw conflict(`「${event.name}」由主管单位组织初赛，不以视频选拔`);
    if (this.today() > TIMELINE.videoDeadline) throw conflict(`参赛视频须于 7 月 10 日前报送主管单位（${SOURCE} 四、）`);
    if (!Buffer.isBuffer(body)) throw invalidField('file', '请上传视频文件');
    const v = checkMp4(body);
    if (!v.ok) throw invalidField('file', v.reason);
    if (v.seconds > VIDEO_MAX_SECONDS) throw invalidField('file', '视频超过 5 分钟', `参赛视频时长 ${Math.floor(v.seconds / 60)} 分 ${v.seconds % 60} 秒，超过 5 分钟（${SOURCE} 四、）`);
    const sha = createHash('sha256').update(body).digest('hex');
    // The bytes first: a recorded video is always one the reviewers can watch.
    await saveVideo(this.videoDir, sha, body);
    if (!(await this.repo.recordVideo(actor, id, v.seconds, sha, this.now()))) throw conflict('该报名已完成选拔，不能再报送视频');
    return (await this.repo.registration(id))!;
  }

  /** A registration's video file, for whoever may read the registration (reviewers see a number, not a name). */
  async videoFile(actor: Actor, id: number): Promise<{ path: string; name: string }> {
    const r = await this.load(actor, id);
    if (!r) throw notFound('报名');
    if (!r.video_sha256) throw notFound('参赛视频');
    return { path: videoPath(this.videoDir, r.video_sha256), name: `参赛视频-${r.id}.mp4` };
  }

  /** The list as the actor sees it; a managing unit scoring a video event sees no names. */
  async list(actor: Actor, eventId?: number) {
    const f = await this.filterOf(actor);
    const rows = await this.repo.registrations({ ...f, eventId });
    const events = new Map((await this.repo.events()).map((e) => [e.id, e]));
    return Promise.all(rows.map((r) => this.view(actor, r, events.get(r.event_id)!, f)));
  }

  /** The answer to a registration just made, as its registrant sees it: no documents on file yet, guards not run. */
  private viewMade(actor: Actor, r: RegistrationRow, event: EventRow) {
    return this.view(actor, r, event, { userId: actor.userId ?? -1, unitIds: [r.unit_id] }, { onFile: [], guards: false });
  }

  /** One registration with its actions and timeline. */
  async detail(actor: Actor, id: number) {
    const r = await this.load(actor, id);
    if (!r) throw notFound('报名');
    const v = await this.view(actor, r, (await this.repo.event(r.event_id))!, await this.filterOf(actor));
    return { ...v, timeline: await this.flow.timeline(r.id) };
  }

  async view(actor: Actor, r: RegistrationRow, e: EventRow, f: RegistrationFilter, opts: { onFile?: DocumentKind[]; guards?: boolean } = {}) {
    const own = f.all || r.user_id === actor.userId || f.unitIds?.includes(r.unit_id);
    // 「the reviewers see no names while scoring」: a managing unit reads a video event's entries by number only.
    const anonymous = !own && e.mode === 'video' && e.stage === 'open';
    const missing = missingDocuments(r.identity as IdentityType, opts.onFile ?? (await this.docsOnFile(r)));
    return {
      id: r.id,
      eventId: r.event_id,
      eventCode: e.code,
      eventName: e.name,
      // The managing unit runs the preliminary by name; the ID and phone stay the unit's and the office's.
      name: anonymous ? `选手 ${r.id}` : own || f.eventIds?.includes(r.event_id) ? r.name : maskName(r.name),
      idNo: own ? r.id_no : maskResidentId(r.id_no),
      phone: own ? r.phone : '',
      identity: r.identity,
      identityName: IDENTITY_TYPES.find((t) => t.code === r.identity)?.name ?? r.identity,
      unitId: r.unit_id,
      unitName: anonymous ? '' : r.unit_name,
      partnerName: r.partner_name ? (anonymous ? '（双人）' : r.partner_name) : null,
      coach: anonymous ? null : r.coach,
      licence: r.licence,
      status: r.status,
      statusLabel: REGISTRATION_STATES[r.status].label,
      score: r.score,
      videoSeconds: r.video_seconds,
      finalRank: r.final_rank,
      missing,
      mayAttach: this.mayAttach(actor, r),
      createdAt: r.created_at,
      actions: await this.flow.actions(actor, r, { guards: opts.guards }),
    };
  }

  /**
   * Documents: 「以上证明材料均需加盖单位公章」, so the papers are the unit's stamped ones; while the registration awaits its
   * unit's confirmation, the unit attaches them, or the contestant who registered on a phone photographs the stamped
   * papers in hand — the unit checks them when it confirms (盖章), and nothing is attached after.
   */
  private mayAttach(actor: Actor, r: RegistrationRow): boolean {
    if (r.status !== 'registered') return false;
    return (actor.unitId !== null && r.unit_id === actor.unitId) || (r.user_id !== null && r.user_id === actor.userId);
  }

  readonly documentPolicy: FilePolicy = {
    canRead: async (actor, entityId) => !!actor && !!(await this.load(actor, Number(entityId.split('.')[0]))),
    canAttach: async (actor, entityId) => {
      const r = await this.load(actor, Number(entityId.split('.')[0]));
      return !!r && this.mayAttach(actor, r);
    },
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    maxBytes: 10 * 1024 * 1024,
  };
}
