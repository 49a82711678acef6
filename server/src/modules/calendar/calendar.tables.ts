/** Calendar overrides: the module's tables. */
export interface CalendarTables {
  calendar_overrides: { day: string; kind: 'workday' | 'holiday'; note: string | null; created_by: string; created_at: string };
  calendar_years: { year: number; declared_by: string; declared_at: string };
}

declare module '../../core/db.js' {
  interface Database extends CalendarTables {}
}
