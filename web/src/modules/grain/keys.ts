/** The data keys of the grain pages: a write reloads what it changed. */
export const GRAIN = ['grain'] as const;
export const KEYS = {
  dashboard: [...GRAIN, 'dashboard'],
  lots: [...GRAIN, 'lots'],
  rotations: [...GRAIN, 'rotations'],
  bids: [...GRAIN, 'bids'],
  targets: [...GRAIN, 'targets'],
} as const;
