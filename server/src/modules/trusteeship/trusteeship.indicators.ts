/** 农业生产托管's live figures for other modules' targets (督办): the season's county-accepted area, read when shown. */
import type { Indicator } from '../../core/module.js';
import { mu } from './trusteeship.context.js';
import type { TrusteeshipService } from './trusteeship.service.js';

/** The pilot's season (交政办发〔2022〕16号). */
const SEASON = 2022;

/** 县级验收面积 (亩, exact to the hundredth as stored), county-wide or for one township. */
export function trusteeshipIndicators(service: TrusteeshipService): Record<string, Indicator> {
  return {
    accepted_area: {
      label: '托管服务县级验收面积（2022年）',
      unit: '亩',
      perUnit: true,
      value: async (s) => {
        const d = await service.dashboard(SEASON);
        const rows = s?.unitId === undefined ? d.byCrop : d.byTownship.filter((r) => r.key === String(s.unitId));
        return mu(rows.reduce((n, r) => n + r.acceptedCenti, 0));
      },
    },
  };
}
