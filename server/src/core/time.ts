/** Current instant as an ISO-8601 string in UTC (the zone is part of the value). */
export const nowIso = () => new Date().toISOString();
