/** What the toilets routes take and answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { BatchDetail, CompleteBody, HouseholdDetail, HouseholdItem, ImportJob, PaymentsSchema, ScheduleItem, SpotDraw, SurveyBody, ToiletsDashboard } from '../../../../server/src/modules/toilets/toilets.routes.js';

/** A household as a list shows it, with the steps the actor may take (guards not run). */
export type ToiletHousehold = z.output<typeof HouseholdItem>;
export type ToiletHouseholdDetail = z.output<typeof HouseholdDetail>;
export type ToiletBatch = z.output<typeof BatchDetail>;
export type ToiletPayments = z.output<typeof PaymentsSchema>;
/** The county's recorded spot-check draw of a township: seed, who, when, the households and their checks. */
export type ToiletSpotDraw = z.output<typeof SpotDraw>;
export type ToiletScheduleItem = z.output<typeof ScheduleItem>;
export type ToiletsTotals = z.output<typeof ToiletsDashboard>;
export type ToiletImportJob = z.output<typeof ImportJob>;
export type ToiletSurveyRequest = z.input<typeof SurveyBody>;
export type ToiletCompleteRequest = z.input<typeof CompleteBody>;
