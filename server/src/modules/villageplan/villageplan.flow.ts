/**
 * 村庄规划编制's procedures (交政发〔2022〕3号 三、（三））: a village's class checked by the 县自然资源局, and a plan case
 * through the seven steps 组织编制 → 方案确认 → 技术论证 → 村级审议 → 公示公告 → 规划报批 → 备案, with the publication after
 * approval and changes sent back to the approving authority. The states' labels are written here once.
 */
import { TOWNSHIP } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { WorkCalendar } from '../../core/calendar.js';
import { invalidField } from '../../core/errors.js';
import { defineFlow } from '../../core/workflow.js';
import { REVIEWER } from './villageplan.access.js';
import type { CaseRow, ClassificationRow, VillageplanRepository } from './villageplan.repository.js';
import { APPROVAL_ATTACHMENTS, CHANGE_CONFIRM, MEETINGS, NOTICE_DAYS, OUTPUT_PARTS, SOURCE, deadlines, evaluationDue, noticeHasRun } from './villageplan.rules.js';

/** A classification's states. */
export const CLASSIFICATION_STATES = {
  submitted: { label: '待县自然资源局审核' },
  checked: { label: '已审核' },
  returned: { label: '已退回' },
} as const;

/** The bureau checks a township's classification, or returns it with the reason. */
export const CLASSIFICATION_FLOW = defineFlow({
  entity: 'villageplan_classification',
  noun: '村庄分类',
  states: CLASSIFICATION_STATES,
  relations: (c: ClassificationRow) => ({ townshipId: c.township_id, villageId: c.village_id }),
  path: (c: ClassificationRow, step) => `/api/villageplan/classifications/${c.id}/${step}`,
  steps: {
    check: {
      label: '审核通过', from: ['submitted'], to: 'checked', who: REVIEWER,
      fields: [{ name: 'note', label: '审核意见', kind: 'textarea', required: false }],
      patch: (_c: ClassificationRow, i: { note?: string | null }) => ({ check_note: i.note?.trim() || null }),
      note: (i: { note?: string | null }) => i.note?.trim() || null,
    },
    return: {
      label: '退回修改', from: ['submitted'], to: 'returned', who: REVIEWER, danger: true,
      fields: [{ name: 'note', label: '退回理由', kind: 'textarea', required: true }],
      check: (_c: ClassificationRow, i: { note?: string | null }) => {
        if (!i.note?.trim()) throw invalidField('note', '请填写退回理由');
      },
      patch: (_c: ClassificationRow, i: { note?: string | null }) => ({ check_note: i.note!.trim() }),
      note: (i: { note?: string | null }) => i.note?.trim() || null,
    },
  },
});

/** A plan case's states, in the order of the procedure. */
export const CASE_STATES = {
  organizing: { label: '组织编制' },
  confirmed: { label: '方案已确认' },
  reviewed: { label: '技术论证通过' },
  voted: { label: '村级审议通过' },
  noticed: { label: '村内公示中' },
  submitted: { label: '报批中' },
  approved: { label: '已批准，待公开' },
  published: { label: '已公开，待备案' },
  filed: { label: '已备案' },
} as const;
export type CaseStatus = keyof typeof CASE_STATES;
export const CASE_STATUSES = Object.keys(CASE_STATES) as [CaseStatus, ...CaseStatus[]];

/** The fields any step may carry (each step checks its own). */
export interface StepInput {
  note?: string | null;
  meeting?: string | null;
  meetingOn?: string | null;
  objectionsReply?: string | null;
  approvalNo?: string | null;
  approvedOn?: string | null;
  publishedOn?: string | null;
  villageRules?: string | null;
  submittedOn?: string | null;
}

/** What the case procedure reads beyond the case. */
export interface CaseFlowDeps {
  repo: VillageplanRepository;
  calendar: () => Promise<WorkCalendar>;
  /** The case's villages: ids and names, the lead first. */
  villages: (c: CaseRow) => Promise<{ id: number; name: string }[]>;
  /** Publish a village notice on the module's clock. */
  publish: (actor: Actor, n: { unitId: number; subject: string; content: string; basis: string; minLength: number; unit: '日' }) => Promise<{ id: number; earliestEnd: string }>;
  /** Objections received on the notices. */
  objections: (noticeIds: number[]) => Promise<number>;
  today: () => string;
}

const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');
const required = (field: string, v: string | null | undefined, message: string) => {
  if (!text(v)) throw invalidField(field, message);
  return text(v);
};
const dateOf = (field: string, v: string | null | undefined, label: string, today: string) => {
  const d = required(field, v, `请填写${label}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) throw invalidField(field, `${label}应为有效日期（YYYY-MM-DD）`);
  if (d > today) throw invalidField(field, `${label}不能晚于今天（${today}）`);
  return d;
};
const noticeIds = (c: CaseRow): number[] => (c.notice_ids ? (JSON.parse(c.notice_ids) as number[]) : []);
/** Papers kept with a case (files entity villageplan_paper, key `<id>.<code>`). */
export const PAPER_LABELS: Record<string, string> = Object.fromEntries([...APPROVAL_ATTACHMENTS, ...OUTPUT_PARTS].map((a) => [a.code, a.label]));
const paper = (c: CaseRow, code: string) => ({ entity: 'villageplan_paper', entityId: `${c.id}.${code}`, label: PAPER_LABELS[code] });

/** The plan procedure, bound to what it reads. */
export const caseFlow = (d: CaseFlowDeps) =>
  defineFlow({
    entity: 'villageplan_case',
    noun: '村庄规划',
    states: CASE_STATES,
    relations: (c: CaseRow) => ({ townshipId: c.township_id }),
    path: (c: CaseRow, step) => `/api/villageplan/cases/${c.id}/${step}`,
    steps: {
      confirm: {
        label: '方案确认', from: ['organizing'], to: 'confirmed', who: [TOWNSHIP],
        fields: [{ name: 'note', label: '方案确认意见（比选方案、村民意见）', kind: 'textarea', required: true }],
        check: (_c: CaseRow, i: StepInput) => void required('note', i.note, '请填写方案确认意见'),
        patch: (_c: CaseRow, i: StepInput) => ({ scheme_note: text(i.note) }),
        note: (i: StepInput) => text(i.note),
      },
      review: {
        label: '技术论证', from: ['confirmed'], to: 'reviewed', who: [TOWNSHIP],
        fields: [{ name: 'note', label: '技术论证意见', kind: 'textarea', required: true }],
        check: (_c: CaseRow, i: StepInput) => void required('note', i.note, '请填写技术论证意见'),
        patch: (_c: CaseRow, i: StepInput) => ({ review_note: text(i.note) }),
        note: (i: StepInput) => text(i.note),
      },
      vote: {
        label: '村级审议', from: ['reviewed'], to: 'voted', who: [TOWNSHIP],
        fields: [
          { name: 'meeting', label: '审议会议', kind: 'select', required: true, options: MEETINGS.map((m) => ({ value: m.code, label: m.label })) },
          { name: 'meetingOn', label: '会议日期', kind: 'date', required: true },
        ],
        files: (c: CaseRow) => [paper(c, 'resolution')],
        check: (_c: CaseRow, i: StepInput) => {
          if (!MEETINGS.some((m) => m.code === i.meeting)) throw invalidField('meeting', `审议会议应为${MEETINGS.map((m) => m.label).join('或')}`);
          dateOf('meetingOn', i.meetingOn, '会议日期', d.today());
        },
        patch: (_c: CaseRow, i: StepInput) => ({ meeting: i.meeting, meeting_on: text(i.meetingOn) }),
        note: (i: StepInput) => `${MEETINGS.find((m) => m.code === i.meeting)?.label ?? ''}审议通过（${text(i.meetingOn)}）`,
      },
      publish: {
        label: '村内公示', from: ['voted'], to: 'noticed', who: [TOWNSHIP],
        confirm: `规划将在各村村内公示 ${NOTICE_DAYS} 日，期满后方可报批。确认发布？`,
        notice: async (c: CaseRow) => {
          const [lead] = await d.villages(c);
          return { unitId: lead.id, subject: `${c.name}公示`, content: `${c.name}已经村级审议，现在村内公示，公示期间可提出意见。`, basis: SOURCE, minLength: NOTICE_DAYS, unit: '日' as const };
        },
        // Each village of a joint plan posts it 「在村内」: the lead village's notice is the kit's, the others' are posted here.
        effect: async (c: CaseRow, _i: StepInput, actor: Actor, tools: { notice: { id: number; earliestEnd: string } | null }) => {
          const [, ...others] = await d.villages(c);
          const posted = [tools.notice!];
          for (const v of others) posted.push(await d.publish(actor, { unitId: v.id, subject: `${c.name}公示（${v.name}）`, content: `${c.name}已经村级审议，现在村内公示，公示期间可提出意见。`, basis: SOURCE, minLength: NOTICE_DAYS, unit: '日' }));
          await d.repo.setNotices(c.id, posted.map((n) => n.id), posted.map((n) => n.earliestEnd).sort().at(-1)!);
        },
      },
      request: {
        label: '规划报批', from: ['noticed'], to: 'submitted', who: [TOWNSHIP],
        fields: [{ name: 'objectionsReply', label: '公示异议处理情况（无异议可不填）', kind: 'textarea', required: false }],
        files: (c: CaseRow) => APPROVAL_ATTACHMENTS.map((a) => paper(c, a.code)),
        guard: (c: CaseRow) => (noticeHasRun(c.notice_last_day ?? '9999-12-31', d.today()) ? null : `村内公示期至 ${c.notice_last_day}（${NOTICE_DAYS} 日），期满后方可报批`),
        check: async (c: CaseRow, i: StepInput) => {
          const n = await d.objections(noticeIds(c));
          if (n > 0 && !text(i.objectionsReply)) throw invalidField('objectionsReply', `公示期间收到 ${n} 条意见，请填写处理情况`);
        },
        patch: (_c: CaseRow, i: StepInput) => ({ objections_reply: text(i.objectionsReply) || null }),
        note: (i: StepInput) => text(i.objectionsReply) || null,
      },
      return: {
        label: '退回修改', from: ['submitted'], to: 'reviewed', who: REVIEWER, danger: true,
        fields: [{ name: 'note', label: '退回理由（修改后重新村级审议、公示）', kind: 'textarea', required: true }],
        check: (_c: CaseRow, i: StepInput) => void required('note', i.note, '请填写退回理由'),
        patch: () => ({ notice_ids: null, notice_last_day: null }),
        note: (i: StepInput) => text(i.note),
      },
      approve: {
        label: '批准', from: ['submitted'], to: 'approved', who: REVIEWER,
        fields: [
          { name: 'approvalNo', label: '批复文号', kind: 'text', required: true },
          { name: 'approvedOn', label: '批准日期', kind: 'date', required: true },
        ],
        check: (_c: CaseRow, i: StepInput) => {
          required('approvalNo', i.approvalNo, '请填写批复文号');
          dateOf('approvedOn', i.approvedOn, '批准日期', d.today());
        },
        // The two working-day deadlines and the 5-year evaluation run from the approval date.
        patch: async (_c: CaseRow, i: StepInput) => {
          const on = text(i.approvedOn);
          const due = deadlines(await d.calendar(), on);
          return { approval_no: text(i.approvalNo), approved_on: on, publish_due: due.publish, submit_due: due.submit, evaluation_due: evaluationDue(on), published_on: null, submitted_on: null };
        },
        note: (i: StepInput) => `${text(i.approvalNo)}（${text(i.approvedOn)}）`,
      },
      publishResult: {
        label: '成果公开（上墙、上网）', from: ['approved'], to: 'published', who: [TOWNSHIP],
        fields: [
          { name: 'publishedOn', label: '公开日期', kind: 'date', required: true },
          { name: 'villageRules', label: '规划主要内容纳入村规民约情况', kind: 'textarea', required: true },
        ],
        files: (c: CaseRow) => OUTPUT_PARTS.map((p) => paper(c, p.code)),
        check: (c: CaseRow, i: StepInput) => {
          const on = dateOf('publishedOn', i.publishedOn, '公开日期', d.today());
          if (c.approved_on && on < c.approved_on) throw invalidField('publishedOn', `公开日期不能早于批准日期（${c.approved_on}）`);
          required('villageRules', i.villageRules, '请填写规划主要内容纳入村规民约的情况');
        },
        patch: (_c: CaseRow, i: StepInput) => ({ published_on: text(i.publishedOn), village_rules_note: text(i.villageRules) }),
        note: (i: StepInput) => `${text(i.publishedOn)} 上墙、上网公开`,
      },
      file: {
        label: '备案（汇交省自然资源厅）', from: ['published'], to: 'filed', who: REVIEWER,
        fields: [{ name: 'submittedOn', label: '汇交日期', kind: 'date', required: true }],
        check: (c: CaseRow, i: StepInput) => {
          const on = dateOf('submittedOn', i.submittedOn, '汇交日期', d.today());
          if (c.approved_on && on < c.approved_on) throw invalidField('submittedOn', `汇交日期不能早于批准日期（${c.approved_on}）`);
        },
        patch: (_c: CaseRow, i: StepInput) => ({ submitted_on: text(i.submittedOn) }),
        note: (i: StepInput) => `${text(i.submittedOn)} 汇交省自然资源厅，叠加到“一张图”`,
      },
      change: {
        label: '修改规划（报原审批机关）', from: ['approved', 'published', 'filed'], to: 'submitted', who: [TOWNSHIP], danger: true, confirm: CHANGE_CONFIRM,
        fields: [{ name: 'note', label: '修改理由', kind: 'textarea', required: true }],
        check: (_c: CaseRow, i: StepInput) => void required('note', i.note, '请填写修改理由'),
        patch: (c: CaseRow, i: StepInput) => ({ revision: c.revision + 1, change_reason: text(i.note), publish_due: null, submit_due: null }),
        note: (i: StepInput) => text(i.note),
      },
    },
  });

export type CaseFlowDecl = ReturnType<typeof caseFlow>;
