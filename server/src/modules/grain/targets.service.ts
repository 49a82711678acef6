/**
 * 粮食生产及耕地资源利用指导性计划指标 (交政办函〔2022〕13号): indicator types, targets per township entered or imported
 * from the online table (row checks, an error sheet, nothing written until commit), always 指导性, and the
 * townships' seasonal reports against them.
 */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { isUniqueViolation, type UnitOfWork } from '../../core/db.js';
import { NotXlsx, XlsxOverBudget, XlsxTooLarge, readFirstSheetOffThread, toXlsx, type SheetRow, type XlsxBudget } from '../../core/excel.js';
import { conflict, forbidden, invalid, invalidField, notFound, tooLarge } from '../../core/errors.js';
import type { DirectoryService } from '../directory/index.js';
import { FARM, requireParty } from './grain.access.js';
import { INDICATOR_KINDS, KIND_UNITS, REPORT_SEASONS, TARGETS_GUIDANCE, TARGETS_SOURCE, decimalToMilli, milliToDecimal, type IndicatorKind, type ReportSeason } from './grain.rules.js';
import type { TargetImportRow, TargetsRepository } from './targets.repository.js';

/** The import sheet's columns, in order (the template writes them; a file's first row must carry them). */
export const IMPORT_COLUMNS = ['乡（镇）', '指标', '目标值', '单位'] as const;

interface StagedRow { row: number; townshipId: number; indicatorId: number; valueMilli: number }
interface RowError { row: number; cells: string[]; message: string }

export class TargetsService {
  constructor(
    private readonly repo: TargetsRepository,
    private readonly directory: DirectoryService,
    private readonly access: Access,
    private readonly budget: XlsxBudget,
    private readonly uow: UnitOfWork,
    private readonly now: () => string,
  ) {}

  private async townships() {
    return (await this.directory.all()).filter((u) => u.kind === 'township');
  }

  async indicators() {
    return (await this.repo.indicators()).map((i) => ({ id: i.id, name: i.name, kind: i.kind, kindLabel: INDICATOR_KINDS[i.kind as IndicatorKind] ?? i.kind, unit: i.unit }));
  }

  /** A new indicator type (a column of the online table), its unit fixed by its kind. */
  async addIndicator(actor: Actor, b: { name: string; kind: IndicatorKind }) {
    await requireParty(this.access, actor, FARM, '指标类型');
    try {
      const row = await this.repo.addIndicator(actor, { name: b.name, kind: b.kind, unit: KIND_UNITS[b.kind], created_by: actor.name, created_at: this.now() });
      return { id: row.id, name: row.name, kind: row.kind, kindLabel: INDICATOR_KINDS[b.kind], unit: row.unit };
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`指标「${b.name}」已有`, [{ field: 'name', message: '已有' }]);
      throw e;
    }
  }

  /** Targets of a year: a township reads its own, the county every township's. */
  async targets(actor: Actor, year: number) {
    const own = actor.role === 'township_official' ? (actor.unitId ?? -1) : undefined;
    const [rows, inds, towns] = await Promise.all([this.repo.targets(year, own), this.repo.indicators(), this.townships()]);
    const ind = new Map(inds.map((i) => [i.id, i]));
    const town = new Map(towns.map((t) => [t.id, t.name]));
    return rows.map((r) => ({ id: r.id, year: r.year, townshipId: r.township_id, township: town.get(r.township_id) ?? '', indicatorId: r.indicator_id, indicator: ind.get(r.indicator_id)?.name ?? '', unit: ind.get(r.indicator_id)?.unit ?? '', value: milliToDecimal(r.value_milli), nature: TARGETS_GUIDANCE, origin: r.origin, enteredBy: r.entered_by, enteredAt: r.entered_at }));
  }

  /** One target entered by hand (from the online table). */
  async enterTarget(actor: Actor, b: { year: number; townshipId: number; indicatorId: number; value: string }) {
    await requireParty(this.access, actor, FARM, '指标任务录入');
    if (!(await this.townships()).some((t) => t.id === b.townshipId)) throw invalidField('townshipId', '不是组织机构目录中的乡（镇）');
    if (!(await this.repo.indicators()).some((i) => i.id === b.indicatorId)) throw invalidField('indicatorId', '没有这一指标类型');
    const milli = decimalToMilli(b.value);
    await this.repo.putTargets(actor, [{ year: b.year, township_id: b.townshipId, indicator_id: b.indicatorId, value_milli: milli, origin: '录入', entered_by: actor.name, entered_at: this.now() }], 'enter', `${b.year}.${b.townshipId}.${b.indicatorId}`);
    return (await this.targets(actor, b.year)).find((t) => t.townshipId === b.townshipId && t.indicatorId === b.indicatorId)!;
  }

  /** The import template: one row per township and indicator, the values left for the office to fill. */
  async template(): Promise<Buffer> {
    const [towns, inds] = await Promise.all([this.townships(), this.repo.indicators()]);
    const rows = towns.flatMap((t) => inds.map((i) => [t.name, i.name, '', i.unit]));
    return toXlsx(`${TARGETS_SOURCE}指标任务表`, IMPORT_COLUMNS.map((h, n) => ({ header: h, value: (r: string[]) => r[n], width: n === 1 ? 24 : 14 })), rows);
  }

  private async read(body: Buffer) {
    try {
      return await readFirstSheetOffThread(body, this.budget);
    } catch (e) {
      if (e instanceof NotXlsx) throw invalid('文件无法读取：请确认是 Excel（.xlsx）文件', [{ field: 'file', message: '不是可读取的 xlsx 文件' }]);
      if (e instanceof XlsxTooLarge || e instanceof XlsxOverBudget) throw tooLarge('file', '文件过大或压缩比异常，已拒绝读取');
      throw e;
    }
  }

  /** Check every row of an uploaded table and stage the good ones; nothing is written to the targets until commit. */
  async importCheck(actor: Actor, year: number, fileName: string, body: Buffer) {
    await requireParty(this.access, actor, FARM, '指标任务导入');
    const sheet = await this.read(body);
    const [head, ...lines] = sheet.lines;
    if (!head || IMPORT_COLUMNS.slice(0, 3).some((c, i) => (head.cells[i] ?? '').trim() !== c)) throw invalidField('file', `第一行应为表头：${IMPORT_COLUMNS.join('、')}（请使用导入模板）`);
    const towns = await this.townships();
    const inds = new Map((await this.repo.indicators()).map((i) => [i.name, i]));
    const good: StagedRow[] = [];
    const errors: RowError[] = [];
    const seen = new Set<string>();
    for (const l of lines as SheetRow[]) {
      const [t = '', n = '', v = '', u = ''] = l.cells.map((c) => (c ?? '').trim());
      if (!t && !n && !v) continue;
      const fail = (message: string) => errors.push({ row: l.number, cells: [t, n, v, u], message });
      const town = towns.find((x) => x.name === t || x.shortNames.includes(t));
      if (!town) fail(`「${t}」不是组织机构目录中的乡（镇）`);
      else if (!inds.has(n)) fail(`没有指标「${n}」（请先添加指标类型）`);
      else if (u && u !== inds.get(n)!.unit) fail(`指标「${n}」的单位为${inds.get(n)!.unit}，不是${u}`);
      else if (!/^\d{1,9}(\.\d{1,3})?$/.test(v)) fail(v ? `目标值「${v}」应为不小于 0 的数，最多三位小数` : '目标值为空');
      else if (seen.has(`${town.id}|${n}`)) fail(`${t}的「${n}」在表中重复`);
      else {
        seen.add(`${town.id}|${n}`);
        good.push({ row: l.number, townshipId: town.id, indicatorId: inds.get(n)!.id, valueMilli: decimalToMilli(v) });
      }
    }
    const job = await this.repo.addImport({ year, file_name: fileName, status: 'checked', rows: JSON.stringify(good), errors: JSON.stringify(errors), total: good.length + errors.length, user_id: actor.userId, by_name: actor.name, created_at: this.now(), committed_at: null });
    return this.view(job);
  }

  view(j: TargetImportRow) {
    const errors = JSON.parse(j.errors) as RowError[];
    return { id: j.id, year: j.year, fileName: j.file_name, status: j.status, total: j.total, good: j.total - errors.length, errors: errors.map((e) => ({ row: e.row, message: e.message })), byName: j.by_name, createdAt: j.created_at };
  }

  private async job(actor: Actor, id: number) {
    const j = await this.repo.importJob(id);
    if (!j || (j.user_id !== actor.userId && actor.role !== 'county_admin')) throw notFound(`导入 ${id}`);
    return j;
  }

  /** The rows refused, with their reasons, as a sheet to correct and import again. */
  async errorSheet(actor: Actor, id: number): Promise<Buffer> {
    const errors = JSON.parse((await this.job(actor, id)).errors) as RowError[];
    return toXlsx('错误行', [{ header: '行号', value: (e: RowError) => e.row }, ...IMPORT_COLUMNS.map((h, n) => ({ header: h, value: (e: RowError) => e.cells[n] })), { header: '错误原因', value: (e: RowError) => e.message, width: 48 }], errors);
  }

  /** Write a checked import's rows, all of them in one unit of work; a table with refused rows is not written. */
  async commit(actor: Actor, id: number) {
    await requireParty(this.access, actor, FARM, '指标任务导入');
    const j = await this.job(actor, id);
    const errors = JSON.parse(j.errors) as RowError[];
    if (j.status !== 'checked') throw conflict(j.status === 'committed' ? '该导入已写入' : '该导入已放弃');
    if (errors.length) throw conflict(`有 ${errors.length} 行未通过检查：请下载错误行改正后重新导入`);
    const rows = JSON.parse(j.rows) as StagedRow[];
    const at = this.now();
    await this.uow(async () => {
      if (!(await this.repo.closeImport(id, 'committed', at))) throw conflict('该导入已由他人写入或放弃');
      await this.repo.putTargets(actor, rows.map((r) => ({ year: j.year, township_id: r.townshipId, indicator_id: r.indicatorId, value_milli: r.valueMilli, origin: `导入 #${id}`, entered_by: actor.name, entered_at: at })), 'import', id);
    });
    return this.view((await this.repo.importJob(id))!);
  }

  async discard(actor: Actor, id: number) {
    await this.job(actor, id);
    if (!(await this.repo.closeImport(id, 'discarded', this.now()))) throw conflict('该导入已写入或已放弃');
    return this.view((await this.repo.importJob(id))!);
  }

  /** A township's progress for a season (its own township only; a correction replaces the season's figure). */
  async report(actor: Actor, b: { year: number; indicatorId: number; season: ReportSeason; value: string; note: string | null }) {
    if (actor.role !== 'township_official' || !actor.unitId) throw forbidden('进度由各乡（镇）填报');
    if (!(await this.repo.indicators()).some((i) => i.id === b.indicatorId)) throw invalidField('indicatorId', '没有这一指标类型');
    const milli = decimalToMilli(b.value);
    const row = await this.repo.putReport(actor, { year: b.year, township_id: actor.unitId, indicator_id: b.indicatorId, season: b.season, value_milli: milli, note: b.note, reported_by: actor.name, reported_at: this.now() });
    return (await this.reports(actor, b.year)).find((r) => r.id === row.id)!;
  }

  async reports(actor: Actor, year: number) {
    const own = actor.role === 'township_official' ? (actor.unitId ?? -1) : undefined;
    const [rows, inds, towns] = await Promise.all([this.repo.reports(year, own), this.repo.indicators(), this.townships()]);
    const ind = new Map(inds.map((i) => [i.id, i]));
    const town = new Map(towns.map((t) => [t.id, t.name]));
    return rows.map((r) => ({ id: r.id, year: r.year, townshipId: r.township_id, township: town.get(r.township_id) ?? '', indicatorId: r.indicator_id, indicator: ind.get(r.indicator_id)?.name ?? '', unit: ind.get(r.indicator_id)?.unit ?? '', season: r.season, value: milliToDecimal(r.value_milli), note: r.note, reportedBy: r.reported_by, reportedAt: r.reported_at }));
  }

  /**
   * Target against reported, per indicator and township: a township's figure is its latest season's (the seasons in
   * their order), since each season reports progress to date (inferred).
   */
  async comparison(year: number, townshipId?: number) {
    const [targets, reports, inds, towns] = await Promise.all([this.repo.targets(year, townshipId), this.repo.reports(year, townshipId), this.repo.indicators(), this.townships()]);
    const latest = new Map<string, { milli: number; season: string }>();
    for (const r of reports) {
      const k = `${r.indicator_id}|${r.township_id}`;
      const prev = latest.get(k);
      if (!prev || REPORT_SEASONS.indexOf(r.season as ReportSeason) >= REPORT_SEASONS.indexOf(prev.season as ReportSeason)) latest.set(k, { milli: r.value_milli, season: r.season });
    }
    const target = new Map(targets.map((t) => [`${t.indicator_id}|${t.township_id}`, t.value_milli]));
    return inds.map((i) => {
      const rows = towns
        .filter((t) => townshipId === undefined || t.id === townshipId)
        .map((t) => ({ townshipId: t.id, township: t.name, targetMilli: target.get(`${i.id}|${t.id}`) ?? null, reportedMilli: latest.get(`${i.id}|${t.id}`)?.milli ?? null, season: latest.get(`${i.id}|${t.id}`)?.season ?? null }));
      const sum = (f: (r: (typeof rows)[number]) => number | null) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);
      return { indicatorId: i.id, indicator: i.name, kind: i.kind, unit: i.unit, target: milliToDecimal(sum((r) => r.targetMilli)), reported: milliToDecimal(sum((r) => r.reportedMilli)), reportedMilli: sum((r) => r.reportedMilli), byTownship: rows.map((r) => ({ townshipId: r.townshipId, township: r.township, target: r.targetMilli === null ? null : milliToDecimal(r.targetMilli), reported: r.reportedMilli === null ? null : milliToDecimal(r.reportedMilli), season: r.season })) };
    });
  }
}
