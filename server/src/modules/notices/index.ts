/** Public notices (公示): the module's only public surface. */
import type { Db } from '../../core/db.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import { NoticesRepository } from './notices.repository.js';
import { NoticesService, chinaToday } from './notices.service.js';

export { noticesRoutes } from './notices.routes.js';
export { NoticesService, chinaToday } from './notices.service.js';

export const createNotices = (db: Db, calendar: CalendarService, directory: DirectoryService, today: () => string = () => chinaToday()) =>
  new NoticesService(new NoticesRepository(db), calendar, directory, today);
