/**
 * 农村改厕's household procedure (交政办发〔2022〕10号 五、): surveyed → chosen within the quota → agreement after the
 * notice → works → completion against the attachment's checks → five signatures → accepted; a household may withdraw
 * before works start. The states' labels are written here once; the page's legend and the routes' enums read them.
 */
import { OWNER, TOWNSHIP, VILLAGE, type Party } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, invalid, invalidField } from '../../core/errors.js';
import { defineFlow } from '../../core/workflow.js';
import { HOUSEHOLD_STATES, statusLabel } from './toilets.states.js';
import { QuotaFull, type HouseholdRow, type ToiletsRepository } from './toilets.repository.js';
import { relationsOf } from './toilets.access.js';
import { CURRENT_TYPES, MODES, MODES_FOR, SOURCE, SUPERVISED_MODES, WHOLE_VILLAGE_PERCENT, bucketsFor, mode, runChecks, subsidyFen, type CurrentType, type ModeCode, type PartyCode } from './toilets.rules.js';

/** Photo phases kept with a household (「改厕前厕所进行拍照留存」; 「施工前、施工中、施工后拍摄照片」). */
export const PHOTO_PHASES = { before: '改造前', during: '施工中', after: '施工后' } as const;
/** Signed papers kept with a household: the agreement and the five-party acceptance form. */
export const PAPERS = { agreement: '农村改厕协议', acceptance: '五方签字验收单' } as const;

/**
 * The five parties of the acceptance form and who records each (inferred: the construction team and the supervisor
 * have no accounts, so the township records their signatures from the paper form; a farmer signs on a phone, or the
 * village records the paper form).
 */
const SIGNERS: { key: PartyCode; label: string; who: readonly Party[]; refuse: string }[] = [
  { key: 'farmer', label: '农户', who: [OWNER, VILLAGE], refuse: '「农户」签字应由农户本人（或村委会据纸质验收单代录）办理' },
  { key: 'builder', label: '施工队', who: [TOWNSHIP], refuse: '「施工队」签字应由乡镇（据纸质验收单录入施工队签字）办理' },
  { key: 'village', label: '村委会', who: [VILLAGE], refuse: '「村委会」签字应由该户所在村委会办理' },
  { key: 'supervisor', label: '工程监理', who: [TOWNSHIP], refuse: '「工程监理」签字应由乡镇（据纸质验收单录入监理签字）办理' },
  { key: 'township', label: '乡镇', who: [TOWNSHIP], refuse: '「乡镇」签字应由该户所在乡（镇）办理' },
];

export interface SelectInput {
  mode: ModeCode;
  priorityNote: string | null;
}
export interface StartInput {
  builderKind: 'team' | 'self';
  builderName: string | null;
  supervisorName: string | null;
  tenderId: number | null;
  startedOn: string;
}
export interface CompleteInput {
  toiletNo: string;
  completedOn: string;
  values: Record<string, string | undefined>;
  concrete: string | null;
  roof: string | null;
}
export interface SignInput {
  party: PartyCode;
  signerName: string | null;
}

/** What the procedure reads beyond the household: the township's name, the villages' coverage, the notice. */
export interface HouseholdFlowDeps {
  repo: ToiletsRepository;
  townshipName: (id: number) => Promise<string>;
  /** Whether the household's village can reach 85 %, and the villages that can and still have households waiting. */
  priority: (actor: Actor, h: HouseholdRow) => Promise<{ canReach: boolean; waiting: string[] }>;
  /** Why the agreement cannot be signed yet (the notice running, objections open), or null. */
  agreementHold: (actor: Actor, h: HouseholdRow) => Promise<string | null>;
  photosMissing: (h: HouseholdRow, phases: (keyof typeof PHOTO_PHASES)[]) => Promise<string[]>;
  now: () => string;
  today: () => string;
}

const MOVED_ON = (h: HouseholdRow) => `该户${statusLabel(h.status)}`;

/** The household procedure, bound to what it reads. */
export const householdFlow = (d: HouseholdFlowDeps) => {
  const buckets = async (h: HouseholdRow, m: ModeCode) => bucketsFor(await d.townshipName(h.township_id), m);
  return defineFlow({
    entity: 'toilet_household',
    noun: '改厕户',
    states: HOUSEHOLD_STATES,
    relations: relationsOf,
    path: (h: HouseholdRow, step) => `/api/toilets/households/${h.id}/${step === 'agree' ? 'agreement' : step === 'accept' ? 'sign' : step}`,
    steps: {
      /**
       * 确定改厕户: within the township's quota (a ceiling per part, taken in the same unit of work), villages that can
       * reach 85 % first; the before-photo on file (「对改厕前厕所进行拍照留存，作为开展农村改厕工作的依据」).
       */
      select: {
        label: '确定为改厕户',
        from: ['surveyed'],
        to: 'selected',
        who: [TOWNSHIP],
        refuse: '确定改厕户由该户所在乡（镇）办理',
        wrongState: (h: HouseholdRow) => `${MOVED_ON(h)}，不能重复确定`,
        check: (h: HouseholdRow, i: SelectInput) => {
          if (!MODES_FOR[h.current_type as CurrentType].includes(i.mode)) throw invalidField('mode', '模式与现有厕所不符', `${CURRENT_TYPES.find((t) => t.code === h.current_type)?.name}不能采用「${mode(i.mode).name}」`);
        },
        guard: async (h: HouseholdRow, i: SelectInput | undefined, actor: Actor) => {
          if (h.sanitary) return '该户已达卫生厕所标准，不纳入改厕';
          if (!h.wish) return '该户无改厕意愿：「未经农户同意，不得强行推进农户改厕」';
          if (!i) return null;
          if (!(await buckets(h, i.mode))) return `${await d.townshipName(h.township_id)} 2022 年没有「${mode(i.mode).name}」指标（${SOURCE} 三、（二））`;
          const p = await d.priority(actor, h);
          if (!p.canReach && p.waiting.length && !i.priorityNote?.trim()) {
            throw conflict(`「乡镇优先安排改造整村推进率能达到 ${WHOLE_VILLAGE_PERCENT}%以上的村庄」：${p.waiting.join('、')}尚有待改农户；确需先改本村的，请写明理由`, [{ field: 'priorityNote', message: '需写明理由' }]);
          }
          return null;
        },
        files: (h: HouseholdRow) => [{ entity: 'toilet_photo', entityId: `${h.id}.before`, label: '改造前厕所照片（存档备案，作为改厕依据）' }],
        patch: async (h: HouseholdRow, i: SelectInput, actor: Actor) => ({
          mode: i.mode,
          selected_at: d.now(),
          priority_note: (await d.priority(actor, h)).canReach ? null : i.priorityNote?.trim() || null,
        }),
        effect: async (h: HouseholdRow, i: SelectInput) => {
          try {
            await d.repo.takePlaces(h.township_id, (await buckets(h, i.mode))!);
          } catch (e) {
            if (!(e instanceof QuotaFull)) throw e;
            const q = (await d.repo.quotas(h.township_id)).find((x) => x.bucket === e.bucket);
            throw conflict(`${await d.townshipName(h.township_id)}「${q?.label ?? e.bucket}」指标 ${q?.cap ?? ''} 座已用完（${SOURCE} 三、（二））`);
          }
        },
        note: (i: SelectInput) => i.priorityNote,
        fields: [
          { name: 'mode', label: '改厕模式', kind: 'select', required: true, options: MODES.map((m) => ({ value: m.code, label: `${m.name}（${m.standardFen / 100} 元/${m.unit}）` })) },
          { name: 'priorityNote', label: '非整村推进理由', kind: 'text', required: false, placeholder: '非整村推进村的，写明理由' },
        ],
      },
      /** A household changes its mind before works start: it leaves the list and its place goes back to the quota. */
      withdraw: {
        label: '退出（指标退回）',
        from: ['selected', 'agreed'],
        to: 'withdrawn',
        who: [TOWNSHIP],
        refuse: '退出改厕由该户所在乡（镇）办理',
        wrongState: () => '只有已确定、尚未开工的改厕户可以退出',
        patch: (_h: HouseholdRow, i: { reason: string }) => ({ wish_note: i.reason }),
        effect: async (h: HouseholdRow) => d.repo.givePlaces(h.township_id, (await buckets(h, h.mode as ModeCode)) ?? []),
        note: (i: { reason: string }) => i.reason,
        fields: [{ name: 'reason', label: '退出原因', kind: 'text', required: true, placeholder: '农户退出原因' }],
        confirm: '确认该户退出改厕？指标将退回乡镇。',
        danger: true,
      },
      /** 《农村改厕协议》: once the notice ended without open objections, the signed scan on file. */
      agree: {
        label: '签订协议',
        from: ['selected'],
        to: 'agreed',
        who: [TOWNSHIP, VILLAGE],
        refuse: '协议由乡镇或村委会与农户签订',
        wrongState: (h: HouseholdRow) => `暂不能签订协议：${MOVED_ON(h)}`,
        guard: async (h: HouseholdRow, _i: unknown, actor: Actor) => {
          const hold = await d.agreementHold(actor, h);
          return hold && `暂不能签订协议：${hold}`;
        },
        files: (h: HouseholdRow) => [{ entity: 'toilet_paper', entityId: `${h.id}.agreement`, label: '双方签字的《农村改厕协议》扫描件' }],
        patch: (_h: HouseholdRow, i: { agreementNo: string }) => ({ agreement_no: i.agreementNo, agreement_at: d.now() }),
        fields: [{ name: 'agreementNo', label: '协议编号', kind: 'text', required: true }],
      },
      /** 开工: who builds (a team or the household itself), the supervisor for 大三格 and 水冲, the materials at the tender price. */
      start: {
        label: '登记开工',
        from: ['agreed'],
        to: 'started',
        who: [TOWNSHIP],
        refuse: '开工登记由该户所在乡（镇）办理',
        wrongState: (h: HouseholdRow) => (h.status === 'selected' ? '须先签订《农村改厕协议》' : MOVED_ON(h)),
        check: async (h: HouseholdRow, b: StartInput) => {
          if (b.startedOn > d.today()) throw invalidField('startedOn', '晚于今天', '开工日期不能晚于今天');
          if (b.builderKind === 'team' && !b.builderName?.trim()) throw invalidField('builderName', '请填写施工队', '统一施工的，请填写经招标、议标确定的施工队');
          if (SUPERVISED_MODES.includes(h.mode as ModeCode) && !b.supervisorName?.trim()) throw invalidField('supervisorName', '请填写监理单位', '大三格化粪池和水冲厕所须聘请第三方工程监理，请填写监理单位');
          if (h.mode === 'old' && !(await tenderOf(h, b))) throw invalidField('tenderId', '请选择中标记录', '老旧厕所改造的化粪池等材料以乡镇中标价为准，请选择本乡镇的中标记录');
        },
        patch: async (h: HouseholdRow, b: StartInput) => ({
          builder_kind: b.builderKind,
          builder_name: b.builderKind === 'self' ? `农户自建（${h.head_name}）` : b.builderName!.trim(),
          supervisor_name: b.supervisorName?.trim() || null,
          tender_fen: h.mode === 'old' ? ((await tenderOf(h, b))?.price_fen ?? null) : null,
          started_at: b.startedOn,
        }),
        fields: [
          { name: 'builderKind', label: '施工主体', kind: 'select', required: true, options: [{ value: 'team', label: '统一组织施工队' }, { value: 'self', label: '农户自行实施' }] },
          { name: 'builderName', label: '施工队', kind: 'text', required: false },
          { name: 'supervisorName', label: '工程监理（大三格、水冲必填）', kind: 'text', required: false },
          { name: 'tenderId', label: '材料中标记录（价格以中标价为准）', kind: 'select', required: false, options: [] },
          { name: 'startedOn', label: '开工日期', kind: 'date', required: true },
        ],
      },
      /**
       * 完工: the toilet's number, the photos during and after works, and the attachment's checks measured. The underground
       * and general checks must pass (the township has it put right first); the superstructure's result decides its 1300 元.
       */
      complete: {
        label: '登记完工',
        from: ['started'],
        to: 'completed',
        who: [TOWNSHIP],
        refuse: '完工登记由该户所在乡（镇）办理',
        wrongState: (h: HouseholdRow) => (h.status === 'agreed' ? '尚未开工' : MOVED_ON(h)),
        check: (h: HouseholdRow, b: CompleteInput) => {
          if (b.completedOn < (h.started_at ?? '') || b.completedOn > d.today()) throw invalidField('completedOn', '日期不合理', `完工日期应在开工日期 ${h.started_at} 与今天之间`);
          const failed = runChecks(h.mode as ModeCode, b.values, { concrete: b.concrete, roof: b.roof }).filter((r) => r.part === 'main' && !r.passed);
          if (failed.length) {
            throw invalid(`技术指标未达标，整改后再登记完工：${failed.map((f) => `${f.text}（实测 ${f.value ?? '未填'}）`).join('；')}`, failed.map((f) => ({ field: `values.${f.code}`, message: f.text })));
          }
        },
        // The photos are the township's record of the works (「施工队必须在施工前、施工中、施工后拍摄照片」).
        guard: async (h: HouseholdRow) => {
          const missing = await d.photosMissing(h, ['during', 'after']);
          return missing.length ? `请先上传${missing.join('、')}照片（施工队必须在施工前、施工中、施工后拍摄照片）` : null;
        },
        patch: (h: HouseholdRow, b: CompleteInput) => {
          const results = runChecks(h.mode as ModeCode, b.values, { concrete: b.concrete, roof: b.roof });
          const sup = results.filter((r) => r.part === 'superstructure');
          const superPassed = sup.length ? sup.every((r) => r.passed) : null;
          return { toilet_no: b.toiletNo, completed_at: b.completedOn, checks: JSON.stringify({ results, concrete: b.concrete, roof: b.roof }), checks_passed: 1, superstructure_passed: superPassed === null ? null : superPassed ? 1 : 0 };
        },
        fields: [
          { name: 'toiletNo', label: '厕所编号', kind: 'text', required: true },
          { name: 'completedOn', label: '完工日期', kind: 'date', required: true },
        ],
      },
      /**
       * 「厕所改造完成后必须由农户、施工队、村委会、工程监理部门、乡镇在验收单上实行五方签字」 (交政办发〔2022〕10号 五、（二）5.).
       * The fifth signature accepts the toilet and freezes its subsidy (the superstructure's 1300 元 only when its check passed).
       */
      accept: {
        label: '五方验收签字',
        from: ['completed'],
        to: 'accepted',
        who: [],
        wrongState: (h: HouseholdRow) => (h.status === 'accepted' ? '该厕所已五方验收' : '厕所完工后方可验收签字'),
        check: (_h: HouseholdRow, i: SignInput) => {
          if (i.party === 'supervisor' && !i.signerName?.trim()) throw invalidField('signerName', '请填写', '请填写签字的监理人员');
        },
        signoff: {
          parties: SIGNERS,
          party: (i: SignInput) => i.party,
          record: (h: HouseholdRow, party: string, i: SignInput, actor: Actor, via: Party) => {
            const signer = party === 'farmer' ? h.head_name : party === 'builder' ? i.signerName?.trim() || h.builder_name! : party === 'supervisor' ? i.signerName!.trim() : actor.name;
            // A party signs in the app itself, or someone else records the paper form it signed.
            const own = (party === 'farmer' && via === OWNER) || party === 'village' || party === 'township';
            return d.repo.sign(actor, { household_id: h.id, party, signer_name: signer, by_user_id: actor.userId, by_role: actor.role, via: own ? 'app' : 'paper', at: d.now() });
          },
          signed: async (h: HouseholdRow) => (await d.repo.signatures([h.id])).map((s) => s.party),
        },
        patch: (h: HouseholdRow) => ({
          accepted_at: d.now(),
          subsidy_fen: subsidyFen(h.mode as ModeCode, { pits: h.pits, tenderFen: h.tender_fen, superstructurePassed: h.superstructure_passed === null ? null : h.superstructure_passed === 1 }),
        }),
        fields: [{ name: 'signerName', label: '签字人姓名', kind: 'text', required: false, placeholder: '施工队、监理签字人姓名（据纸质验收单）' }],
      },
    },
  });

  async function tenderOf(h: HouseholdRow, b: StartInput) {
    return b.tenderId ? (await d.repo.tenders(h.township_id)).find((x) => x.id === b.tenderId) : undefined;
  }
};
export type HouseholdFlowDecl = ReturnType<typeof householdFlow>;
