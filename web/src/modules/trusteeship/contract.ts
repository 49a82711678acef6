/** What the trusteeship routes take and answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { AcceptBody, ContractBody, ContractSchema, OrgApplication, OrgSchema, SeasonView, TrusteeshipDashboard, WorkBody, WorkDetail } from '../../../../server/src/modules/trusteeship/trusteeship.routes.js';

export type TrusteeshipOrg = z.output<typeof OrgSchema>;
export type TrusteeshipContract = z.output<typeof ContractSchema>;
/** A work as its contract's list shows it, with its actions and step log. */
export type TrusteeshipWork = z.output<typeof WorkDetail>;
/** An organisation's season: its acceptances, the actor's actions, the step log. */
export type TrusteeshipSeason = z.output<typeof SeasonView>;
export type TrusteeshipTotals = z.output<typeof TrusteeshipDashboard>;
export type OrgApplicationRequest = z.input<typeof OrgApplication>;
export type ContractRequest = z.input<typeof ContractBody>;
export type WorkRequest = z.input<typeof WorkBody>;
export type AcceptRequest = z.input<typeof AcceptBody>;
