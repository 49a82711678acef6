/**
 * The project procedure of 涉农资金统筹整合 (交政办发〔2022〕8号 二、（三）、七、（三））: 项目申报 → 评审 → 可研 → 初设 → 批复 →
 * 政府采购 → 开工 → 进度 → 验收 → 结算报账 → 绩效评价, one state per step as STEPS lists them, no step skipped. The state
 * is the project's `step` column; the notes of each step are kept in the step log (the timeline), not in columns.
 */
import { invalidField } from '../../core/errors.js';
import { defineFlow } from '../../core/workflow.js';
import { AUTHORITY, FINANCE, IMPLEMENTER } from './agrifund.access.js';
import type { ProjectRow } from './agrifund.repository.js';
import { DISCLOSURE_DAYS, DISCLOSURE_KINDS, SOURCE, STEPS, TWO_ALWAYS, fenToWan, type StepCode } from './agrifund.rules.js';

/** A project as the kit sees it: its step is its status. */
export type ProjectRec = ProjectRow & { status: StepCode; township: string; village: string | null; itemName: string; unpaidVerified: boolean; allVerified: boolean };

/** The states, labelled from the document's step names (a state is 「the step done」). */
export const PROJECT_STATES = Object.fromEntries(STEPS.map((s) => [s.code, { label: s.name }])) as Record<StepCode, { label: string }>;

/** What any step may carry (each step checks its own). */
export interface StepInput {
  note?: string | null;
  approvalNo?: string | null;
  startedOn?: string | null;
}

const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');
const required = (field: string, label: string) => (_r: ProjectRec, i: StepInput) => {
  if (!text((i as Record<string, string | null | undefined>)[field])) throw invalidField(field, `请填写${label}`);
};
const noteField = (label: string) => [{ name: 'note', label, kind: 'textarea' as const, required: true }];
const by = (code: StepCode) => STEPS.findIndex((s) => s.code === code);
const prev = (code: StepCode): StepCode => STEPS[by(code) - 1]!.code;

/** One ordinary step: from the step before it to this one, by `who`, with a required note. */
const plain = (to: StepCode, who: typeof AUTHORITY, noteLabel: string) => ({
  label: STEPS[by(to)]!.name, from: [prev(to)], to, who,
  fields: noteField(noteLabel),
  check: required('note', noteLabel),
  note: (i: StepInput) => text(i.note),
});

/** The project procedure; the steps are named by the state they lead to. */
export const PROJECT_FLOW = defineFlow({
  entity: 'agrifund_project',
  noun: '涉农资金项目',
  states: PROJECT_STATES,
  relations: (p: ProjectRec) => ({ townshipId: p.township_id, villageId: p.village_id }),
  path: (p: ProjectRec, step) => `/api/agrifund/projects/${p.id}/${step}`,
  steps: {
    // 「项目申报和实施必须坚持群众参与、集体研究」: the county's review reads the township's declaration.
    reviewed: plain('reviewed', AUTHORITY, '评审意见'),
    feasibility: plain('feasibility', IMPLEMENTER, '可行性研究报告（编制单位、主要结论）'),
    design: plain('design', IMPLEMENTER, '初步设计（设计单位、概算）'),
    approved: {
      label: '批复', from: ['design'], to: 'approved', who: AUTHORITY,
      fields: [{ name: 'approvalNo', label: '批复文号', kind: 'text', required: true }],
      check: required('approvalNo', '批复文号'),
      note: (i: StepInput) => text(i.approvalNo),
      // 「乡村两级扶贫项目安排…一律公告公示」: the approved project is announced by the authority that approved it.
      notice: (p: ProjectRec, i: StepInput, actor) => ({
        unitId: actor.unitId ?? p.township_id,
        subject: `${p.township}${p.village ?? ''}扶贫项目安排公示：${p.name}`,
        content: `根据${SOURCE}“${TWO_ALWAYS}”要求（${DISCLOSURE_KINDS[1].name}），${p.name}（${p.itemName}，实施单位${p.implementing_unit}）已批复（${text(i.approvalNo)}），安排资金 ${fenToWan(p.amount_fen)} 万元。绩效目标：${p.targets}。公示期间如有异议，可在本公示下提出。`,
        basis: SOURCE,
        minLength: DISCLOSURE_DAYS,
        unit: '日' as const,
      }),
    },
    procured: plain('procured', IMPLEMENTER, '政府采购情况（采购方式、中标单位）'),
    started: {
      label: '开工', from: ['procured'], to: 'started', who: IMPLEMENTER,
      fields: [{ name: 'startedOn', label: '开工日期', kind: 'date' as const, required: true }],
      check: (_p: ProjectRec, i: StepInput) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text(i.startedOn))) throw invalidField('startedOn', '请填写开工日期（YYYY-MM-DD）');
      },
      note: (i: StepInput) => `${text(i.startedOn)} 开工`,
    },
    progress: plain('progress', IMPLEMENTER, '进度情况'),
    accepted: {
      ...plain('accepted', AUTHORITY, '验收意见'),
      // Inferred: a project is accepted once every planned milestone is verified (the last is its completion).
      guard: (p: ProjectRec) => (p.allVerified ? null : '尚有进度节点未核实，全部节点核实后方可验收'),
    },
    settled: {
      ...plain('settled', FINANCE, '结算报账情况'),
      // 结算报账 closes the payments: a request still waiting would be stranded.
      guard: (p: ProjectRec) => (p.unpaidVerified ? '尚有已核实的拨付申请未拨付' : null),
    },
    evaluated: plain('evaluated', AUTHORITY, '绩效评价结论'),
  },
});

export type ProjectStep = keyof typeof PROJECT_FLOW.steps & string;
export const PROJECT_STEPS = Object.keys(PROJECT_FLOW.steps) as [ProjectStep, ...ProjectStep[]];
