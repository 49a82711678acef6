/** What the grain routes take and answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { Comparison, FinanceLedger, ImportSchema, IndicatorSchema, LotSchema, OrderSchema, ReportSchema, ReserveDashboard, RotationDetail, RotationSchema, TargetSchema } from '../../../../server/src/modules/grain/grain.schema.js';

export type GrainLot = z.output<typeof LotSchema>;
export type GrainRotation = z.output<typeof RotationSchema>;
export type GrainRotationDetail = z.output<typeof RotationDetail>;
export type GrainOrder = z.output<typeof OrderSchema>;
export type GrainFinance = z.output<typeof FinanceLedger>;
export type GrainDashboard = z.output<typeof ReserveDashboard>;
export type GrainIndicator = z.output<typeof IndicatorSchema>;
export type GrainTarget = z.output<typeof TargetSchema>;
export type GrainReport = z.output<typeof ReportSchema>;
export type GrainImport = z.output<typeof ImportSchema>;
export type GrainComparison = z.output<typeof Comparison>;
