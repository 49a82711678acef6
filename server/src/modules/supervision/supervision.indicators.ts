/**
 * Targets fed by live figures: a task's target linked to an indicator a programme module declares (its manifest's
 * `indicators`), read through the registry each time the target is shown; supervision never reads their tables.
 */
import type { Actor } from '../../core/audit.js';
import { conflict, invalidField } from '../../core/errors.js';
import type { DeclaredIndicator } from '../../core/module.js';
import type { Target } from './supervision.extract.js';
import type { SupervisionRepository, TaskRow } from './supervision.repository.js';

/** What a target is measured by: an indicator, county-wide (unitId null) or for one unit. */
export interface TargetLink {
  indicator: string;
  unitId: number | null;
}

/** A target's live figure beside it, as shown; `value` null when the module could not answer (`error` says why). */
export interface Figure {
  indicator: string;
  label: string;
  unit: string;
  moduleLabel: string;
  unitId: number | null;
  value: number | string | null;
  error: string | null;
}

/** What the office may link a target to. */
export interface IndicatorChoice {
  key: string;
  label: string;
  unit: string;
  module: string;
  moduleLabel: string;
  perUnit: boolean;
}

export const parseLinks = (json: string): (TargetLink | null)[] => JSON.parse(json) as (TargetLink | null)[];

export class TargetIndicators {
  constructor(
    private readonly repo: SupervisionRepository,
    private readonly declared: () => Record<string, DeclaredIndicator>,
    private readonly knownUnit: (id: number) => Promise<boolean>,
  ) {}

  /** Every indicator the modules declare, for the office to pick from. */
  choices(): IndicatorChoice[] {
    return Object.values(this.declared()).map((i) => ({ key: i.key, label: i.label, unit: i.unit, module: i.module, moduleLabel: i.moduleLabel, perUnit: !!i.perUnit }));
  }

  /**
   * The live figure of each linked target of each task (null where a target is not linked), by target index. One
   * read per indicator and scope however many tasks show it; a module that fails shows its error, not the page's.
   */
  async figures(rows: Pick<TaskRow, 'targets' | 'target_links'>[]): Promise<(Figure | null)[][]> {
    const declared = this.declared();
    const reads = new Map<string, Promise<{ value: number | string | null; error: string | null }>>();
    const read = (i: DeclaredIndicator, unitId: number | null) => {
      const k = `${i.key}|${unitId ?? ''}`;
      if (!reads.has(k)) reads.set(k, i.value(unitId === null ? undefined : { unitId }).then((value) => ({ value, error: null }), (e: unknown) => ({ value: null, error: e instanceof Error ? e.message : String(e) })));
      return reads.get(k)!;
    };
    return Promise.all(rows.map((r) => {
      const n = (JSON.parse(r.targets) as Target[]).length;
      const links = parseLinks(r.target_links);
      return Promise.all(Array.from({ length: n }, async (_, idx) => {
        const l = links[idx];
        const i = l ? declared[l.indicator] : undefined;
        if (!l) return null;
        if (!i) return { indicator: l.indicator, label: l.indicator, unit: '', moduleLabel: '', unitId: l.unitId, value: null, error: '该指标已不再提供' };
        return { indicator: i.key, label: i.label, unit: i.unit, moduleLabel: i.moduleLabel, unitId: l.unitId, ...(await read(i, l.unitId)) };
      }));
    }));
  }

  /** Link target `n` of a task to an indicator (null unlinks); a link made meanwhile answers 409 and writes nothing. */
  async link(actor: Actor, row: TaskRow, n: number, indicator: string | null, unitId: number | null): Promise<void> {
    const targets = JSON.parse(row.targets) as Target[];
    if (n < 0 || n >= targets.length) throw invalidField('n', '指标序号无效', `任务没有第 ${n + 1} 项指标`);
    let link: TargetLink | null = null;
    if (indicator !== null) {
      const i = this.declared()[indicator];
      if (!i) throw invalidField('indicator', '指标不存在', `没有可关联的指标 ${indicator}`);
      if (unitId !== null && !i.perUnit) throw invalidField('unitId', '该指标只有全县数', `${i.label}只有全县数，不能按单位关联`);
      if (unitId !== null && !(await this.knownUnit(unitId))) throw invalidField('unitId', '单位不存在', `单位 ${unitId} 不在组织机构目录中`);
      link = { indicator, unitId };
    }
    const links = parseLinks(row.target_links);
    const next = Array.from({ length: targets.length }, (_, idx) => (idx === n ? link : (links[idx] ?? null)));
    const after = next.some(Boolean) ? JSON.stringify(next) : '[]';
    if (!(await this.repo.linkTargets(actor, row.id, row.target_links, after))) throw conflict('该任务的指标关联刚被他人修改，请刷新后重试');
  }
}
