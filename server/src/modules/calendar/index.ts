/** The working-day calendar (工作日历): the module's only public surface. */
import type { Db } from '../../core/db.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';

export { calendarRoutes } from './calendar.routes.js';
export { CalendarService } from './calendar.service.js';

export const createCalendar = (db: Db) => new CalendarService(new CalendarRepository(db));
