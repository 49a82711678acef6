/** What the calendar routes answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { CalendarOverview } from '../../../../server/src/modules/calendar/calendar.routes.js';

export type CalendarOverviewData = z.output<typeof CalendarOverview>;
