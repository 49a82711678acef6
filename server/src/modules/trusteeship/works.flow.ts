/**
 * 作业确认单 (交政办发〔2022〕16号 四、（三）): the farmer confirms or disputes each piece of work on a phone (or the
 * organisation records the farmer's signed paper form), the township settles a dispute on site; then 乡镇初验 and
 * 县级验收 (acceptance.flow.ts) and the settlement move it on. A work's state is read from its columns: the farmer's
 * answer until the township accepts it, then how far it went.
 */
import { stateNames } from '../../core/states.js';
import { OWNER, TOWNSHIP, role } from '../../core/access.js';
import { conflict } from '../../core/errors.js';
import { defineFlow, type StepAction } from '../../core/workflow.js';
import type { WorkRow } from './trusteeship.repository.js';

export const WORK_STATES = {
  pending: { label: '待确认' },
  confirmed: { label: '已确认' },
  disputed: { label: '有异议' },
  township: { label: '乡镇已初验' },
  county: { label: '县级已验收' },
  settled: { label: '已结算' },
} as const;
export type WorkStatus = keyof typeof WORK_STATES;
/** The farmer's answer: the first three states, kept in the work's farmer_status. */
export const FARMER_STATUSES = ['pending', 'confirmed', 'disputed'] as const satisfies readonly WorkStatus[];
export type FarmerStatus = (typeof FARMER_STATUSES)[number];
export const WORK_STATUSES = stateNames(WORK_STATES);

/** A work as its procedure reads it: its plot's township and village, its farmer and its organisation's account. */
export type WorkRecord = WorkRow & { status: WorkStatus; township_id: number; village_id: number; farmer_user_id: number | null; org_owner_id: number };

/** A work's state from its columns. */
export const workStatus = (w: Pick<WorkRow, 'farmer_status' | 'township_acceptance_id' | 'county_acceptance_id' | 'settlement_id'>): WorkStatus =>
  w.settlement_id !== null ? 'settled' : w.county_acceptance_id !== null ? 'county' : w.township_acceptance_id !== null ? 'township' : w.farmer_status;

type Answer = { note: string | null };
const moved = () => '该作业已确认、有争议待乡镇处理，或已验收';

/** The work confirmations' procedure; `now` stamps the farmer's answer, `paperCount` reads the signed forms on file. */
export const workFlow = (d: { now: () => string; paperCount: (workId: number) => Promise<number> }) =>
  defineFlow<WorkRecord, WorkStatus, any>({
    entity: 'trusteeship_work',
    noun: '作业确认单',
    states: WORK_STATES,
    // The farmer is the work's owner (the contract links their account); the plot's township settles disputes.
    relations: (w) => ({ townshipId: w.township_id, villageId: w.village_id, ownerUserId: w.farmer_user_id }),
    path: (w) => `/api/trusteeship/works/${w.id}/answer`,
    steps: {
      farmer_confirm: {
        label: '确认作业',
        from: ['pending'],
        to: 'confirmed',
        who: [OWNER],
        wrongState: moved,
        patch: (_w: WorkRecord, i: Answer) => ({ farmer_note: i.note ?? null, farmer_at: d.now() }),
        note: (i: Answer) => i.note,
      },
      // The farmer may still dispute a confirmation the organisation recorded from paper, until the township accepts.
      farmer_dispute: {
        label: '提出异议',
        from: ['pending', 'confirmed'],
        to: 'disputed',
        who: [OWNER],
        wrongState: moved,
        danger: true,
        fields: [{ name: 'note', label: '异议说明', kind: 'textarea', required: true, placeholder: '如：收割面积不足' }],
        patch: (_w: WorkRecord, i: Answer) => ({ farmer_note: i.note ?? null, farmer_at: d.now() }),
        note: (i: Answer) => i.note,
      },
      // Only the organisation's own works are in its scope (the store's load), so its role is the relation here.
      paper_confirm: {
        label: '按纸质确认单登记农户确认',
        from: ['pending'],
        to: 'confirmed',
        who: [role('service_org')],
        wrongState: moved,
        files: (w: WorkRecord) => [{ entity: 'trusteeship_work_paper', entityId: String(w.id), label: '农户签字的纸质确认单' }],
        // The refusal names the field the page uploads, as it did before the kit listed the file.
        check: async (w: WorkRecord) => {
          if (!(await d.paperCount(w.id))) throw conflict('请先上传农户签字的纸质确认单（扫描件或照片），再代为登记确认', [{ field: 'file', message: '缺少农户签字的确认单' }]);
        },
        patch: (_w: WorkRecord, i: Answer) => ({ farmer_note: i.note ?? '农户签字纸质确认单', farmer_at: d.now() }),
        note: (i: Answer) => i.note ?? '农户签字纸质确认单',
      },
      township_resolve: {
        label: '核实后确认',
        from: ['disputed'],
        to: 'confirmed',
        who: [TOWNSHIP],
        wrongState: moved,
        patch: (_w: WorkRecord, i: Answer) => ({ farmer_note: i.note ?? '乡镇实地核实', farmer_at: d.now() }),
        note: (i: Answer) => i.note ?? '乡镇实地核实',
      },
    },
  });

/** The steps one POST /works/:id/answer may be, in the order they are tried for an actor. */
export const ANSWER_STEPS = { true: ['farmer_confirm', 'paper_confirm', 'township_resolve'], false: ['farmer_dispute'] } as const;

/** The refusal when the actor is none of the parties that may answer. */
export const ANSWER_REFUSAL = '由合同上的农户确认（或服务组织上传农户签字的确认单）';

/** The answer route takes the decision in its body: preset on each action. */
export const withAnswerBody = (actions: StepAction[]): StepAction[] => actions.map((a) => ({ ...a, body: { confirm: a.step !== 'farmer_dispute' } }));
