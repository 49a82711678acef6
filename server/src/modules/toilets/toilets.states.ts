/**
 * The household procedure's states with their labels, written once: the flow, the routes' enums, the status filter and
 * the page's legend read them (this file imports nothing at run time, so the web bundles it as it is).
 */
import { stateNames } from '../../core/states.js';
import type { StateDecl } from '../../core/workflow.js';

/** A household's states, in the order of the procedure. */
export const HOUSEHOLD_STATES = {
  surveyed: { label: '已摸底' },
  selected: { label: '已确定改厕户' },
  agreed: { label: '已签协议' },
  started: { label: '施工中' },
  completed: { label: '已完工' },
  accepted: { label: '五方验收合格' },
  withdrawn: { label: '已退出' },
} as const satisfies Record<string, StateDecl>;
export type HouseholdStatus = keyof typeof HOUSEHOLD_STATES;
export const HOUSEHOLD_STATUSES = stateNames(HOUSEHOLD_STATES);
export const statusLabel = (s: HouseholdStatus) => HOUSEHOLD_STATES[s].label;

/** Statuses from a step on (a household accepted was also chosen, agreed, started and completed). */
export const FROM: Record<'selected' | 'agreed' | 'started' | 'completed' | 'accepted', HouseholdStatus[]> = {
  selected: ['selected', 'agreed', 'started', 'completed', 'accepted'],
  agreed: ['agreed', 'started', 'completed', 'accepted'],
  started: ['started', 'completed', 'accepted'],
  completed: ['completed', 'accepted'],
  accepted: ['accepted'],
};
