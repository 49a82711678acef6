/**
 * 验收 (交政办发〔2022〕16号 四、（四）): an organisation's season is accepted first by the townships, each for the works
 * on its own plots (乡镇初验), then by the centre once every township notice has run (县级验收); each acceptance is
 * publicly noticed for at least 5 working days, through the step's notice on the module's clock. The record is the
 * organisation's season; its state is read from its acceptances and settlement.
 */
import { stateNames } from '../../core/states.js';
import { role } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, forbidden, invalid } from '../../core/errors.js';
import { defineFlow, type StepAction } from '../../core/workflow.js';
import { StaleItem, type AcceptanceRow, type OrgRow, type WorkRow } from './trusteeship.repository.js';
import { CENTRE_PARTIES, CENTRE_REFUSAL } from './orgs.flow.js';
import { NOTICE_WORKDAYS, SOURCE } from './trusteeship.rules.js';
import { centi, mu } from './trusteeship.context.js';

export const SEASON_STATES = {
  open: { label: '待县级验收' },
  county: { label: '县级已验收' },
  settled: { label: '已结算' },
} as const;
export type SeasonStatus = keyof typeof SEASON_STATES;
export const SEASON_STATUSES = stateNames(SEASON_STATES);

/** An organisation's season: the record acceptances move. Its id is `<orgId>-<season>`. */
export interface SeasonRecord {
  id: string;
  status: SeasonStatus;
  org: OrgRow;
  season: number;
  acceptances: AcceptanceRow[];
}

/** The id of an organisation's season record. */
export const seasonId = (orgId: number, season: number) => `${orgId}-${season}`;

/** The state of an organisation's season from its acceptances and whether it is settled. */
export const seasonStatus = (acceptances: readonly AcceptanceRow[], settled: boolean): SeasonStatus => (settled ? 'settled' : acceptances.some((a) => a.level === 'county') ? 'county' : 'open');

export type AcceptInput = { note: string; items: { workId: number; areaMu: string }[] };
export type Level = 'township' | 'county';
export const LEVEL_LABEL: Record<Level, string> = { township: '乡镇初验', county: '县级验收' };

/** What the acceptance steps read and write beyond the record. */
export interface AcceptanceDeps {
  today: () => string;
  now: () => string;
  centreId: () => Promise<number>;
  works: (orgId: number, season: number) => Promise<WorkRow[]>;
  /** The township of a plot's village, from the directory (null when unknown). */
  plotTownship: (contractId: number) => Promise<number | null>;
  /** How many confirmed works on the township's plots wait for its initial acceptance. */
  awaitingTownship: (orgId: number, season: number, townshipId: number) => Promise<number>;
  stageName: (season: number, code: string) => Promise<string>;
  accept: (a: Omit<AcceptanceRow, 'id'>, items: { workId: number; areaCenti: number }[]) => Promise<AcceptanceRow | null>;
}

/** Each item checked as the document says: the plot's township, the farmer's answer, the area, the earlier notice. */
async function checkItems(d: AcceptanceDeps, level: Level, s: SeasonRecord, input: AcceptInput, actor: Actor) {
  const works = new Map((await d.works(s.org.id, s.season)).map((w) => [w.id, w]));
  const accs = new Map(s.acceptances.map((a) => [a.id, a]));
  const townshipOf = new Map<number, number | null>();
  for (const it of input.items) {
    const w = works.get(it.workId);
    if (!w) throw invalid(`作业确认单 ${it.workId} 不属于该服务组织本季`, [{ field: 'items', message: '未知的作业' }]);
    if (level === 'township') {
      if (!townshipOf.has(w.contract_id)) townshipOf.set(w.contract_id, await d.plotTownship(w.contract_id));
      if (townshipOf.get(w.contract_id) !== actor.unitId) throw forbidden(`作业确认单 ${it.workId} 的地块不在本乡（镇）：乡镇初验由地块所在乡（镇）组织`);
      if (w.farmer_status !== 'confirmed') throw conflict(`作业确认单 ${it.workId} 农户${w.farmer_status === 'disputed' ? '有争议，须先处理' : '尚未确认'}`);
    } else {
      const t = w.township_acceptance_id === null ? undefined : accs.get(w.township_acceptance_id);
      if (!t) throw conflict(`作业确认单 ${it.workId} 须先经乡镇初验`);
      if (d.today() <= t.notice_end) throw conflict(`乡镇初验公示期至 ${t.notice_end}（不少于 ${NOTICE_WORKDAYS} 个工作日），期满后方可县级验收`);
    }
    const limit = level === 'township' ? w.area_centi : w.township_area_centi;
    if (limit === null) throw conflict(`作业确认单 ${it.workId} 未经乡镇初验`);
    if (centi(it.areaMu) > limit) throw invalid(`作业确认单 ${it.workId} 验收面积不能超过${level === 'township' ? '农户确认' : '乡镇初验'}的 ${mu(limit)} 亩`, [{ field: 'items', message: '面积超出' }]);
  }
}

/** One level's step: its checks, its notice (「公示期不少于 5 个工作日」) and the acceptance written with it. */
function acceptStep(d: AcceptanceDeps, level: Level) {
  const what = LEVEL_LABEL[level];
  return {
    label: what,
    check: (s: SeasonRecord, i: AcceptInput, actor: Actor) => checkItems(d, level, s, i, actor),
    fields: [{ name: 'note', label: '验收意见', kind: 'textarea' as const, required: true, placeholder: '实地查验、监管平台核对' }],
    note: (i: AcceptInput) => i.note,
    notice: async (s: SeasonRecord, i: AcceptInput, actor: Actor) => {
      const works = new Map((await d.works(s.org.id, s.season)).map((w) => [w.id, w]));
      const lines: string[] = [];
      for (const it of i.items) {
        const w = works.get(it.workId)!;
        lines.push(`${await d.stageName(w.season, w.stage)}（${w.work_date}）验收面积 ${it.areaMu} 亩`);
      }
      return {
        unitId: level === 'township' ? actor.unitId! : await d.centreId(),
        subject: `${s.season} 年农业生产托管${what}结果公示：${s.org.name}`,
        content: `${s.org.name} ${s.season} 年托管服务${what}结果：\n${lines.join('\n')}\n验收意见：${i.note}\n公示期内如有异议，请提出。`,
        basis: `${SOURCE} 四、（四）`,
        minLength: NOTICE_WORKDAYS,
        unit: '工作日' as const,
      };
    },
    // The acceptance and its notice are one unit of work: the record's notice end is the notice's own.
    effect: async (s: SeasonRecord, i: AcceptInput, actor: Actor, { notice }: { notice: { id: number; earliestEnd: string } | null }) => {
      try {
        const row = await d.accept(
          { org_id: s.org.id, season: s.season, level, township_id: level === 'township' ? actor.unitId : null, note: i.note, by_name: actor.name, at: d.now(), notice_end: notice!.earliestEnd, notice_id: notice!.id },
          i.items.map((it) => ({ workId: it.workId, areaCenti: centi(it.areaMu) })),
        );
        if (!row) throw conflict(`该服务组织本季已${level === 'township' ? '经本乡（镇）' : ''}${what}`);
      } catch (e) {
        if (e instanceof StaleItem) throw conflict(`作业确认单 ${e.workId} 已变化（已验收或有争议），本次验收未保存`);
        throw e;
      }
    },
  };
}

/** The acceptances' procedure over an organisation's season. */
export const acceptanceFlow = (d: AcceptanceDeps) =>
  defineFlow<SeasonRecord, SeasonStatus, any>({
    entity: 'trusteeship_acceptance',
    noun: '服务组织本季验收',
    states: SEASON_STATES,
    // The plots' townships are many: the township step checks each item's plot instead (checkItems).
    relations: (s) => ({ ownerUserId: s.org.owner_user_id }),
    path: () => '/api/trusteeship/acceptances',
    steps: {
      township: {
        ...acceptStep(d, 'township'),
        from: ['open'],
        to: 'open',
        who: [role('township_official')],
        refuse: '乡镇初验由地块所在乡（镇）组织',
        wrongState: () => '该服务组织本季已县级验收',
        guard: async (s: SeasonRecord, i: AcceptInput | undefined, actor: Actor) =>
          i || !actor.unitId || (await d.awaitingTownship(s.org.id, s.season, actor.unitId)) ? null : '本乡（镇）地块上没有农户已确认、待初验的作业',
      },
      county: {
        ...acceptStep(d, 'county'),
        from: ['open'],
        to: 'county',
        who: CENTRE_PARTIES,
        refuse: CENTRE_REFUSAL,
        wrongState: () => '该服务组织本季已县级验收',
        // Listing only: a step taken checks each item's own township notice (checkItems).
        guard: (s: SeasonRecord, i: AcceptInput | undefined) => {
          if (i) return null;
          const town = s.acceptances.filter((a) => a.level === 'township');
          if (!town.length) return '尚未乡镇初验';
          const last = town.map((a) => a.notice_end).sort().at(-1)!;
          return d.today() <= last ? `乡镇初验公示期至 ${last}（不少于 ${NOTICE_WORKDAYS} 个工作日），期满后方可县级验收` : null;
        },
      },
    },
  });

/** The acceptance route takes the organisation, season and level in its body: preset on each action. */
export const withAcceptBody = (s: SeasonRecord, actions: StepAction[]): StepAction[] => actions.map((a) => ({ ...a, body: { orgId: s.org.id, season: s.season, level: a.step } }));
