/**
 * The voucher programme's rules in motion, one service per concern: the campaign and its rounds, claims, the till,
 * merchants and their review, the fund and settlement, reports and oversight. This class builds them over one
 * repository and one clock, and is what the module gives the platform (jobs, seed, workbench) and its routes.
 */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { Admission } from '../../core/batcher.js';
import type { UnitOfWork } from '../../core/db.js';
import type { WorkItem } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { ModuleClock, WorkflowService } from '../workflow/index.js';
import { CampaignService } from './campaign.service.js';
import { ClaimsService, DEFAULT_CLAIM_WAIT_MS, type ClaimAnswer, type ClaimInput } from './claims.service.js';
import { merchantFlow } from './merchants.flow.js';
import { MerchantsService, merchantStore } from './merchants.service.js';
import { ReportsService } from './reports.service.js';
import { settlementFlow } from './settlement.flow.js';
import { SettlementService, settlementStore } from './settlement.service.js';
import { TillService } from './till.service.js';
import type { VouchersRepository } from './vouchers.repository.js';
import { CLAIMS_PER_PERSON_PER_KIND_PER_ROUND, SOURCE, VOUCHERS_PER_TRANSACTION } from './vouchers.rules.js';

export { DEFAULT_CLAIM_WAIT_MS, type ClaimAnswer, type ClaimInput };

/** What the programme uses of the platform. */
export interface VoucherPorts {
  accounts: AccountsService;
  workflow: WorkflowService;
  /** The module's access checks, its bodies resolved by directory code. */
  access: Access;
  unitOfWork: UnitOfWork;
}

export class VouchersService {
  readonly campaign: CampaignService;
  readonly claims: ClaimsService;
  readonly till: TillService;
  readonly merchants: MerchantsService;
  readonly settlement: SettlementService;
  readonly reports: ReportsService;

  constructor(
    repo: VouchersRepository,
    ports: VoucherPorts,
    clock: ModuleClock,
    /** Admission by waiting time (VOUCHER_CLAIM_WAIT_MS): past it a claim is answered 503 and writes nothing. */
    claimAdmission: Admission = { targetMs: DEFAULT_CLAIM_WAIT_MS },
  ) {
    // Both figures are held by the schema's unique keys — one redemption per transaction number, one voucher per
    // resident, round and kind — so another figure in the rules needs another schema, not a quiet mismatch.
    if (VOUCHERS_PER_TRANSACTION !== 1 || CLAIMS_PER_PERSON_PER_KIND_PER_ROUND !== 1) {
      throw new Error(`消费券规则（${SOURCE}）改为单笔限用 ${VOUCHERS_PER_TRANSACTION} 张、每人每轮每种限领 ${CLAIMS_PER_PERSON_PER_KIND_PER_ROUND} 张：数据表的唯一约束按各 1 张设计，须同时修改表结构`);
    }
    const { access, unitOfWork } = ports;
    const opts = { access, clock };
    this.campaign = new CampaignService(repo, access, clock.now);
    this.claims = new ClaimsService(repo, this.campaign, clock.now, claimAdmission);
    this.till = new TillService(repo, ports.accounts, unitOfWork, clock.now);
    const merchants = ports.workflow.bind(merchantFlow(repo, clock.now), merchantStore(repo), opts);
    this.merchants = new MerchantsService(repo, access, merchants, this.campaign, unitOfWork, clock.now);
    const statements = ports.workflow.bind(settlementFlow(clock.now), settlementStore(repo), opts);
    this.settlement = new SettlementService(repo, access, statements, unitOfWork, clock.now);
    this.reports = new ReportsService(repo, access, ports.accounts, clock.now);
  }

  /** Set up the campaign from the document when it is not there yet. */
  seedIfEmpty(): Promise<boolean> {
    return this.campaign.seedIfEmpty();
  }

  /** A claim, its refusal returned (the claim route answers the rush's refusals without throwing). */
  tryClaim(actor: Actor, input: ClaimInput): Promise<ClaimAnswer> {
    return this.claims.tryClaim(actor, input);
  }

  /** Expire what is due (run on a timer and before reports). */
  expireDue(): Promise<number> {
    return this.campaign.expireDue();
  }

  /** The document's report fields. */
  report() {
    return this.reports.report();
  }

  /** The fraud leads, for the bureaus that review them. */
  fraudFlags(actor: Actor, sinceDays?: number) {
    return this.reports.fraudFlags(actor, sinceDays);
  }

  /** The invariants, as numbers (tests and the dashboard). */
  snapshot() {
    return this.reports.snapshot();
  }

  /** What waits on the actor. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    return [...(await this.merchants.workbench(actor)), ...(await this.settlement.workbench(actor))];
  }
}
