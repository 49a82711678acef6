/**
 * 县农业农村局抽查验收 (交政办发〔2022〕10号 五、（三）5.): one draw per township application, recorded with its seed, who
 * drew it and when; only the households it drew may have checks recorded, and only their checks count towards the
 * last payment. A draw is never updated, so a check may read it and then write.
 */
import type { Actor } from '../../core/audit.js';
import { conflict } from '../../core/errors.js';
import { seededSample } from '../../core/sample.js';
import type { HouseholdRow, SpotCheckRow, SpotDrawRow, ToiletsRepository } from './toilets.repository.js';
import { spotCheckSize } from './toilets.rules.js';
import type { HouseholdsService } from './households.service.js';

/** What the checks of a township come to: how many are needed, done and failed among the drawn households. */
export interface SpotCheckStatus {
  drawn: boolean;
  need: number;
  done: number;
  failed: number;
}

/** An instant as China time to the minute, as the message names it (「2022-07-01 10:00」). */
const chinaMinute = (at: string) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export class ToiletSpotChecks {
  constructor(
    private readonly repo: ToiletsRepository,
    private readonly show: (actor: Actor, h: HouseholdRow) => ReturnType<HouseholdsService['view']>,
    private readonly now: () => string,
  ) {}

  private ids = (d: SpotDrawRow) => JSON.parse(d.drawn) as number[];

  /** The recorded draw with its households and the latest check of each. */
  private async view(actor: Actor, d: SpotDrawRow) {
    const ids = this.ids(d);
    const rows = new Map((await this.repo.households({ ids }, ids.length || 1)).map((h) => [h.id, h]));
    const latest = this.latest(await this.repo.spotChecks(d.township_id));
    return {
      townshipId: d.township_id,
      seed: d.seed,
      of: d.population,
      size: ids.length,
      by: d.by_name,
      at: d.at,
      households: ids.flatMap((id) => {
        const h = rows.get(id);
        const c = latest.get(id);
        return h ? [{ ...this.show(actor, h), check: c ? { passed: c.passed === 1, note: c.note, by: c.by_name, at: c.at } : null }] : [];
      }),
    };
  }

  /** The latest check of each household (a failed one is checked again after it is put right). */
  private latest(checks: SpotCheckRow[]) {
    const m = new Map<number, SpotCheckRow>();
    for (const c of checks) m.set(c.household_id, c);
    return m;
  }

  private refusal(d: SpotDrawRow) {
    return conflict(`本次验收申请已于 ${chinaMinute(d.at)} 由 ${d.by_name} 按种子「${d.seed}」抽取 ${this.ids(d).length} 户，不能重新抽取`, [{ field: 'seed', message: `已按种子「${d.seed}」抽取` }]);
  }

  /** Draw ≥ 10 % of the township's accepted toilets from the seed, once per application. */
  async draw(actor: Actor, townshipId: number, seed: string, requested: boolean) {
    if (!requested) throw conflict('乡镇尚未提出验收申请，不能抽取抽查名单');
    const had = await this.repo.spotDraw(townshipId);
    if (had) throw this.refusal(had);
    const accepted = (await this.repo.households({ townshipIds: [townshipId], status: ['accepted'] }, 1_000_000)).map((h) => h.id);
    const drawn = await seededSample(accepted, seed, spotCheckSize(accepted.length));
    const row: SpotDrawRow = { township_id: townshipId, seed, population: accepted.length, drawn: JSON.stringify(drawn), by_user_id: actor.userId, by_name: actor.name, at: this.now() };
    if (!(await this.repo.recordSpotDraw(actor, row))) throw this.refusal((await this.repo.spotDraw(townshipId))!);
    return this.view(actor, row);
  }

  /** The township's recorded draw, or null before one is made. */
  async recorded(actor: Actor, townshipId: number) {
    const d = await this.repo.spotDraw(townshipId);
    return d ? this.view(actor, d) : null;
  }

  /** A check's result on a drawn household; any other household is refused by name. */
  async record(actor: Actor, h: HouseholdRow, passed: boolean, note: string) {
    const d = await this.repo.spotDraw(h.township_id);
    if (!d) throw conflict('尚未抽取抽查名单：请先按种子抽取，再录入抽查结果');
    if (!this.ids(d).includes(h.id)) {
      const who = `改厕户 ${h.id}（${this.show(actor, h).headName}${h.toilet_no ? `，厕所编号 ${h.toilet_no}` : ''}）`;
      throw conflict(`${who}不在抽查名单中（种子「${d.seed}」，${d.by_name} 抽取），不能录入抽查结果`, [{ field: 'id', message: `${who}未被抽中` }]);
    }
    await this.repo.addSpotCheck(actor, { township_id: h.township_id, household_id: h.id, passed: passed ? 1 : 0, note, by_name: actor.name, at: this.now() });
  }

  /** Needed, done and failed counted on the drawn households only; before a draw, the size it will take. */
  async status(townshipId: number, accepted: number): Promise<SpotCheckStatus> {
    const d = await this.repo.spotDraw(townshipId);
    return this.count(d, d ? await this.repo.spotChecks(townshipId) : [], accepted);
  }

  /** The status of every township at once, from two reads (the dashboard's). */
  async statuses(): Promise<(townshipId: number, accepted: number) => SpotCheckStatus> {
    const draws = new Map((await this.repo.spotDraws()).map((d) => [d.township_id, d]));
    const checks = draws.size ? await this.repo.spotChecks() : [];
    return (townshipId, accepted) => this.count(draws.get(townshipId), checks.filter((c) => c.township_id === townshipId), accepted);
  }

  private count(d: SpotDrawRow | undefined, checks: SpotCheckRow[], accepted: number): SpotCheckStatus {
    if (!d) return { drawn: false, need: spotCheckSize(accepted), done: 0, failed: 0 };
    const ids = new Set(this.ids(d));
    const latest = [...this.latest(checks)].filter(([id]) => ids.has(id));
    return { drawn: true, need: ids.size, done: latest.length, failed: latest.filter(([, c]) => !c.passed).length };
  }
}
