/**
 * 督查督办: a task's states and what the tracker shows of them, each label written once. Imports nothing but the rules,
 * so the web page reads its filters and legend from here too.
 */
import { stateNames } from '../../core/states.js';
import type { StateDecl } from '../../core/workflow.js';
import { SIGN_WITHIN_WORKDAYS } from './supervision.rules.js';

/** A task's states as stored, with their labels: written here only. */
export const STATES = {
  proposed: { label: '待确认' },
  assigned: { label: '办理中', due: { length: SIGN_WITHIN_WORKDAYS, unit: '工作日' } },
  done: { label: '已办结' },
} as const satisfies Record<string, StateDecl>;
export type TaskState = keyof typeof STATES;
export const TASK_STATES = stateNames(STATES);

/** What the tracker shows of a task: its stored state, an assigned one told apart by signing and deadline; with its light. */
export const STATUS_LABELS = {
  proposed: STATES.proposed.label,
  unsigned: '未签收',
  in_progress: '进行中',
  due_soon: '临期',
  overdue: '逾期',
  extended: '已延期',
  done: STATES.done.label,
} as const;
export type TaskStatus = keyof typeof STATUS_LABELS;
export const TASK_STATUSES = Object.keys(STATUS_LABELS) as [TaskStatus, ...TaskStatus[]];

export const LIGHTS: Record<TaskStatus, 'green' | 'yellow' | 'red' | 'grey'> = {
  proposed: 'grey',
  unsigned: 'yellow',
  in_progress: 'green',
  due_soon: 'yellow',
  overdue: 'red',
  extended: 'green',
  done: 'green',
};

/** A target as the tracker prints it: 「秸秆综合利用率 ≥ 85%」, a range as 「监督人员 3—5名」. */
export function targetText(g: { metric: string; comparison: string; value: number; max?: number; unit: string }): string {
  return g.max !== undefined ? `${g.metric} ${g.value}—${g.max}${g.unit}` : `${g.metric} ${g.comparison} ${g.value}${g.unit}`;
}
