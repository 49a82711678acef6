/**
 * 服务组织的遴选 (交政办发〔2022〕16号 四、（一）): 服务组织申请 → 村和乡镇推荐 → 托管领导组会审 → 公示 (5 working days) →
 * 公布 → the centre signs its 托管服务合同 with it. States, labels and steps written once; the page, the route enums
 * and the ledger read them from here.
 */
import { stateNames } from '../../core/states.js';
import { TOWNSHIP, VILLAGE, body, role, type Party } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { defineFlow, type StepAction } from '../../core/workflow.js';
import type { OrgRow } from './trusteeship.repository.js';
import { NOTICE_WORKDAYS, SOURCE } from './trusteeship.rules.js';

/** The county body that runs the pilot: it reviews, signs contracts, accepts and settles (交政办发〔2022〕16号). */
export const CENTRE = '县现代农业发展服务中心';

/** The bodies the module acts through, by directory code (a unit renamed in the directory keeps its powers). */
export const BODIES = { centre: { code: 'JC-XDNY', name: CENTRE } } as const;

/** The county's steps: the centre's officials, and the county administrator. */
export const CENTRE_PARTIES: readonly Party[] = [body('centre'), role('county_admin')];

/** The refusal of a county step to anyone else. */
export const CENTRE_REFUSAL = `此项由${CENTRE}办理`;

export const ORG_STATES = {
  applied: { label: '已申请' },
  recommended: { label: '村乡推荐' },
  approved: { label: '领导组会审通过（公示中）' },
  rejected: { label: '未通过' },
  published: { label: '已公布' },
} as const;
export type OrgStatus = keyof typeof ORG_STATES;
export const ORG_STATUSES = stateNames(ORG_STATES);

/** What the organisation steps read beyond the record: the clock, the centre's directory id, a township's name. */
export interface OrgFlowDeps {
  today: () => string;
  now: () => string;
  centreId: () => Promise<number>;
  townshipName: (id: number) => Promise<string>;
  setNoticeEnd: (id: number, end: string) => Promise<void>;
}

type Review = { note: string };
const reviewField = [{ name: 'note', label: '会审意见', kind: 'textarea' as const, required: true, placeholder: '对照五项标准的会审意见' }];
const notPending = () => '该服务组织不在待推荐状态';

/** The organisations' procedure. */
export const orgFlow = (d: OrgFlowDeps) =>
  defineFlow<OrgRow, OrgStatus, any>({
    entity: 'trusteeship_org',
    noun: '服务组织',
    states: ORG_STATES,
    relations: (o) => ({ townshipId: o.township_id, villageId: o.village_id, ownerUserId: o.owner_user_id }),
    path: (o, step) => `/api/trusteeship/orgs/${o.id}/${{ village_recommend: 'recommend', approve: 'review', reject: 'review', county_contract: 'county-contract' }[step as string] ?? step}`,
    steps: {
      // 「村和乡镇推荐」: the organisation's village first when it names one, then its township.
      village_recommend: {
        label: '村推荐',
        from: ['applied'],
        to: 'applied',
        who: [VILLAGE],
        refuse: '由服务组织所在村推荐',
        wrongState: notPending,
        guard: (o: OrgRow) => (o.village_recommended_by ? `所在村已推荐（${o.village_recommended_by}）` : null),
        patch: (_o: OrgRow, _i: unknown, actor: Actor) => ({ village_recommended_by: actor.name }),
      },
      recommend: {
        label: '推荐',
        from: ['applied'],
        to: 'recommended',
        who: [TOWNSHIP],
        refuse: '由服务组织所在乡（镇）推荐',
        wrongState: notPending,
        guard: (o: OrgRow) => (o.village_id && !o.village_recommended_by ? '须先经服务组织所在村推荐' : null),
        patch: (_o: OrgRow, _i: unknown, actor: Actor) => ({ recommended_by: actor.name }),
      },
      // 托管领导组会审: an approved organisation goes on public notice for 5 working days (as the acceptances'; inferred).
      approve: {
        label: '会审通过',
        from: ['recommended'],
        to: 'approved',
        who: CENTRE_PARTIES,
        refuse: CENTRE_REFUSAL,
        wrongState: () => '须先经村和乡镇推荐',
        fields: reviewField,
        patch: (_o: OrgRow, i: Review, actor: Actor) => ({ reviewed_by: actor.name, review_note: i.note }),
        note: (i: Review) => i.note,
        notice: async (o: OrgRow, i: Review) => ({
          unitId: await d.centreId(),
          subject: `农业生产托管试点服务组织拟确定名单公示：${o.name}`,
          content: `经服务组织申请、村和乡镇推荐、托管领导组会审，拟确定以下服务组织参加农业生产托管试点：\n${o.name}（${o.org_type}，${await d.townshipName(o.township_id)}）\n会审意见：${i.note}\n公示期内如有异议，请提出。`,
          basis: `${SOURCE} 四、（一）2.`,
          minLength: NOTICE_WORKDAYS,
          unit: '工作日' as const,
        }),
        // The record's notice end is the notice's own, so the two never differ.
        effect: async (o: OrgRow, _i: Review, _a: Actor, { notice }: { notice: { id: number; earliestEnd: string } | null }) => d.setNoticeEnd(o.id, notice!.earliestEnd),
      },
      reject: {
        label: '不通过',
        from: ['recommended'],
        to: 'rejected',
        who: CENTRE_PARTIES,
        refuse: CENTRE_REFUSAL,
        wrongState: () => '须先经村和乡镇推荐',
        fields: reviewField,
        danger: true,
        patch: (_o: OrgRow, i: Review, actor: Actor) => ({ reviewed_by: actor.name, review_note: i.note }),
        note: (i: Review) => i.note,
      },
      publish: {
        label: '公布',
        from: ['approved'],
        to: 'published',
        who: CENTRE_PARTIES,
        refuse: CENTRE_REFUSAL,
        wrongState: () => '该服务组织未经领导组会审通过',
        guard: (o: OrgRow) => (o.notice_end && d.today() <= o.notice_end ? `公示期至 ${o.notice_end}，期满后方可公布` : null),
        confirm: '公示期已满，确认公布？',
      },
      county_contract: {
        label: '签订托管合同',
        from: ['published'],
        to: 'published',
        who: CENTRE_PARTIES,
        refuse: CENTRE_REFUSAL,
        wrongState: () => '只能与已公布且尚未签约的服务组织签订合同',
        guard: (o: OrgRow) => (o.county_contract_no ? '只能与已公布且尚未签约的服务组织签订合同' : null),
        fields: [{ name: 'contractNo', label: '合同编号', kind: 'text', required: true, placeholder: '如 JCTG-2022-001' }],
        patch: (_o: OrgRow, i: { contractNo: string }) => ({ county_contract_no: i.contractNo, county_contract_at: d.now() }),
        note: (i: { contractNo: string }) => `合同编号 ${i.contractNo}`,
      },
    },
  });

/** The review's two steps share one route: the page posts each with its decision preset. */
export const withReviewBody = (actions: StepAction[]): StepAction[] =>
  actions.map((a) => (a.step === 'approve' ? { ...a, body: { approve: true } } : a.step === 'reject' ? { ...a, body: { approve: false } } : a));

/** The workbench's items: the steps that wait on someone whatever the guards say, by their title. */
export const ORG_WAITING: Record<string, string> = {
  recommend: '服务组织待推荐',
  approve: '服务组织待领导组会审',
};
