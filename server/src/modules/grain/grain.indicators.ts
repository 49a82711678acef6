/** 粮食's live figures for other modules' targets (督查督办): read when shown, never copied. */
import type { Indicator } from '../../core/module.js';
import { INDICATOR_KINDS, KIND_UNITS, kgToWanJin, milliToDecimal, type IndicatorKind } from './grain.rules.js';
import type { GrainService } from './grain.service.js';

/** The plan's year (交政发〔2022〕8号, 交政办函〔2022〕13号). */
const YEAR = 2022;

export function grainIndicators(service: GrainService): Record<string, Indicator> {
  const reported = (kind: IndicatorKind): Indicator => ({
    label: `乡镇填报${INDICATOR_KINDS[kind]}（${YEAR}年，指导性计划）`,
    unit: KIND_UNITS[kind],
    perUnit: true,
    value: async (s) => milliToDecimal((await service.targets.comparison(YEAR, s?.unitId)).filter((c) => c.kind === kind).reduce((n, c) => n + c.reportedMilli, 0)),
  });
  return {
    reserve_counted: { label: '县级储备粮在储数量（不含不宜存）', unit: '万斤', value: async () => kgToWanJin((await service.reserveFigures(YEAR)).counted) },
    rotated_in: { label: `县级储备粮轮入验收入库（${YEAR}年）`, unit: '万斤', value: async () => kgToWanJin((await service.reserveFigures(YEAR)).received) },
    sown_area_reported: reported('sown_area'),
    output_reported: reported('output'),
    farmland_reported: reported('farmland'),
  };
}
