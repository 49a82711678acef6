/** The campaign and its rounds: set up from the document, launched on the day the county announces, extended, adjusted. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import { formatFen } from '../../core/money.js';
import { chinaDay } from '../../core/time.js';
import type { KindRow, RoundRow, VouchersRepository } from './vouchers.repository.js';
import { OFFICE, requireParty } from './vouchers.parties.js';
import { CAMPAIGN, CAMPAIGN_RULES_TEXT, CATEGORIES, DOCUMENT_DATE, SOURCE, TOTAL_BUDGET_FEN, campaignRounds, defaultReleased } from './vouchers.rules.js';

/** The refusal of an office step to anyone but 县工信局 or the county administrator. */
export const OFFICE_ONLY = '此操作由县工信局（活动工作专班办公室）办理';

/** The round open for claims at `at` (not paused or ended), if any. */
export const openRound = (rounds: RoundRow[], at: string): RoundRow | null =>
  rounds.find((r) => r.opens_at <= at && at < r.expires_at && r.status !== 'paused' && r.status !== 'ended') ?? null;

/** The campaign's state (kinds and rounds) as cached for the rush. */
export interface CampaignState {
  at: number;
  kinds: KindRow[];
  rounds: RoundRow[];
}

export class CampaignService {
  private cache: CampaignState | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly repo: VouchersRepository,
    private readonly access: Access,
    private readonly now: () => string,
  ) {}

  /** Set up the campaign from the document when it is not there yet. */
  async seedIfEmpty(): Promise<boolean> {
    if (await this.repo.isSeeded()) return false;
    // The categories' budgets are the document's whole fund: a campaign that does not add up is not set up.
    const total = CATEGORIES.reduce((s, c) => s + c.budgetFen, 0);
    if (total !== TOTAL_BUDGET_FEN) throw new Error(`消费券各类别资金合计 ${formatFen(total)} 元，与${SOURCE}的财政资金 ${formatFen(TOTAL_BUDGET_FEN)} 元不符`);
    await this.repo.seed(
      CATEGORIES.map((c) => ({
        code: c.code,
        name: c.name,
        scope: c.scope,
        budgetFen: c.budgetFen,
        kinds: c.kinds.map((k) => ({ ...k, label: `满${k.thresholdFen / 100}减${k.discountFen / 100}` })),
      })),
    );
    return true;
  }

  /** Throws 403 unless the actor is 县工信局 or the county administrator. */
  requireOffice(actor: Actor) {
    return requireParty(this.access, actor, OFFICE, OFFICE_ONLY);
  }

  /**
   * 「县政府择日宣布活动启动」: the office launches the campaign on a day after the document's date (and not after its
   * end); the rounds are the Saturdays from that day, each kind's quota the category budget spread over them.
   */
  async launch(actor: Actor, date: string) {
    await this.requireOffice(actor);
    if (date <= DOCUMENT_DATE) throw invalidField('date', `应晚于 ${DOCUMENT_DATE}`, `活动启动日期应在方案成文（${DOCUMENT_DATE}）之后（县政府择日宣布活动启动）`);
    const rounds = campaignRounds(date, await this.repo.campaignEnd());
    if (!rounds.length) throw invalidField('date', '晚于最后一轮', `${date} 之后到活动截止（${CAMPAIGN.to}）已没有周六，无法投放`);
    const released = new Map<number, number>();
    for (const k of await this.repo.kinds()) {
      const category = CATEGORIES.find((c) => c.code === k.category_code)!;
      const rule = category.kinds.find((x) => x.thresholdFen === Number(k.threshold_fen) && x.discountFen === Number(k.discount_fen))!;
      released.set(k.id, defaultReleased(category, rule, rounds.length));
    }
    if (!(await this.repo.launch(actor, date, rounds, released))) throw conflict('活动已启动');
    this.invalidate();
    return { rounds: rounds.length, firstOpensAt: rounds[0].opensAt, lastExpiresAt: rounds.at(-1)!.expiresAt };
  }

  /**
   * 「根据活动开展情况可结合实际进行调整」: the office moves the campaign's end later. The last round's cut is lifted as far
   * as the new end allows (with the vouchers claimed in it, unless it has already expired), and the Saturdays up to
   * the new end become rounds. (inferred) New rounds start with nothing released: the office releases what the budget
   * still allows, round by round, as it does for any round.
   */
  async extendCampaign(actor: Actor, to: string) {
    await this.requireOffice(actor);
    const { rounds } = await this.state();
    if (!rounds.length) throw conflict('活动尚未启动');
    const from = await this.repo.campaignEnd();
    if (to <= from) throw invalidField('to', `应晚于 ${from}`, `新的截止日期应晚于现在的 ${from}（只能延长）`);
    const now = this.now();
    const plan = campaignRounds(chinaDay(rounds[0].opens_at), to);
    const moved = rounds
      .map((r) => ({ r, p: plan.find((x) => x.seq === r.seq) }))
      .filter(({ r, p }) => p && p.expiresAt !== r.expires_at && r.expires_at > now)
      .map(({ r, p }) => ({ roundId: r.id, expiresAt: p!.expiresAt }));
    const added = plan.filter((p) => p.seq > rounds.length);
    if (!(await this.repo.extendCampaign(actor, from, to, moved, added))) throw conflict('活动截止日期已被他人调整，请刷新后重试');
    this.invalidate();
    return { endsOn: to, rounds: rounds.length + added.length, moved: moved.length };
  }

  /** The cached campaign state while it is fresh. */
  fresh(): CampaignState | null {
    return this.cache && Date.now() - this.cache.at <= 5_000 ? this.cache : null;
  }

  /** The campaign state, from the cache or the database. */
  async state(): Promise<CampaignState> {
    const hit = this.fresh();
    if (hit) return hit;
    const [kinds, rounds] = await Promise.all([this.repo.kinds(), this.repo.rounds()]);
    this.cache = { at: Date.now(), kinds, rounds };
    return this.cache;
  }

  /** Call `fn` whenever the campaign changes (the claims' early answers depend on it). */
  onChange(fn: () => void) {
    this.listeners.push(fn);
  }

  private invalidate() {
    this.cache = null;
    for (const fn of this.listeners) fn();
  }

  /** The round open for claims at `at`, if any. */
  async roundAt(at: string): Promise<RoundRow | null> {
    return openRound((await this.state()).rounds, at);
  }

  /** What a resident (or anyone) sees: the campaign, the current round and what is left of each kind. */
  async view() {
    const now = this.now();
    const [{ rounds, kinds }, categories, endsOn] = await Promise.all([this.state(), this.repo.categories(), this.repo.campaignEnd()]);
    const current = await this.roundAt(now);
    const quotas = current ? await this.repo.quotas(current.id) : [];
    return {
      source: SOURCE,
      rulesText: CAMPAIGN_RULES_TEXT,
      documentDate: DOCUMENT_DATE,
      endsOn,
      now,
      currentRound: current ? { id: current.id, seq: current.seq, opensAt: current.opens_at, expiresAt: current.expires_at } : null,
      nextRound: rounds.find((r) => r.opens_at > now && r.status !== 'ended') ?? null,
      rounds: rounds.map((r) => ({ id: r.id, seq: r.seq, opensAt: r.opens_at, expiresAt: r.expires_at, status: r.status })),
      categories: categories.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        scope: c.scope,
        budgetFen: Number(c.budget_fen),
        committedFen: Number(c.committed_fen),
        redeemedFen: Number(c.redeemed_fen),
        kinds: kinds
          .filter((k) => k.category_id === c.id)
          .map((k) => {
            const q = quotas.find((x) => x.kind_id === k.id);
            return { id: k.id, label: k.label, thresholdFen: Number(k.threshold_fen), discountFen: Number(k.discount_fen), released: q?.released ?? 0, remaining: q ? q.released - q.claimed : 0 };
          }),
      })),
    };
  }

  async setReleased(actor: Actor, roundId: number, kindId: number, released: number) {
    await this.requireOffice(actor);
    const round = (await this.state()).rounds.find((r) => r.id === roundId);
    if (!round) throw notFound(`第 ${roundId} 轮`);
    if (round.expires_at <= this.now()) throw conflict('该轮已结束，不能调整投放量');
    if (!(await this.repo.setReleased(actor, roundId, kindId, released))) throw conflict('投放量不能少于本轮已领取的数量');
    this.invalidate();
    return { ok: true as const };
  }

  async setRoundStatus(actor: Actor, roundId: number, status: 'scheduled' | 'paused' | 'ended') {
    await this.requireOffice(actor);
    if (!(await this.state()).rounds.some((r) => r.id === roundId)) throw notFound(`第 ${roundId} 轮`);
    if (!(await this.repo.setRoundStatus(actor, roundId, status))) throw conflict('该轮已结束，不能恢复或再调整');
    this.invalidate();
    return { ok: true as const };
  }

  /** Expire what is due (run on a timer and before reports). */
  expireDue() {
    return this.repo.expireDue(this.now());
  }
}
