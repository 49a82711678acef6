/** What the supervision routes take and answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { CorrectBody, DashboardSchema, IndicatorSchema, LinkBody, ManualBody, TaskDetail, TaskSchema } from '../../../../server/src/modules/supervision/supervision.routes.js';

export type SupervisionTask = z.output<typeof TaskSchema>;
export type SupervisionTaskDetail = z.output<typeof TaskDetail>;
export type SupervisionDashboard = z.output<typeof DashboardSchema>;
export type TaskCorrection = z.input<typeof CorrectBody>;
export type Figure = NonNullable<SupervisionTask['figures'][number]>;
export type Indicator = z.output<typeof IndicatorSchema>;
export type IndicatorLink = z.input<typeof LinkBody>;
export type ManualTaskBody = z.input<typeof ManualBody>;
