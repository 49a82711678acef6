/** What the villageplan routes answer, inferred type-only from the server's own schemas. */
import type { z } from 'zod';
import type { CaseDetail, CaseItem, ClassificationItem, Dashboard, ListItem } from '../../../../server/src/modules/villageplan/villageplan.schemas.js';

export type PlanCase = z.output<typeof CaseItem>;
export type PlanCaseDetail = z.output<typeof CaseDetail>;
export type PlanClassification = z.output<typeof ClassificationItem>;
export type PlanListItem = z.output<typeof ListItem>;
export type PlanDashboard = z.output<typeof Dashboard>;
