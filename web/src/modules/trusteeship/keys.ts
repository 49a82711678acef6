/** The data keys of 农业生产托管: a step or a write invalidates what it changed, and every tab showing it loads again. */
export const SEASON = 2022;
export const KEYS = {
  all: ['trusteeship'],
  orgs: ['trusteeship', 'orgs'],
  contracts: ['trusteeship', 'contracts'],
  works: (contractId: number) => ['trusteeship', 'works', contractId],
  allWorks: ['trusteeship', 'works'],
  season: (orgId: number) => ['trusteeship', 'season', orgId],
  sheet: (orgId: number) => ['trusteeship', 'sheet', orgId],
} as const;
