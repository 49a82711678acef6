/**
 * The settlement statement, declared on the kit from SETTLEMENT_STEPS (交政办发〔2022〕13号): reported by the platform,
 * then 县工信局审核 → 县财政局备案 → 结算, each by its own body and only from the step before it.
 */
import type { StateDecl, StepDecl } from '../../core/workflow.js';
import { defineFlow } from '../../core/workflow.js';
import type { SettlementRow } from './vouchers.repository.js';
import { bureau } from './vouchers.parties.js';
import { BODIES, SETTLEMENT_STEPS } from './vouchers.rules.js';

export type SettlementStatus = (typeof SETTLEMENT_STEPS)[number]['status'];
/** The steps after the report, by the state they lead to. */
export type SettlementStep = Exclude<SettlementStatus, 'reported'>;
export const SETTLEMENT_STATUSES = SETTLEMENT_STEPS.map((s) => s.status) as [SettlementStatus, ...SettlementStatus[]];

/** Each state is named by the step that reached it (平台报送, 县工信局审核, …), as the statement prints them. */
export const SETTLEMENT_STATES = Object.fromEntries(SETTLEMENT_STEPS.map((s) => [s.status, { label: s.label }])) as Record<SettlementStatus, StateDecl>;

const label = (status: string) => SETTLEMENT_STEPS.find((s) => s.status === status)?.label ?? status;
const ORDER = SETTLEMENT_STEPS.map((s) => s.label).join(' → ');

/** Who signed a step and when, in the statement's own columns. */
const stamp = (to: SettlementStep, by: string, at: string) =>
  to === 'reviewed' ? { reviewed_by: by, reviewed_at: at } : to === 'filed' ? { filed_by: by, filed_at: at } : { settled_by: by, settled_at: at };

/** The statement's procedure, on the module's clock. */
export const settlementFlow = (now: () => string) =>
  defineFlow({
    entity: 'voucher_settlement',
    noun: '结算单',
    states: SETTLEMENT_STATES,
    relations: () => ({}),
    path: (s: SettlementRow, step: string) => `/api/vouchers/statements/${s.id}/${step}`,
    steps: Object.fromEntries(
      SETTLEMENT_STEPS.slice(1).map((st, i) => {
        const step: StepDecl<SettlementRow, SettlementStatus, unknown> = {
          label: `${st.act}（${BODIES[st.by].name}）`,
          from: [SETTLEMENT_STEPS[i].status],
          to: st.status,
          who: [bureau(st.by)],
          refuse: `「${st.label}」由${BODIES[st.by].name}办理`,
          wrongState: (s) => `该结算单当前为「${label(s.status)}」，不能办理「${st.label}」（须依次：${ORDER}）`,
          patch: (_s, _input, actor) => stamp(st.status as SettlementStep, actor.name, now()),
        };
        return [st.status, step];
      }),
    ) as Record<SettlementStep, StepDecl<SettlementRow, SettlementStatus, unknown>>,
  });
