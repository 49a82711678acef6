/** Claims: one voucher of a kind per resident and round, in the Saturday rush, written in groups (core/batcher.ts). */
import type { Actor } from '../../core/audit.js';
import { Batcher, type Admission } from '../../core/batcher.js';
import { conflict, forbidden, invalidField, unavailable, type AppError } from '../../core/errors.js';
import { inJiaocheng } from '../../core/geo.js';
import type { Shed } from '../../core/pressure.js';
import { openRound, type CampaignService } from './campaign.service.js';
import type { ClaimOutcome, ClaimRequest, VouchersRepository } from './vouchers.repository.js';
import { CLAIM_NEEDS_LOCATION_IN_COUNTY, ROUND_WINDOW_TEXT } from './vouchers.rules.js';

const CLAIM_ERRORS: Record<Exclude<ClaimOutcome, { ok: true }>['reason'] | 'CLOSED' | 'OUTSIDE' | 'UNKNOWN_KIND' | 'BUSY', AppError> = {
  CLOSED: conflict(`当前不在领券时间（${ROUND_WINDOW_TEXT}）`),
  OUTSIDE: invalidField('location', '不在交城县境内', '您当前的位置不在交城县境内，不能领取（须定位在交城县）'),
  UNKNOWN_KIND: invalidField('kindId', '券种不存在'),
  SOLD_OUT: conflict('本轮该券已领完，请下轮再来'),
  BUDGET: conflict('该类消费券的资金已全部投放'),
  DUPLICATE: conflict('本轮您已领取过该券（每人每轮每种券限领 1 张）'),
  DISQUALIFIED: forbidden('您已被取消活动资格'),
  BUSY: unavailable('领券人数较多，正在排队，请稍候（页面会自动重试）', 1),
};

/**
 * How long (ms) the oldest claim may have waited for the database before new ones are answered 503 at once. A
 * wait, not a count: how many claims wait a second depends on how fast the machine writes, what a phone waits does not.
 */
export const DEFAULT_CLAIM_WAIT_MS = 500;

export interface ClaimInput {
  kindId: number;
  lng: number;
  lat: number;
  deviceId: string | null;
}

export type ClaimAnswer =
  | { ok: true; voucher: { voucherId: number; round: number; label: string; category: string; expiresAt: string } }
  | { ok: false; error: AppError };

/** Round and kind in one number (kind ids stay far below it), so the rush's lookups are numeric. */
const KIND_SPAN = 1_000_000;

export class ClaimsService {
  /** Early "sold out" answers per round and kind; the database stays the authority and this only saves it work. */
  private soldOut = new Set<number>();
  /** Per round and kind, the residents this process has seen claim: a repeat is refused without the database. */
  private claimed = new Map<number, Set<number>>();
  private readonly claims: Batcher<ClaimRequest, ClaimOutcome>;

  constructor(
    private readonly repo: VouchersRepository,
    private readonly campaign: CampaignService,
    private readonly now: () => string,
    /** Admission by waiting time (VOUCHER_CLAIM_WAIT_MS): past it a claim is answered 503 and writes nothing. */
    private readonly claimAdmission: Admission = { targetMs: DEFAULT_CLAIM_WAIT_MS },
  ) {
    this.claims = new Batcher((items) => this.repo.claimBatch(items), 256, claimAdmission);
    campaign.onChange(() => this.soldOut.clear());
  }

  /** The claim route's admission before its work (core/pressure.ts): the same target, the batch's wait counted in. */
  get shed(): Shed {
    return { targetMs: this.claimAdmission.targetMs, queuedMs: () => this.claims.oldestWaitMs(), error: CLAIM_ERRORS.BUSY };
  }

  /** Claim one voucher of a kind in the current round, from a location inside the county; throws on refusal. */
  async claim(actor: Actor, input: ClaimInput) {
    const answer = await this.tryClaim(actor, input);
    if (!answer.ok) throw answer.error;
    return answer.voucher;
  }

  /**
   * The same claim, with a refusal returned rather than thrown: in the Saturday rush most answers are
   * refusals (sold out, already claimed), and the route answers them without the error machinery.
   */
  async tryClaim(actor: Actor, input: ClaimInput): Promise<ClaimAnswer> {
    // Every claim, refused from memory or not, lets an overdue queue be written now: a turn of cheap refusals would
    // otherwise hold the admitted claims until it ends.
    this.claims.nudge();
    const now = this.now();
    // The cached campaign state is read synchronously; only a stale cache costs a database trip.
    const { rounds, kinds } = this.campaign.fresh() ?? (await this.campaign.state());
    const round = openRound(rounds, now);
    if (!round) return { ok: false, error: CLAIM_ERRORS.CLOSED };
    if (CLAIM_NEEDS_LOCATION_IN_COUNTY && !inJiaocheng(input.lng, input.lat)) return { ok: false, error: CLAIM_ERRORS.OUTSIDE };
    const kind = kinds.find((k) => k.id === input.kindId);
    if (!kind) return { ok: false, error: CLAIM_ERRORS.UNKNOWN_KIND };
    const userId = actor.userId!;
    const rk = round.id * KIND_SPAN + kind.id;
    let claimed = this.claimed.get(rk);
    if (!claimed) this.claimed.set(rk, (claimed = new Set()));
    if (claimed.has(userId)) return { ok: false, error: CLAIM_ERRORS.DUPLICATE };
    if (this.soldOut.has(rk)) return { ok: false, error: CLAIM_ERRORS.SOLD_OUT };
    const outcome = await this.claims.submit({
      roundId: round.id,
      kindId: kind.id,
      categoryId: kind.category_id,
      userId,
      faceFen: Number(kind.discount_fen),
      thresholdFen: Number(kind.threshold_fen),
      validFrom: round.opens_at,
      expiresAt: round.expires_at,
      lng: input.lng,
      lat: input.lat,
      deviceId: input.deviceId,
      now,
    });
    // The queue already holds a wait past the target: answered with 503 and Retry-After, nothing written, so the
    // page shows 排队中 and tries again.
    if (!outcome) return { ok: false, error: CLAIM_ERRORS.BUSY };
    if (!outcome.ok) {
      if (outcome.reason === 'SOLD_OUT') this.soldOut.add(rk);
      if (outcome.reason === 'DUPLICATE') claimed.add(userId);
      return { ok: false, error: CLAIM_ERRORS[outcome.reason] };
    }
    claimed.add(userId);
    return { ok: true, voucher: { voucherId: outcome.voucherId, round: round.seq, label: kind.label, category: kind.category_name, expiresAt: round.expires_at } };
  }

  /** A resident's vouchers, a claimed one past its expiry shown as expired before the timer catches up. */
  async mine(actor: Actor) {
    const now = this.now();
    return (await this.repo.vouchersOf(actor.userId!)).map((v) => ({
      id: v.id,
      round: v.seq,
      category: v.category_name,
      categoryCode: v.category_code,
      label: v.label,
      faceFen: Number(v.face_fen),
      thresholdFen: Number(v.threshold_fen),
      status: v.status === 'claimed' && v.expires_at <= now ? 'expired' : v.status,
      expiresAt: v.expires_at,
    }));
  }
}
