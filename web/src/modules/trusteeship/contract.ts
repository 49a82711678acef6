/** What the trusteeship routes take and answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { AcceptBody, ContractBody, ContractSchema, OrgApplication, OrgSchema, TrusteeshipDashboard, WorkBody, WorkSchema } from '../../../../server/src/modules/trusteeship/trusteeship.routes.js';

export type TrusteeshipOrg = z.output<typeof OrgSchema>;
export type TrusteeshipContract = z.output<typeof ContractSchema>;
export type TrusteeshipWork = z.output<typeof WorkSchema>;
export type TrusteeshipTotals = z.output<typeof TrusteeshipDashboard>;
export type OrgApplicationRequest = z.input<typeof OrgApplication>;
export type ContractRequest = z.input<typeof ContractBody>;
export type WorkRequest = z.input<typeof WorkBody>;
export type AcceptRequest = z.input<typeof AcceptBody>;
