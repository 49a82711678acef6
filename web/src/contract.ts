/**
 * What the server takes and answers, inferred from the routes' own request and response schemas (type-only: nothing
 * of the server is bundled). A field the server renames or drops fails the web's type check instead of a page at run time.
 */
import type { z } from 'zod';
import type { AuditRecord, CheckpointAnswer } from '../../server/src/modules/audit/audit.routes.js';
import type { CalendarOverview } from '../../server/src/modules/calendar/calendar.routes.js';
import type { CreateUserBody, UpdateUserBody } from '../../server/src/modules/accounts/accounts.schema.js';
import type { CreateUnitBody, UnitSchema, UpdateUnitBody } from '../../server/src/modules/directory/directory.schema.js';
import type { ExportJob as ExportJobSchema } from '../../server/src/modules/exports/exports.routes.js';
import type { DocumentDetailSchema, DocumentVersion as DocumentVersionSchema, FacetsSchema, SearchAnswer } from '../../server/src/modules/gazette/gazette.schema.js';
import type { NoticeBody, NoticeDetail as NoticeDetailSchema, NoticeSchema, ObjectionBody, ObjectionPage as ObjectionPageSchema } from '../../server/src/modules/notices/notices.routes.js';
import type { CorrectBody, DashboardSchema as SupervisionDashboardSchema, ExtensionBody, FinishBody, ReportBody, TaskDetail as TaskDetailSchema, TaskSchema } from '../../server/src/modules/supervision/supervision.routes.js';
import type { BatchDetail, CompleteBody, HouseholdDetail as ToiletHouseholdDetailSchema, HouseholdSchema as ToiletHouseholdSchema, ImportJob as ToiletImportJobSchema, PaymentsSchema as ToiletPaymentsSchema, ScheduleItem, SpotDraw as ToiletSpotDrawSchema, StartBody, SurveyBody, ToiletsDashboard } from '../../server/src/modules/toilets/toilets.routes.js';
import type { AcceptBody, ContractBody, ContractSchema, OrgApplication, OrgSchema, TrusteeshipDashboard, WorkBody, WorkSchema } from '../../server/src/modules/trusteeship/trusteeship.routes.js';
import type { ClaimBody, ClaimedVoucher, DisqualifyBody, FraudSchema, FundsSchema, LiftBody, StatementSchema, TrancheBody, MerchantApplication, MerchantSchema, MyVoucher, RedemptionAnswer, RedemptionBody, ReportSchema, TodaysRedemptions } from '../../server/src/modules/vouchers/vouchers.schema.js';

type Out<T extends z.ZodType> = z.output<T>;
type In<T extends z.ZodType> = z.input<T>;

export type DocumentDetail = Out<typeof DocumentDetailSchema>;
export type LinkedCitation = NonNullable<DocumentDetail['relations']['repliesTo']>;
export type SearchResult = Out<typeof SearchAnswer>;
export type DocumentVersion = Out<typeof DocumentVersionSchema>;
export type Facets = Out<typeof FacetsSchema>;
export type Unit = Out<typeof UnitSchema>;
export type ExportJob = Out<typeof ExportJobSchema>;
export type AuditEntry = Out<typeof AuditRecord>;
export type AuditCheckpoint = Out<typeof CheckpointAnswer>;
export type CalendarOverviewData = Out<typeof CalendarOverview>;
export type Notice = Out<typeof NoticeSchema>;
export type NoticeDetail = Out<typeof NoticeDetailSchema>;
export type ObjectionPage = Out<typeof ObjectionPageSchema>;
export type Merchant = Out<typeof MerchantSchema>;
export type Mine = Out<typeof MyVoucher>;
/** A redemption as the till just made it. */
export type Redemption = Out<typeof RedemptionAnswer>;
/** One of today's redemptions at the till. */
export type TodaysRedemption = Out<typeof TodaysRedemptions>['items'][number];
export type Report = Out<typeof ReportSchema>;
/** The fund released to the platform and what redemptions drew on it. */
export type Funds = Out<typeof FundsSchema>;
/** A settlement statement with its four steps. */
export type Statement = Out<typeof StatementSchema>;
export type TrusteeshipOrg = Out<typeof OrgSchema>;
export type TrusteeshipContract = Out<typeof ContractSchema>;
export type TrusteeshipWork = Out<typeof WorkSchema>;
export type TrusteeshipTotals = Out<typeof TrusteeshipDashboard>;
export type ToiletHousehold = Out<typeof ToiletHouseholdSchema>;
export type ToiletHouseholdDetail = Out<typeof ToiletHouseholdDetailSchema>;
export type ToiletBatch = Out<typeof BatchDetail>;
export type ToiletPayments = Out<typeof ToiletPaymentsSchema>;
/** The county's recorded spot-check draw of a township: seed, who, when, the households and their checks. */
export type ToiletSpotDraw = Out<typeof ToiletSpotDrawSchema>;
export type ToiletScheduleItem = Out<typeof ScheduleItem>;
export type ToiletsTotals = Out<typeof ToiletsDashboard>;
export type ToiletImportJob = Out<typeof ToiletImportJobSchema>;
export type ToiletSurveyRequest = In<typeof SurveyBody>;
export type ToiletStartRequest = In<typeof StartBody>;
export type ToiletCompleteRequest = In<typeof CompleteBody>;
export type OrgApplicationRequest = In<typeof OrgApplication>;
export type ContractRequest = In<typeof ContractBody>;
export type WorkRequest = In<typeof WorkBody>;
export type AcceptRequest = In<typeof AcceptBody>;
export type SupervisionTask = Out<typeof TaskSchema>;
export type SupervisionTaskDetail = Out<typeof TaskDetailSchema>;
export type SupervisionDashboard = Out<typeof SupervisionDashboardSchema>;
export type TaskCorrection = In<typeof CorrectBody>;
export type TaskReport = In<typeof ReportBody>;
export type TaskFinish = In<typeof FinishBody>;
export type TaskExtension = In<typeof ExtensionBody>;
/** The leads and the disqualifications, in force and lifted. */
export type Oversight = Out<typeof FraudSchema>;

// Requests (what a form sends).
export type NewUser = In<typeof CreateUserBody>;
export type UserChange = In<typeof UpdateUserBody>;
export type NewUnit = In<typeof CreateUnitBody>;
export type UnitChange = In<typeof UpdateUnitBody>;
export type NewNotice = In<typeof NoticeBody>;
export type NewObjection = In<typeof ObjectionBody>;
export type ClaimRequest = In<typeof ClaimBody>;
export type Claimed = Out<typeof ClaimedVoucher>;
export type RedemptionRequest = In<typeof RedemptionBody>;
export type MerchantApplicationRequest = In<typeof MerchantApplication>;
export type DisqualifyRequest = In<typeof DisqualifyBody>;
export type LiftRequest = In<typeof LiftBody>;
export type TrancheRequest = In<typeof TrancheBody>;
