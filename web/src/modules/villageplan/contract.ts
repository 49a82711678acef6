/** What the villageplan routes answer, inferred type-only from the server's own schemas. */
import type { z } from 'zod';
import type { CaseDetail, CaseItem, ClassificationItem, ClassifyBody, Dashboard, EvaluateBody, EvaluationItem, ListItem, Meta, OpenBody } from '../../../../server/src/modules/villageplan/villageplan.schemas.js';

export type PlanCase = z.output<typeof CaseItem>;
export type PlanCaseDetail = z.output<typeof CaseDetail>;
export type PlanClassification = z.output<typeof ClassificationItem>;
export type PlanListItem = z.output<typeof ListItem>;
export type PlanDashboard = z.output<typeof Dashboard>;
export type PlanEvaluation = z.output<typeof EvaluationItem>;
export type PlanMeta = z.output<typeof Meta>;
export type ClassifyInput = z.input<typeof ClassifyBody>;
export type EvaluateInput = z.input<typeof EvaluateBody>;
export type OpenInput = z.input<typeof OpenBody>;
