/**
 * The parcel procedure of 国有建设用地供应计划 (交政发〔2022〕2号): 计划 → 公布 → 出让公告 → 成交 → 供应, then 开工 and
 * 竣工 against the agreed dates, by the 县自然资源局. The states' labels are written here once.
 */
import { invalidField } from '../../core/errors.js';
import { yuanToFen } from '../../core/money.js';
import { defineFlow } from '../../core/workflow.js';
import { RESOURCES } from './land.access.js';
import type { ParcelRow } from './land.repository.js';
import { METHODS, OPEN_SALE_RULE, SOURCE, methodName, openSaleReason, type HousingType, type UseCode } from './land.rules.js';

/** A parcel's states, in order. */
export const PARCEL_STATES = {
  planned: { label: '计划' },
  published: { label: '已公布' },
  noticed: { label: '出让公告中' },
  dealt: { label: '已成交' },
  supplied: { label: '已供应' },
  started: { label: '已开工' },
  completed: { label: '已竣工' },
  withdrawn: { label: '已撤销' },
} as const;
export type ParcelStatus = keyof typeof PARCEL_STATES;
/** States shown on the public list (「公布」 onwards; a withdrawn parcel leaves it). */
export const PUBLIC_STATUSES: readonly ParcelStatus[] = ['published', 'noticed', 'dealt', 'supplied', 'started', 'completed'];

/** The fields any step may carry (each step checks its own). */
export interface ParcelStepInput {
  noticeNo?: string | null;
  noticedOn?: string | null;
  price?: string | null;
  buyer?: string | null;
  dealtOn?: string | null;
  contractNo?: string | null;
  suppliedOn?: string | null;
  agreedStart?: string | null;
  agreedCompletion?: string | null;
  startedOn?: string | null;
  completedOn?: string | null;
  note?: string | null;
}

const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');
const required = (field: string, v: string | null | undefined, message: string) => {
  if (!text(v)) throw invalidField(field, message);
  return text(v);
};
const dateOf = (field: string, v: string | null | undefined, label: string) => {
  const d = required(field, v, `请填写${label}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) throw invalidField(field, `${label}应为有效日期（YYYY-MM-DD）`);
  return d;
};
const notFuture = (field: string, d: string, label: string, today: string) => {
  if (d > today) throw invalidField(field, `${label}不能晚于今天（${today}）`);
};
const notBefore = (field: string, d: string, label: string, earlier: string | null, what: string) => {
  if (earlier && d < earlier) throw invalidField(field, `${label}不能早于${what}（${earlier}）`);
};
/** Whether the parcel is sold by 招标/拍卖/挂牌, which takes a 出让公告 before the deal. */
export const isOpenSale = (r: ParcelRow) => METHODS.find((m) => m.code === r.method)!.open;
const reasonOf = (r: ParcelRow) => openSaleReason({ use: r.use as UseCode, subUse: r.sub_use, housingType: r.housing_type as HousingType | null, intendingUsers: r.intending_users });

/** What the procedure reads beyond the parcel. */
export interface ParcelFlowDeps {
  today: () => string;
  /** Give a withdrawn parcel's area back to the plan. */
  giveBack: (r: ParcelRow) => Promise<void>;
}

/** The parcel procedure, bound to what it reads. */
export const parcelFlow = (d: ParcelFlowDeps) =>
  defineFlow({
    entity: 'land_parcel',
    noun: '供应地块',
    states: PARCEL_STATES,
    relations: () => ({}),
    path: (r: ParcelRow, step) => `/api/land/parcels/${r.id}/${step}`,
    steps: {
      publish: {
        label: '公布', from: ['planned'], to: 'published', who: RESOURCES,
        confirm: '公布后地块列入公开清单，任何人可查看。确认公布？',
        note: () => '列入公开的供应计划',
      },
      notice: {
        label: '发布出让公告', from: ['published'], to: 'noticed', who: RESOURCES,
        fields: [
          { name: 'noticeNo', label: '出让公告编号', kind: 'text', required: true },
          { name: 'noticedOn', label: '公告日期', kind: 'date', required: true },
        ],
        // 协议/划拨 parcels have no public sale; 招拍挂 parcels go through the notice (交政发〔2022〕2号 三、（四））.
        guard: (r: ParcelRow) => (isOpenSale(r) ? null : `${methodName(r.method)}供应的地块不发布出让公告`),
        check: (_r: ParcelRow, i: ParcelStepInput) => {
          required('noticeNo', i.noticeNo, '请填写出让公告编号');
          notFuture('noticedOn', dateOf('noticedOn', i.noticedOn, '公告日期'), '公告日期', d.today());
        },
        patch: (_r: ParcelRow, i: ParcelStepInput) => ({ notice_no: text(i.noticeNo), noticed_on: text(i.noticedOn) }),
        note: (i: ParcelStepInput) => `${text(i.noticeNo)}（${text(i.noticedOn)}）`,
      },
      deal: {
        label: '成交', from: ['published', 'noticed'], to: 'dealt', who: RESOURCES,
        fields: [
          { name: 'price', label: '成交价款（元）', kind: 'money', required: true },
          { name: 'buyer', label: '受让人（用地者）', kind: 'text', required: true },
          { name: 'dealtOn', label: '成交日期', kind: 'date', required: true },
        ],
        // A parcel that must be sold openly is dealt only after its 出让公告, the rule quoted in the refusal.
        guard: (r: ParcelRow) => {
          if (r.status !== 'published' || !isOpenSale(r)) return null;
          const why = reasonOf(r);
          return `须先发布出让公告，以${methodName(r.method)}方式公开出让${why ? `（${why}）` : ''}。${SOURCE}：「${OPEN_SALE_RULE}」`;
        },
        check: (r: ParcelRow, i: ParcelStepInput) => {
          const fen = yuanToFen(required('price', i.price, '请填写成交价款'), 'price');
          // 划拨 land may be supplied without a price; every other way has one (inferred: 划拨 is 无偿 or 补偿 only).
          if (fen <= 0 && r.method !== 'allocation') throw invalidField('price', '成交价款应大于 0');
          required('buyer', i.buyer, '请填写受让人');
          const on = dateOf('dealtOn', i.dealtOn, '成交日期');
          notFuture('dealtOn', on, '成交日期', d.today());
          notBefore('dealtOn', on, '成交日期', r.noticed_on, '出让公告日期');
        },
        patch: (_r: ParcelRow, i: ParcelStepInput) => ({ price_fen: yuanToFen(text(i.price), 'price'), buyer: text(i.buyer), dealt_on: text(i.dealtOn) }),
        note: (i: ParcelStepInput) => `${text(i.buyer)}，${text(i.price)} 元`,
      },
      supply: {
        label: '供应（签订合同）', from: ['dealt'], to: 'supplied', who: RESOURCES,
        fields: [
          { name: 'contractNo', label: '出让合同或划拨决定书编号', kind: 'text', required: true },
          { name: 'suppliedOn', label: '供应日期', kind: 'date', required: true },
          { name: 'agreedStart', label: '约定开工日期', kind: 'date', required: true },
          { name: 'agreedCompletion', label: '约定竣工日期', kind: 'date', required: true },
        ],
        check: (r: ParcelRow, i: ParcelStepInput) => {
          required('contractNo', i.contractNo, '请填写出让合同或划拨决定书编号');
          const on = dateOf('suppliedOn', i.suppliedOn, '供应日期');
          notFuture('suppliedOn', on, '供应日期', d.today());
          notBefore('suppliedOn', on, '供应日期', r.dealt_on, '成交日期');
          const start = dateOf('agreedStart', i.agreedStart, '约定开工日期');
          notBefore('agreedStart', start, '约定开工日期', on, '供应日期');
          notBefore('agreedCompletion', dateOf('agreedCompletion', i.agreedCompletion, '约定竣工日期'), '约定竣工日期', start, '约定开工日期');
        },
        patch: (_r: ParcelRow, i: ParcelStepInput) => ({ contract_no: text(i.contractNo), supplied_on: text(i.suppliedOn), agreed_start: text(i.agreedStart), agreed_completion: text(i.agreedCompletion) }),
        note: (i: ParcelStepInput) => `${text(i.contractNo)}，约定 ${text(i.agreedStart)} 开工、${text(i.agreedCompletion)} 竣工`,
      },
      start: {
        label: '登记开工', from: ['supplied'], to: 'started', who: RESOURCES,
        fields: [{ name: 'startedOn', label: '实际开工日期', kind: 'date', required: true }],
        check: (r: ParcelRow, i: ParcelStepInput) => {
          const on = dateOf('startedOn', i.startedOn, '实际开工日期');
          notFuture('startedOn', on, '实际开工日期', d.today());
          notBefore('startedOn', on, '实际开工日期', r.supplied_on, '供应日期');
        },
        patch: (_r: ParcelRow, i: ParcelStepInput) => ({ started_on: text(i.startedOn) }),
        note: (i: ParcelStepInput) => text(i.startedOn),
      },
      complete: {
        label: '登记竣工', from: ['started'], to: 'completed', who: RESOURCES,
        fields: [{ name: 'completedOn', label: '实际竣工日期', kind: 'date', required: true }],
        check: (r: ParcelRow, i: ParcelStepInput) => {
          const on = dateOf('completedOn', i.completedOn, '实际竣工日期');
          notFuture('completedOn', on, '实际竣工日期', d.today());
          notBefore('completedOn', on, '实际竣工日期', r.started_on, '开工日期');
        },
        patch: (_r: ParcelRow, i: ParcelStepInput) => ({ completed_on: text(i.completedOn) }),
        note: (i: ParcelStepInput) => text(i.completedOn),
      },
      withdraw: {
        label: '撤销', from: ['planned', 'published', 'noticed'], to: 'withdrawn', who: RESOURCES, danger: true,
        confirm: '撤销后地块面积退回年度供应指标。确认撤销？',
        fields: [{ name: 'note', label: '撤销理由（如流拍、规划调整）', kind: 'textarea', required: true }],
        check: (_r: ParcelRow, i: ParcelStepInput) => void required('note', i.note, '请填写撤销理由'),
        patch: (_r: ParcelRow, i: ParcelStepInput) => ({ withdraw_reason: text(i.note) }),
        // The area goes back in the same unit of work as the state, so the caps never count a withdrawn parcel.
        effect: async (r: ParcelRow) => d.giveBack(r),
        note: (i: ParcelStepInput) => text(i.note),
      },
    },
  });

export type ParcelFlowDecl = ReturnType<typeof parcelFlow>;
/** The steps a route may name. */
export const PARCEL_STEPS = ['publish', 'notice', 'deal', 'supply', 'start', 'complete', 'withdraw'] as const;
export type ParcelStep = (typeof PARCEL_STEPS)[number];
