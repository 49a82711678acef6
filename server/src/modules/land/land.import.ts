/**
 * 地块表导入: the plan's parcel tables are 见网络版 (交政发〔2022〕2号 prints only the totals), so the office imports them
 * from Excel. A preview checks every row by column and writes nothing; a commit enters every row in one unit of work,
 * refused while any row has a problem, the caps taken row by row (a row past a cap rolls the whole file back).
 * (inferred) A county's parcel table is tens of rows: both steps answer at once, with no background job.
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../../core/audit.js';
import { AppError, invalid } from '../../core/errors.js';
import { readUpload } from '../../core/imports.js';
import type { SheetRow, XlsxBudget } from '../../core/excel.js';
import type { PolygonGeometry } from './land.geo.js';
import { HOUSING_TYPES, METHODS, SOURCE, SUB_USES, USES, hectaresToSqm, type HousingType, type MethodCode, type UseCode } from './land.rules.js';
import type { LandService, ParcelInput } from './land.service.js';
import { RESOURCES } from './land.access.js';

/** The template's columns, in order: the file is read by its header row. */
export const LAND_IMPORT_COLUMNS = ['地块编号', '地块名称', '所在地', '用途', '细分用途', '住房类型', '面积（公顷）', '供应方式', '意向用地者', '项目', '边界（GeoJSON）'] as const;
type Column = (typeof LAND_IMPORT_COLUMNS)[number];
const OPTIONAL = new Set<Column>(['细分用途', '住房类型', '项目']);
const header = (c: string) => c.replace(/[（(].*[)）]\s*$/, '').trim();
/** The column each of the service's fields is read from. */
const FIELD_COLUMNS: Readonly<Record<string, Column>> = { use: '用途', subUse: '细分用途', housingType: '住房类型', method: '供应方式', area: '面积（公顷）', boundary: '边界（GeoJSON）' };

export interface ImportRow {
  row: number;
  cells: Record<Column, string>;
  problems: { field: Column; message: string }[];
}

export class LandImport {
  constructor(
    private readonly service: LandService,
    private readonly budget: XlsxBudget,
  ) {}

  /** The template: the header row and a note row; no parcels (见网络版). */
  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('地块表');
    ws.columns = LAND_IMPORT_COLUMNS.map((c) => ({ header: c, width: c === '边界（GeoJSON）' ? 60 : c === '地块名称' ? 28 : 14 }));
    const notes = wb.addWorksheet('填写说明');
    notes.addRows([
      [`依据 ${SOURCE}；地块表见网络版，由县自然资源局按网络版填写`],
      [`用途：${USES.map((u) => u.name).join('、')}`],
      [`细分用途：${Object.values(SUB_USES).flat().map((s) => s.name).join('、')}`],
      [`住房类型（住宅用地填写）：${HOUSING_TYPES.map((h) => h.name).join('、')}`],
      [`供应方式：${METHODS.map((m) => m.name).join('、')}`],
      ['面积：公顷，最多四位小数；边界：GeoJSON Polygon，经纬度（WGS84/CGCS2000）'],
    ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Every row with its problems by column; nothing is written. */
  async preview(actor: Actor, file: Buffer): Promise<{ rows: ImportRow[]; errors: number }> {
    await this.service.access.require(actor, RESOURCES, {}, '导入地块表');
    const rows = await this.read(file);
    return { rows, errors: rows.filter((r) => r.problems.length).length };
  }

  /** Enter every row in one unit of work; refused while a row has a problem, nothing written when one fails. */
  async commit(actor: Actor, year: number, file: Buffer): Promise<{ entered: number }> {
    const { rows, errors } = await this.preview(actor, file);
    if (!rows.length) throw invalid('表中没有地块行', [{ field: 'file', message: '没有数据行' }]);
    if (errors) throw invalid(`有 ${errors} 行存在问题，请按预览修改后重新导入（未写入任何地块）`, [{ field: 'file', message: '存在问题行' }]);
    let at = 0;
    try {
      await this.service.inOneUnit(async () => {
        for (const r of rows) {
          at = r.row;
          await this.service.enterParcel(year, this.input(r), actor);
        }
      });
    } catch (e) {
      if (e instanceof AppError) throw invalid(`第 ${at} 行：${e.message}（整表未写入）`, [{ field: 'file', message: `第 ${at} 行未能登记` }]);
      throw e;
    }
    return { entered: rows.length };
  }

  private async read(file: Buffer): Promise<ImportRow[]> {
    const sheet = await readUpload(file, this.budget, '地块表');
    const [head, ...lines] = sheet.lines as SheetRow[];
    const cols = new Map((head?.cells ?? []).map((c, i) => [header(c ?? ''), i]));
    const missing = LAND_IMPORT_COLUMNS.filter((c) => !cols.has(header(c)));
    if (!head || missing.length) throw invalid(`表头缺少：${missing.map(header).join('、')}（请使用导入模板）`, [{ field: 'file', message: '表头不符' }]);
    const locations = new Set([...(await this.service.townshipNames()), '交城经济开发区']);
    const seen = new Set<string>();
    const out: ImportRow[] = [];
    for (const line of lines) {
      const cells = Object.fromEntries(LAND_IMPORT_COLUMNS.map((c) => [c, (line.cells[cols.get(header(c))!] ?? '').trim()])) as Record<Column, string>;
      if (LAND_IMPORT_COLUMNS.every((c) => !cells[c])) continue;
      const problems: ImportRow['problems'] = [];
      const fail = (field: Column, message: string) => problems.push({ field, message });
      for (const c of LAND_IMPORT_COLUMNS) if (!OPTIONAL.has(c) && !cells[c]) fail(c, `请填写${header(c)}`);
      if (cells['地块编号'] && seen.has(cells['地块编号'])) fail('地块编号', '表内重复');
      seen.add(cells['地块编号']);
      if (cells['地块编号'] && (await this.service.repo.parcelByCode(cells['地块编号']))) fail('地块编号', '该编号已登记');
      if (cells['所在地'] && !locations.has(cells['所在地'])) fail('所在地', `应为本县乡镇或交城经济开发区（${cells['所在地']}）`);
      const use = USES.find((u) => u.name === cells['用途'] || u.code === cells['用途']);
      if (cells['用途'] && !use) fail('用途', `应为${USES.map((u) => u.name).join('、')}之一`);
      const sub = use && cells['细分用途'] ? SUB_USES[use.code].find((s) => s.name === cells['细分用途']) : undefined;
      if (use && cells['细分用途'] && !sub) fail('细分用途', `${use.name}的细分用途应为${SUB_USES[use.code].map((s) => s.name).join('、')}之一`);
      const housing = cells['住房类型'] ? HOUSING_TYPES.find((h) => h.name === cells['住房类型']) : undefined;
      if (cells['住房类型'] && (!housing || use?.code !== 'residential')) fail('住房类型', use?.code === 'residential' ? `应为${HOUSING_TYPES.map((h) => h.name).join('、')}之一` : '仅住宅用地填写住房类型');
      if (use?.code === 'residential' && !cells['住房类型']) fail('住房类型', '住宅用地须填写住房类型（计入 70% 比例）');
      const method = METHODS.find((m) => m.name === cells['供应方式']);
      if (cells['供应方式'] && !method) fail('供应方式', `应为${METHODS.map((m) => m.name).join('、')}之一`);
      const users = Number(cells['意向用地者']);
      if (cells['意向用地者'] && !(Number.isInteger(users) && users >= 0)) fail('意向用地者', '应为不小于 0 的整数');
      const sqm = hectaresToSqm(cells['面积（公顷）']);
      if (cells['面积（公顷）'] && !(Number.isFinite(sqm) && sqm > 0)) fail('面积（公顷）', '应为公顷，最多四位小数');
      let boundary: PolygonGeometry | null = null;
      if (cells['边界（GeoJSON）']) {
        try {
          const g = JSON.parse(cells['边界（GeoJSON）']) as PolygonGeometry & { geometry?: PolygonGeometry };
          boundary = g.type === 'Polygon' ? g : (g.geometry ?? null);
        } catch {
          fail('边界（GeoJSON）', 'GeoJSON 格式错误');
        }
      }
      // The rules on the parcel itself are the service's (the same refusals as entering one by hand), by column.
      if (use && method && boundary && Number.isInteger(users) && cells['面积（公顷）']) {
        const reported = new Set(problems.map((x) => x.field));
        for (const x of this.service.parcelProblems({ ...this.input({ row: line.number, cells, problems }), boundary })) {
          const column = FIELD_COLUMNS[x.field];
          if (column && !reported.has(column)) fail(column, x.summary ?? x.message);
        }
      }
      out.push({ row: line.number, cells, problems });
    }
    return out;
  }

  private input(r: ImportRow): ParcelInput {
    const c = r.cells;
    const use = USES.find((u) => u.name === c['用途'] || u.code === c['用途'])!.code as UseCode;
    const g = JSON.parse(c['边界（GeoJSON）']) as PolygonGeometry & { geometry?: PolygonGeometry };
    return {
      code: c['地块编号'], name: c['地块名称'], location: c['所在地'], use,
      subUse: c['细分用途'] ? (SUB_USES[use].find((s) => s.name === c['细分用途'])?.code ?? c['细分用途']) : null,
      housingType: c['住房类型'] ? ((HOUSING_TYPES.find((h) => h.name === c['住房类型'])?.code ?? c['住房类型']) as HousingType) : null,
      area: c['面积（公顷）'], boundary: g.type === 'Polygon' ? g : g.geometry!, method: METHODS.find((m) => m.name === c['供应方式'])!.code as MethodCode,
      intendingUsers: Number(c['意向用地者']), project: c['项目'],
    };
  }
}
