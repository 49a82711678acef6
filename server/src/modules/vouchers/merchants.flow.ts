/**
 * The merchant review, declared on the kit (交政办发〔2022〕13号 「由县工信局会同县统计局核准后分批次公布，动态更新」): a
 * merchant applies; 县工信局 and 县统计局 each record their approval (a two-party sign-off), and once both have it
 * is approved; either may reject it while it waits. 县工信局 publishes the approved in batches (publishBatch), and
 * may suspend a merchant and resume it. Disqualification is the oversight's, kept apart from the status.
 */
import { stateNames } from '../../core/states.js';
import type { StateDecl } from '../../core/workflow.js';
import { defineFlow } from '../../core/workflow.js';
import type { MerchantRow, VouchersRepository } from './vouchers.repository.js';
import { OFFICE, REVIEWERS, bureau } from './vouchers.parties.js';
import { OFFICE_ONLY } from './campaign.service.js';
import { BODIES } from './vouchers.rules.js';

/** A merchant's states, with the labels every list, filter and legend shows. */
export const MERCHANT_STATES = {
  pending: { label: '待审核' },
  approved: { label: '已通过' },
  rejected: { label: '已驳回' },
  suspended: { label: '已暂停' },
} as const satisfies Record<string, StateDecl>;
export type MerchantStatus = keyof typeof MERCHANT_STATES;
export const MERCHANT_STATUSES = stateNames(MERCHANT_STATES);

/** The refusal to anyone but the two reviewing bureaus. */
export const REVIEW_ONLY = '商户由县工信局会同县统计局核准，须由这两个局的经办人办理';
const NOT_PENDING = () => '该商户不在待审核状态';

/** The review's two parties, each recording its approval once. */
export const REVIEW_PARTIES = ['industry', 'statistics'] as const;
export type ReviewParty = (typeof REVIEW_PARTIES)[number];

/** The merchant review over the module's repository, on its clock. */
export const merchantFlow = (repo: VouchersRepository, now: () => string) =>
  defineFlow({
    entity: 'merchant',
    noun: '商户',
    states: MERCHANT_STATES,
    relations: (m: MerchantRow) => ({ ownerUserId: m.owner_user_id }),
    path: (m: MerchantRow, step: string) => `/api/vouchers/merchants/${m.id}/${step}`,
    steps: {
      approve: {
        label: '审核通过',
        from: ['pending'],
        to: 'approved',
        who: REVIEWERS,
        wrongState: NOT_PENDING,
        signoff: {
          parties: REVIEW_PARTIES.map((key) => ({ key, label: BODIES[key].name, who: [bureau(key)] })),
          party: (input: { party: ReviewParty }) => input.party,
          record: (m: MerchantRow, party: string, _input: unknown, actor) => repo.recordApproval(m.id, party as ReviewParty, actor.name, now()),
          signed: (m: MerchantRow) => repo.approvals(m.id),
        },
      },
      reject: {
        label: '驳回',
        from: ['pending'],
        to: 'rejected',
        who: REVIEWERS,
        refuse: REVIEW_ONLY,
        wrongState: NOT_PENDING,
        patch: (_m: MerchantRow, input: { reason: string }) => ({ reject_reason: input.reason }),
        note: (input: { reason: string }) => input.reason,
        fields: [{ name: 'reason', label: '驳回理由', kind: 'textarea', required: true, placeholder: '如：不符合限额以上企业条件' }],
        danger: true,
      },
      suspend: {
        label: '暂停',
        from: ['approved'],
        to: 'suspended',
        who: OFFICE,
        refuse: OFFICE_ONLY,
        wrongState: () => '只能暂停已审核通过的商户',
        confirm: '暂停后该商户不能核销消费券，确认暂停？',
        danger: true,
      },
      resume: {
        label: '恢复',
        from: ['suspended'],
        to: 'approved',
        who: OFFICE,
        refuse: OFFICE_ONLY,
        wrongState: () => '该商户未被暂停',
      },
    },
  });
export type MerchantFlowDecl = ReturnType<typeof merchantFlow>;
