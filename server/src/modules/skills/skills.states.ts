/** A registration's states and an event's stages, with their labels, written once (the web bundles this file as it is). */
import { stateNames } from '../../core/states.js';
import type { StateDecl } from '../../core/workflow.js';

export const REGISTRATION_STATES = {
  registered: { label: '已报名，待单位确认', due: { length: 3, unit: '工作日' } },
  confirmed: { label: '单位已确认（盖章）' },
  recommended: { label: '已推荐参加市级决赛' },
  not_recommended: { label: '未获推荐' },
} as const satisfies Record<string, StateDecl>;
export type RegistrationStatus = keyof typeof REGISTRATION_STATES;
export const REGISTRATION_STATUSES = stateNames(REGISTRATION_STATES);

export const EVENT_MODES = { preliminary: '县级初赛', video: '视频选拔', city: '市级直接组织（县级不征集）' } as const;
export type EventModeCode = keyof typeof EVENT_MODES;
export const EVENT_MODE_CODES = Object.keys(EVENT_MODES) as [EventModeCode, ...EventModeCode[]];

export const EVENT_STAGES = { open: '报名与选拔中', selected: '已确定推荐人选', ranked: '已录入决赛名次' } as const;
export type EventStage = keyof typeof EVENT_STAGES;
export const EVENT_STAGE_CODES = Object.keys(EVENT_STAGES) as [EventStage, ...EventStage[]];
