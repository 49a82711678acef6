/** The lights and filters of the tracker, from the server's own list of states (labels written once, there). */
import { STATES } from '../../../../server/src/modules/supervision/supervision.states.js';
import type { SupervisionTask } from './contract';

export { targetText } from '../../../../server/src/modules/supervision/supervision.states.js';

export const LIGHT: Record<SupervisionTask['light'], 'success' | 'warning' | 'error' | 'default'> = { green: 'success', yellow: 'warning', red: 'error', grey: 'default' };

export type TaskState = keyof typeof STATES;
/** The list's filter: a task's stored states with their labels. */
export const STATE_OPTIONS = (Object.keys(STATES) as TaskState[]).map((value) => ({ value, label: STATES[value].label }));
