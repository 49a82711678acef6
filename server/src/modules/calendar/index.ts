/** The working-day calendar (工作日历): the module's manifest and only public surface. */
import { defineModule } from '../../core/module.js';
import { CalendarRepository } from './calendar.repository.js';
import { calendarRoutes } from './calendar.routes.js';
import { CalendarService } from './calendar.service.js';
import * as m20261128010300 from './migrations/20261128010300-calendar.js';

export { CalendarService } from './calendar.service.js';

export const calendarModule = defineModule({
  name: 'calendar',
  label: '工作日历',
  auditLabels: { entities: { calendar_day: '工作日历日', calendar_year: '工作日历年度' }, actions: { 'calendar_year.declare_complete': '确认全年安排' } },
  migrations: { '20261128010300-calendar': m20261128010300 },
  permissions: { 'calendar.manage': ['county_admin'] },
  errors: { CALENDAR_YEAR_UNKNOWN: '该年份的节假日安排尚未录入，无法计算工作日' },
  create: (ctx) => new CalendarService(new CalendarRepository(ctx.db)),
  routes: { prefix: '/api/calendar', plugin: calendarRoutes },
});

declare module '../../core/module.js' {
  interface Modules {
    calendar: typeof calendarModule;
  }
}
