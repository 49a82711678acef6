/**
 * 县级储备粮轮换 (交政发〔2022〕8号): the centre's 轮换申请 → 县发展和改革局 approval → 轮出/轮入 orders, each through a
 * recorded public bid → warehouse receipts with their inspection → 入库完成 → 县财政局 cost review (subsidy and
 * price-difference loss computed) → 拨付结清 once the 农发行's loan is repaid. States and steps written once.
 */
import { OWNER, type Party } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { invalidField } from '../../core/errors.js';
import { defineFlow } from '../../core/workflow.js';
import { CENTRE, FINANCE, REFORM } from './grain.access.js';
import type { RotationRow } from './reserve.repository.js';
import { LOSS_RULE, RESERVE_SOURCE, SUBSIDY_RULE, rotationCosts, yuanPerTonneToFen } from './grain.rules.js';

export const ROTATION_STATES = {
  applied: { label: '已申请' },
  approved: { label: '已批准（轮换实施中）' },
  received: { label: '已入库（待财政审核）' },
  reviewed: { label: '财政已审核（待拨付）' },
  closed: { label: '已拨付结清' },
  rejected: { label: '未批准' },
} as const;
export type RotationStatus = keyof typeof ROTATION_STATES;

/** What the guards and the review read beyond the record: its orders, receipts and the bank's records. */
export interface RotationFlowDeps {
  orders: (rotationId: number) => Promise<{ direction: 'out' | 'in'; quantity_kg: number; price_fen: number; id: number }[]>;
  receivedByOrder: (rotationId: number) => Promise<Map<number, number>>;
  finance: (rotationId: number) => Promise<{ kind: 'loan' | 'repayment'; amount_fen: number }[]>;
}

type Opinion = { opinion: string };
type Review = { subsidyRate: string; subsidySource: string; note: string };
const opinion = [{ name: 'opinion', label: '审批意见', kind: 'textarea' as const, required: true }];
/** The enterprise organises the purchase (「由承储企业组织」), the centre supervises: both may record it. */
const EXECUTORS: readonly Party[] = [OWNER, ...CENTRE];

export const rotationFlow = (d: RotationFlowDeps) =>
  defineFlow<RotationRow, RotationStatus, any>({
    entity: 'grain_rotation',
    noun: '储备粮轮换',
    states: ROTATION_STATES,
    relations: (r) => ({ ownerUserId: r.owner_user_id }),
    path: (r, step) => `/api/grain/rotations/${r.id}/${step}`,
    steps: {
      approve: {
        label: '审批同意',
        from: ['applied'],
        to: 'approved',
        who: REFORM,
        refuse: '轮换申请由县发展和改革局审批',
        fields: opinion,
        check: (_r: RotationRow, i: Opinion) => {
          if (!i.opinion?.trim()) throw invalidField('opinion', '请填写审批意见');
        },
        patch: (_r: RotationRow, i: Opinion, a: Actor) => ({ approved_by: a.name, approval_note: i.opinion.trim() }),
        note: (i: Opinion) => i.opinion,
      },
      reject: {
        label: '不予批准',
        from: ['applied'],
        to: 'rejected',
        who: REFORM,
        refuse: '轮换申请由县发展和改革局审批',
        fields: opinion,
        danger: true,
        check: (_r: RotationRow, i: Opinion) => {
          if (!i.opinion?.trim()) throw invalidField('opinion', '请填写审批意见');
        },
        patch: (_r: RotationRow, i: Opinion, a: Actor) => ({ approved_by: a.name, approval_note: i.opinion.trim() }),
        note: (i: Opinion) => i.opinion,
      },
      finish: {
        label: '入库完成',
        from: ['approved'],
        to: 'received',
        who: EXECUTORS,
        refuse: '入库完成由承储企业或县粮食和物资储备中心确认',
        confirm: '轮入粮食已全部验收入库，确认提交财政审核？',
        guard: async (r: RotationRow) => {
          const orders = await d.orders(r.id);
          if (!orders.some((o) => o.direction === 'out')) return '尚无经公开竞价的轮出订单';
          const ins = orders.filter((o) => o.direction === 'in');
          if (!ins.length) return '尚无经公开竞价的轮入订单';
          const got = await d.receivedByOrder(r.id);
          const short = ins.filter((o) => (got.get(o.id) ?? 0) < o.quantity_kg);
          return short.length ? `轮入订单 ${short.map((o) => `#${o.id}`).join('、')} 尚未全部验收入库` : null;
        },
      },
      review: {
        label: '财政审核',
        from: ['received'],
        to: 'reviewed',
        who: FINANCE,
        refuse: '轮换粮食成本由县财政局审核',
        fields: [
          { name: 'subsidyRate', label: '省储备粮补贴标准（元/吨）', kind: 'text', required: true, placeholder: '按省定标准填写' },
          { name: 'subsidySource', label: '补贴标准依据（文号）', kind: 'text', required: true },
          { name: 'note', label: '审核意见', kind: 'textarea', required: true },
        ],
        check: (_r: RotationRow, i: Review) => {
          yuanPerTonneToFen(String(i.subsidyRate ?? ''), 'subsidyRate');
          if (!i.subsidySource?.trim() || i.subsidySource.trim().length < 4) throw invalidField('subsidySource', `请填写补贴标准的依据文件（${SUBSIDY_RULE}）`);
          if (!i.note?.trim()) throw invalidField('note', '请填写审核意见');
        },
        patch: async (r: RotationRow, i: Review, a: Actor) => {
          const orders = await d.orders(r.id);
          const rate = yuanPerTonneToFen(i.subsidyRate, 'subsidyRate');
          const c = rotationCosts(
            orders.filter((o) => o.direction === 'out').map((o) => ({ kg: o.quantity_kg, fenPerTonne: o.price_fen })),
            orders.filter((o) => o.direction === 'in').map((o) => ({ kg: o.quantity_kg, fenPerTonne: o.price_fen })),
            rate,
          );
          return { subsidy_rate_fen: rate, subsidy_source: i.subsidySource.trim(), rotated_kg: c.rotatedKg, sale_fen: c.saleFen, purchase_fen: c.purchaseFen, subsidy_fen: c.subsidyFen, loss_fen: c.lossFen, reviewed_by: a.name, review_note: i.note.trim() };
        },
        note: (i: Review) => `${i.note}（补贴标准 ${i.subsidyRate} 元/吨，${i.subsidySource}；${LOSS_RULE}）`,
      },
      close: {
        label: '拨付结清',
        from: ['reviewed'],
        to: 'closed',
        who: FINANCE,
        refuse: '轮换费用、差价补贴由县财政局拨付',
        confirm: '轮换费用补贴与差价亏损已拨付，确认结清？',
        guard: async (r: RotationRow) => {
          const f = await d.finance(r.id);
          const loans = f.filter((x) => x.kind === 'loan').length;
          return loans && !f.some((x) => x.kind === 'repayment') ? `农发行轮入贷款尚无销售款回笼记录（${RESERVE_SOURCE}）` : null;
        },
        patch: (_r: RotationRow, _i: unknown, a: Actor) => ({ closed_by: a.name }),
      },
    },
  });

/** The workbench's items, by step. */
export const ROTATION_WAITING: Record<string, string> = {
  approve: '储备粮轮换申请待审批',
  finish: '储备粮轮换待确认入库完成',
  review: '储备粮轮换待财政审核',
  close: '储备粮轮换待拨付结清',
};
