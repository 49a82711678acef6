/**
 * 督查督办: the task procedure, declared once. The office confirms a proposal (交办); the units holding the task sign
 * for it (签收, within SIGN_WITHIN_WORKDAYS working days: the assigned state's deadline), report progress (the lead
 * unit also its 汇总) and ask for more time, one request pending at a time; the office approves or refuses that, and
 * accepts the task (办结销号) or returns it.
 */
import { UNIT, body, role, type Party } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { isUniqueViolation } from '../../core/db.js';
import { conflict, forbidden, invalidField } from '../../core/errors.js';
import { defineFlow, type StepAction, type StepDecl, type StepField } from '../../core/workflow.js';
import type { CalendarService } from '../calendar/index.js';
import type { ExtensionRow, SupervisionRepository, TaskRow, TaskUnitRow } from './supervision.repository.js';
import { SIGN_WITHIN_WORKDAYS } from './supervision.rules.js';
import { STATES, type TaskState } from './supervision.states.js';
import { nextStep, stepsOf } from './supervision.views.js';

/** The bodies the module acts through, by directory code. */
export const BODIES = { office: { code: 'JC-XZFB', name: '县人民政府办公室' } } as const;

/** The county office: its officials (县人民政府办公室 by code) and the county administrator who runs 督办 for it. */
export const OFFICE: readonly Party[] = [body('office'), role('county_admin')];

/** A task as the procedure reads it: its row, the units holding it, its pending extension and the reports on file. */
export interface TaskRec {
  id: number;
  status: TaskState;
  row: TaskRow;
  units: TaskUnitRow[];
  pending: ExtensionRow | null;
  reported: readonly string[];
}

const REVIEWED = '该任务刚刚已被复核（办结或退回），请刷新后查看';
const HOLDS = '该任务不由本单位承办';
const open = (r: TaskRec) => (r.status === 'done' ? '任务已办结' : '任务尚未交办');
const mine = (r: TaskRec, actor: Actor) => r.units.find((u) => u.unit_id === actor.unitId);
/** The office reviews a task only once every lead unit has signed for it. */
const leadsSigned = (r: TaskRec) => r.units.every((u) => u.role !== 'lead' || !!u.signed_at);
const UNSIGNED = '牵头单位尚未签收，不能复核';

/** The office's correction of a proposal (核定): units, deadline (and who set it), schedule. */
export interface Correction {
  deadline: string | null;
  deadline_by: 'office' | null;
  recurrence: string | null;
  units: { unitId: number; role: 'lead' | 'support' }[];
}

/** What a proposal still lacks before it can be assigned, naming the field. */
function proposalGap(r: TaskRec): { field: string; message: string; summary: string } | null {
  if (!r.units.some((u) => u.role === 'lead')) return { field: 'lead', message: '缺少牵头单位', summary: '请先确定牵头单位（原文单位未能在组织机构目录中找到的，请在修改中选择）' };
  if (!r.row.deadline && !r.row.recurrence) return { field: 'deadline', message: '缺少时限', summary: '原文未写完成时限：请先核定时限或周期' };
  return null;
}

export interface ReportInput {
  text: string;
  percent: number;
  values: (number | null)[];
  /** A dated step this report says is met (the lead unit's word). */
  step?: string | null;
}

const milestonesOf = (r: TaskRec) => JSON.parse(r.row.milestones) as { date: string; text: string }[];
const metOf = (r: TaskRec) => JSON.parse(r.row.steps_met) as string[];
/** The steps still open on a task, chased or not (stepsOf). */
const openSteps = (r: TaskRec) => stepsOf(milestonesOf(r), r.row.deadline, metOf(r), r.row.assigned_on).filter((m) => m.open);

const REPORT_FIELDS: StepField[] = [
  { name: 'text', label: '办理情况', kind: 'textarea', required: true },
  { name: 'percent', label: '完成进度（%）', kind: 'number', required: true, placeholder: '0–100' },
];
const NOTE: StepField[] = [{ name: 'note', label: '复核意见', kind: 'textarea', required: true }];

type Step = StepDecl<TaskRec, TaskState, any>;

/** The procedure over the module's repository (its guards and extra writes) on the module's clock. */
export function taskFlow(repo: SupervisionRepository, calendar: CalendarService, clock: { now: () => string; today: () => string }) {
  const unitStep = { from: ['assigned'], to: 'assigned', who: [UNIT], refuse: HOLDS, wrongState: open, lost: '任务已办结' } as const;
  const report = (kind: 'progress' | 'consolidated', label: string): Step => ({
    ...unitStep,
    label,
    check: (r: TaskRec, i: ReportInput, actor: Actor) => {
      // 「牵头单位汇总」: the lead unit reports for the task as a whole, from the supporting units' reports.
      if (kind === 'consolidated' && mine(r, actor)?.role !== 'lead') throw forbidden('汇总报送由牵头单位办理');
      const n = (JSON.parse(r.row.targets) as unknown[]).length;
      if (i.values.length > n) throw invalidField('values', '指标数量不符', `该任务只有 ${n} 项指标`);
      // A step is the lead unit's to declare met: it answers for the task (「牵头单位」), a supporting unit for its part.
      if (i.step) {
        if (mine(r, actor)?.role !== 'lead') throw forbidden('节点完成情况由牵头单位报送');
        if (!openSteps(r).some((m) => m.date === i.step)) throw invalidField('step', '节点不存在或已完成', `该任务没有 ${i.step} 未完成的节点`);
      }
    },
    guard: (r: TaskRec, _i: unknown, actor: Actor) => (mine(r, actor)?.signed_at ? null : '请先签收任务再报送进展'),
    patch: (_r: TaskRec, i: ReportInput) => ({ last_percent: i.percent, last_values: JSON.stringify(i.values), last_report_at: clock.now() }),
    effect: async (r: TaskRec, i: ReportInput, actor: Actor) => {
      await repo.insertReport({ task_id: r.id, unit_id: actor.unitId, kind, text: i.text, percent: i.percent, target_values: JSON.stringify(i.values), by_name: actor.name, at: clock.now() });
      if (!i.step) return;
      // The steps met as loaded, or nothing: a step reported meanwhile by another of the unit's staff wins.
      const met = [...metOf(r), i.step];
      const due = nextStep(milestonesOf(r), r.row.deadline, met, r.row.assigned_on ?? clock.today());
      if (!(await repo.markStep(r.id, r.row.steps_met, JSON.stringify(met), due))) throw conflict('节点完成情况刚刚已有更新，请刷新后再报送');
    },
    note: (i: ReportInput) => `${i.percent}%　${i.text}${i.step ? `（${i.step} 节点已完成）` : ''}`,
    fields: REPORT_FIELDS,
  });
  const office = { from: ['assigned'], who: OFFICE, wrongState: open, lost: REVIEWED } as const;
  const decide = (approve: boolean): Step => ({
    from: ['assigned'],
    to: 'assigned',
    who: OFFICE,
    label: approve ? '批准延期' : '不批准延期',
    danger: !approve,
    // After 办结 the deadline stays as it was: the task's 考评 is that of its finish.
    wrongState: () => '任务已办结，延期申请不再审批',
    lost: '任务已办结，延期申请不再审批',
    guard: async (r: TaskRec, i: { extensionId: number } | undefined) => {
      const e = i ? await repo.extension(i.extensionId) : r.pending;
      return e && e.task_id === r.id && e.status === 'pending' ? null : '该延期申请不存在或已审批';
    },
    // The task's row is held by the step's own update first, so a decision and 办结 take their locks in one order.
    effect: async (r: TaskRec, i: { extensionId: number }, actor: Actor) => {
      const e = await repo.decideExtension(i.extensionId, approve ? 'approved' : 'refused', actor.name, clock.now());
      if (!e) throw conflict('该延期申请不存在或已审批');
      if (approve && !(await repo.extendTo(r.id, e.to_date))) throw conflict('批准后的时限不晚于任务现时限（已有更晚的延期获批），不能批准');
    },
    note: () => (approve ? '同意延期' : '不同意延期'),
  });

  const steps = {
    // 核定: the office corrects a proposal; a step of its own so the step log holds it beside 交办.
    correct: {
      label: '核定',
      from: ['proposed'],
      to: 'proposed',
      who: OFFICE,
      wrongState: () => '任务已交办，不能再修改；如需调整时限请由责任单位申请延期',
      lost: '任务已交办，不能再修改；如需调整时限请由责任单位申请延期',
      patch: (_r: TaskRec, i: Correction) => ({ deadline: i.deadline, deadline_by: i.deadline_by, recurrence: i.recurrence }),
      effect: async (r: TaskRec, i: Correction) => {
        await repo.replaceUnits(r.id, i.units);
      },
      note: (i: Correction) => [i.deadline ? `时限 ${i.deadline}${i.deadline_by === 'office' ? '（县政府办公室核定）' : ''}` : i.recurrence ? `周期 ${i.recurrence}` : '未定时限', `牵头 ${i.units.filter((u) => u.role === 'lead').length} 个单位`, `配合 ${i.units.filter((u) => u.role === 'support').length} 个单位`].join('；'),
    },
    confirm: {
      label: '确认交办',
      from: ['proposed'],
      to: 'assigned',
      who: OFFICE,
      wrongState: () => '该任务已交办',
      lost: '该任务已交办',
      check: (r: TaskRec) => {
        const gap = proposalGap(r);
        if (gap) throw invalidField(gap.field, gap.message, gap.summary);
      },
      guard: (r: TaskRec) => proposalGap(r)?.summary ?? null,
      // The units must sign within SIGN_WITHIN_WORKDAYS working days (the state's deadline, in the step log too).
      // From 交办 the task is chased by its next dated step too (its own 临期/逾期, 催办 and 考评).
      patch: async (r: TaskRec, _i: unknown, actor: Actor) => {
        const today = clock.today();
        const stepDue = nextStep(milestonesOf(r), r.row.deadline, metOf(r), today);
        return { assigned_on: today, sign_due: (await calendar.calendar()).addWorkdays(today, SIGN_WITHIN_WORKDAYS), confirmed_by: actor.name, step_due: stepDue };
      },
    },
    sign: {
      ...unitStep,
      label: '签收',
      guard: (r: TaskRec, _i: unknown, actor: Actor) => (mine(r, actor)?.signed_at ? '本单位已签收' : null),
      effect: async (r: TaskRec, _i: unknown, actor: Actor) => {
        if (!(await repo.signUnit(r.id, actor.unitId!, actor.name, clock.now()))) throw conflict('本单位已签收');
      },
    },
    report_progress: report('progress', '报送进展'),
    report_consolidated: report('consolidated', '汇总报送'),
    request_extension: {
      ...unitStep,
      label: '申请延期',
      lost: '任务已办结，不能再申请延期',
      check: (r: TaskRec, i: { to: string }) => {
        const current = r.row.extended_to ?? r.row.deadline;
        if (current && i.to <= current) throw invalidField('to', '应晚于现时限', `延期后的时限应晚于现时限 ${current}`);
      },
      guard: (r: TaskRec) => (r.pending ? '已有待审批的延期申请' : null),
      effect: async (r: TaskRec, i: { to: string; reason: string }, actor: Actor) => {
        try {
          // The partial unique key (supervision_extensions_one_pending) refuses a second pending request of the task.
          await repo.insertExtension({ task_id: r.id, unit_id: actor.unitId!, to_date: i.to, reason: i.reason, requested_by: actor.name, requested_at: clock.now() });
        } catch (err) {
          if (isUniqueViolation(err)) throw conflict('已有待审批的延期申请');
          throw err;
        }
      },
      note: (i: { to: string; reason: string }) => `延期至 ${i.to}：${i.reason}`,
      fields: [
        { name: 'to', label: '延期至', kind: 'date', required: true },
        { name: 'reason', label: '延期理由', kind: 'textarea', required: true },
      ],
    },
    approve_extension: decide(true),
    refuse_extension: decide(false),
    accept: {
      ...office,
      label: '办结销号',
      to: 'done',
      // With supporting units the lead unit's consolidated report is what the office reviews; alone, its progress report.
      guard: (r: TaskRec) => {
        if (!leadsSigned(r)) return UNSIGNED;
        const needed = r.units.some((u) => u.role === 'support') ? 'consolidated' : 'progress';
        if (r.reported.includes(needed) || r.reported.includes('consolidated')) return null;
        return needed === 'consolidated' ? '牵头单位尚未汇总报送办理情况，不能办结' : '责任单位尚未报送办理情况，不能办结';
      },
      patch: (_r: TaskRec, _i: unknown, actor: Actor) => ({ done_at: clock.now(), done_by: actor.name }),
      // Answered on the task as loaded: a 退回 given meanwhile wins. 办结 closes a pending extension request: after it
      // the deadline, and so the task's 考评, no longer changes.
      effect: async (r: TaskRec, i: { note: string }, actor: Actor) => {
        if (!(await repo.sameReturns(r.id, r.row.returns, false))) throw conflict(REVIEWED);
        await repo.closeExtensions(r.id, actor.name, clock.now());
        await repo.insertReport({ task_id: r.id, unit_id: null, kind: 'accepted', text: i.note, percent: null, target_values: '[]', by_name: actor.name, at: clock.now() });
      },
      note: (i: { note: string }) => i.note,
      fields: NOTE,
      confirm: '确认办结销号？',
    },
    return: {
      ...office,
      label: '退回',
      to: 'assigned',
      danger: true,
      guard: (r: TaskRec) => (leadsSigned(r) ? null : UNSIGNED),
      effect: async (r: TaskRec, i: { note: string }, actor: Actor) => {
        if (!(await repo.sameReturns(r.id, r.row.returns, true))) throw conflict(REVIEWED);
        await repo.insertReport({ task_id: r.id, unit_id: null, kind: 'returned', text: i.note, percent: null, target_values: '[]', by_name: actor.name, at: clock.now() });
      },
      note: (i: { note: string }) => i.note,
      fields: NOTE,
    },
  } satisfies Record<string, Step>;

  return defineFlow<TaskRec, TaskState, typeof steps>({
    entity: 'supervision_task',
    noun: '督办任务',
    states: STATES,
    steps,
    relations: (r) => ({ unitIds: r.units.map((u) => u.unit_id) }),
    path: (r, step) => {
      if (step === 'approve_extension' || step === 'refuse_extension') return `/api/supervision/extensions/${r.pending?.id ?? 0}/decide`;
      if (step === 'correct') return `/api/supervision/tasks/${r.id}`;
      return `/api/supervision/tasks/${r.id}/${{ confirm: 'confirm', sign: 'sign', report_progress: 'reports', report_consolidated: 'reports', request_extension: 'extensions', accept: 'finish', return: 'finish' }[step]}`;
    },
  });
}

export type TaskFlowDecl = ReturnType<typeof taskFlow>;
export type TaskStep = keyof TaskFlowDecl['steps'] & string;

/** What a step's route takes besides its form: the shared routes tell the steps apart by a flag. */
const PRESET: Partial<Record<TaskStep, Record<string, unknown>>> = {
  report_progress: { consolidated: false },
  report_consolidated: { consolidated: true },
  accept: { accept: true },
  return: { accept: false },
  approve_extension: { approve: true },
  refuse_extension: { approve: false },
};

/**
 * The actions as the page shows them: each route's flag preset, a value field per target of a report, and the steps
 * that are not this actor's to take on this task left out (汇总 for a unit that does not lead it, a decision when no
 * request is pending), as the kit leaves out the steps of parties the actor is not.
 */
/** The lead unit's choice of the step its report meets, when the task has open steps. */
function stepField(r: TaskRec, actor: Actor): StepField[] {
  const open = openSteps(r);
  if (mine(r, actor)?.role !== 'lead' || !open.length) return [];
  return [{ name: 'step', label: '本次完成的节点', kind: 'select', required: false, options: open.map((m) => ({ value: m.date, label: `${m.date}　${m.text.slice(0, 30)}` })) }];
}

export function shape(actions: StepAction[], r: TaskRec, actor: Actor): StepAction[] {
  const targets = JSON.parse(r.row.targets) as { metric: string; unit: string }[];
  return actions
    .filter((a) => a.step !== 'report_consolidated' || (mine(r, actor)?.role === 'lead' && r.units.some((u) => u.role === 'support')))
    .filter((a) => (a.step !== 'approve_extension' && a.step !== 'refuse_extension') || r.pending)
    // 办结销号 and 退回 wait for the lead units' signatures; 核定 is the drawer's correction form, not a button.
    .filter((a) => (a.step !== 'accept' && a.step !== 'return') || leadsSigned(r))
    .filter((a) => a.step !== 'correct')
    .map((a) => ({
      ...a,
      body: { ...a.body, ...PRESET[a.step as TaskStep] },
      fields: a.step.startsWith('report_') ? [...a.fields, ...stepField(r, actor), ...targets.map((g, i): StepField => ({ name: `values.${i}`, label: `报送值 ${g.metric}（${g.unit}）`, kind: 'number', required: false }))] : a.fields,
    }));
}
