/** What the land routes answer, inferred type-only from the server's own schemas. */
import type { z } from 'zod';
import type { CheckResult, Dashboard, Meta, ParcelBody, ParcelItem, Plan, PublicParcel } from '../../../../server/src/modules/land/land.schemas.js';

export type LandMeta = z.output<typeof Meta>;
export type LandPlan = z.output<typeof Plan>;
export type LandParcel = z.output<typeof ParcelItem>;
export type LandParcelBody = z.input<typeof ParcelBody>;
export type LandCheck = z.output<typeof CheckResult>;
export type LandDashboard = z.output<typeof Dashboard>;
export type LandPublicParcel = z.output<typeof PublicParcel>;
import type { ImportPreview } from '../../../../server/src/modules/land/land.routes.js';
export type LandImportPreview = z.output<typeof ImportPreview>;
