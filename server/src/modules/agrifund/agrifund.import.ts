/**
 * 项目表导入: the county office's project tables (交政办发〔2022〕8号 附件1–5, 见网络版) from Excel. Every row is checked
 * behind the answer and staged with its problems, each named by its column; nothing is written until the office
 * commits, and then every row becomes a project at 项目申报 through the declaration form's own path, in one unit of work.
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../../core/audit.js';
import { type UnitOfWork } from '../../core/db.js';
import { toXlsx, type SheetRow, type XlsxBudget } from '../../core/excel.js';
import { AppError, conflict, invalid, invalidField, notFound } from '../../core/errors.js';
import { INTERRUPTED, Superseded, checkBehind, heartbeat, readUpload, staleBefore, yieldTurn } from '../../core/imports.js';
import { AUTHORITY } from './agrifund.access.js';
import type { AgrifundImportRepository, ImportJobRow, ImportLineRow } from './agrifund.import.repository.js';
import { IMPORT_MILESTONES, IMPORT_TABLES, fenToWan, wanToFen, type ImportTable } from './agrifund.rules.js';
import type { AgrifundService, ProjectInput } from './agrifund.service.js';

/** The template's columns, in order; a file is read by its header row, a header's note in （） not needed. */
export const IMPORT_COLUMNS = ['项目名称', '乡镇', '村', '实施单位', '子项目/资金类别', '金额（万元，四位小数）', '绩效目标', '计划开工', '计划完工'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const OPTIONAL = new Set<Column>(['村']);
const CHUNK = 500;
/** The template's rows offered with the 乡镇 and 子项目 lists (a county's table is a few hundred rows). */
const TEMPLATE_ROWS = 1000;
const header = (c: string) => c.replace(/[（(].*[)）]\s*$/, '').trim();
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A planned date as offices type it (2022-05-01, 2022/5/1, 2022.5.1, 2022年5月1日) or as Excel stores a date cell. */
function readDate(v: string): string | null {
  if (/^\d{5}(\.\d+)?$/.test(v)) return new Date(EXCEL_EPOCH + Math.floor(Number(v)) * 86_400_000).toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

interface Problem {
  field: Column | '文件';
  message: string;
}

export class AgrifundImport {
  constructor(
    private readonly repo: AgrifundImportRepository,
    private readonly service: AgrifundService,
    private readonly uow: UnitOfWork,
    private readonly now: () => string,
    private readonly budget: XlsxBudget,
  ) {}

  view(j: ImportJobRow) {
    const table = IMPORT_TABLES.find((t) => t.code === j.table_kind);
    return {
      id: j.id, year: j.year, table: j.table_kind, tableName: table?.name ?? j.table_kind, fileName: j.file_name, status: j.status, percent: j.percent,
      rows: j.total, done: j.done, errors: j.errors, good: j.total - j.errors, committed: j.committed, message: j.message, byName: j.by_name, at: j.at,
    };
  }

  /** The template: the header row, 乡镇 and 子项目 offered from the directory and the year's tree; no rows (见网络版). */
  async template(year: number, table: ImportTable): Promise<Buffer> {
    const t = IMPORT_TABLES.find((x) => x.code === table)!;
    const items = (await this.service.items(year)).filter((i) => !t.itemCode || i.code === t.itemCode);
    const towns = await this.service.townships();
    const wb = new ExcelJS.Workbook();
    wb.creator = '县务通';
    const ws = wb.addWorksheet(t.name.replace(/^资金安排建设项目表-?/, '') || '项目表');
    ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c, width: c === '绩效目标' || c === '项目名称' ? 30 : 16 }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const list = (col: Column, values: string[]) => {
      // Excel keeps an inline list under 255 characters; beyond it the office types the name (checked on upload).
      const formula = `"${values.join(',')}"`;
      if (formula.length > 255) return;
      const c = IMPORT_COLUMNS.indexOf(col) + 1;
      for (let r = 2; r <= TEMPLATE_ROWS; r++) ws.getCell(r, c).dataValidation = { type: 'list', allowBlank: false, formulae: [formula], showErrorMessage: false };
    };
    list('乡镇', towns.map((x) => x.name));
    list('子项目/资金类别', items.map((i) => i.name));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Only the county's project authorities import (the 县农业农村局, the 县乡村振兴局, the county administrator). */
  private async requireOffice(actor: Actor) {
    await this.service.access.require(actor, AUTHORITY, {}, '项目表导入');
  }

  /**
   * Start an import: the file is read off the event loop within the reading budget (a file past it is refused and
   * nothing is recorded), the job is recorded and answered at once, and its rows are checked behind it (poll the
   * job). `wait` answers once checked (the demo's seeding).
   */
  async start(actor: Actor, year: number, table: ImportTable, fileName: string, body: Buffer, wait = false) {
    await this.requireOffice(actor);
    if (!(await this.service.items(year)).length) throw invalidField('year', `${year} 年尚无资金安排，不能导入项目`);
    const sheet = await readUpload(body, this.budget, ' Excel 项目表');
    const job = await this.repo.create({ year, table_kind: table, file_name: fileName, status: 'validating', total: 0, done: 0, percent: 0, errors: 0, committed: 0, message: null, by_user_id: actor.userId ?? 0, by_name: actor.name, at: this.now(), heartbeat_at: heartbeat() });
    const checked = checkBehind({
      beat: () => this.repo.progress(job.id, { heartbeat_at: heartbeat() }),
      check: () => this.check(job, sheet),
      fail: (message) => this.repo.fail(job.id, message),
    });
    if (wait) await checked;
    return this.view(wait ? (await this.repo.job(job.id))! : job);
  }

  /** Fail the imports whose checking process stopped (killed, restarted), dropping their staged rows; how many. */
  async recoverInterrupted(): Promise<number> {
    return (await this.repo.failStale(staleBefore(), INTERRUPTED)).length;
  }

  private async check(job: ImportJobRow, sheet: { rows: number; lines: SheetRow[] }) {
    const [head, ...lines] = sheet.lines;
    const cols = new Map((head?.cells ?? []).map((c, i) => [header(c ?? ''), i]));
    const missing = IMPORT_COLUMNS.filter((c) => !cols.has(header(c)));
    if (!head || missing.length) throw invalid(`表头缺少：${missing.join('、')}（请使用导入模板）`);
    const table = IMPORT_TABLES.find((t) => t.code === job.table_kind)!;
    const units = await this.service.units();
    const towns = units.filter((u) => u.kind === 'township');
    const items = await this.service.items(job.year);
    const byName = new Map(items.flatMap((i) => [[i.name, i], [i.code, i], [`${i.code} ${i.name}`, i], [`${i.code}${i.name}`, i]]));
    const used = new Map<string, number>();
    const existing = await this.repo.projectNames(job.year);
    const seen = new Set<string>();
    const expected = Math.max(1, sheet.rows - 1);
    let pending: ImportLineRow[] = [];
    let rows = 0;
    let errors = 0;
    const flush = async () => {
      await this.repo.stage(pending);
      pending = [];
      if (!(await this.repo.progress(job.id, { done: rows, total: rows, errors, percent: Math.min(99, Math.floor((rows * 100) / expected)), heartbeat_at: heartbeat() }))) throw new Superseded();
      await yieldTurn();
    };
    for (const line of lines) {
      const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, (line.cells[cols.get(header(c))!] ?? '').trim()])) as Record<Column, string>;
      if (IMPORT_COLUMNS.every((c) => !cells[c])) continue;
      rows++;
      const problems: Problem[] = [];
      const fail = (field: Column, message: string) => problems.push({ field, message });
      for (const c of IMPORT_COLUMNS) if (!OPTIONAL.has(c) && !cells[c]) fail(c, `请填写${header(c)}`);
      const name = cells['项目名称'];
      if (name.length > 100) fail('项目名称', '不超过 100 个字');
      else if (name && seen.has(name)) fail('项目名称', `「${name}」在本文件中重复`);
      else if (existing.has(name)) fail('项目名称', `「${name}」已在${job.year}年项目清单中`);
      if (name) seen.add(name);
      const town = cells['乡镇'] ? towns.find((t) => t.name === cells['乡镇'] || t.shortNames.includes(cells['乡镇'])) : undefined;
      if (cells['乡镇'] && !town) fail('乡镇', `「${cells['乡镇']}」不是组织机构目录中的乡镇`);
      const v = cells['村'];
      const village = v && town ? units.find((u) => u.kind === 'village' && u.parentId === town.id && (u.name === v || u.shortNames.includes(v) || u.name.replace(/(委员会|委会)$/, '') === v)) : undefined;
      if (v && town && !village) fail('村', `${town.name}没有「${v}」`);
      const item = cells['子项目/资金类别'] ? byName.get(cells['子项目/资金类别'].replace(/\s+/g, ' ')) : undefined;
      if (cells['子项目/资金类别'] && !item) fail('子项目/资金类别', `${job.year}年资金安排中没有子项「${cells['子项目/资金类别']}」`);
      else if (item && table.itemCode && item.code !== table.itemCode) fail('子项目/资金类别', `本表为「${table.name}」，子项应为${items.find((i) => i.code === table.itemCode)?.name ?? table.itemCode}`);
      const amountText = cells['金额（万元，四位小数）'];
      let amount = 0;
      if (amountText && !/^\d{1,9}(\.\d{1,4})?$/.test(amountText)) fail('金额（万元，四位小数）', `「${amountText}」不是以万元为单位、最多四位小数的数`);
      else if (amountText) {
        amount = wanToFen(amountText);
        if (amount <= 0) fail('金额（万元，四位小数）', '金额应大于零');
      }
      if (cells['实施单位'].length > 100) fail('实施单位', '不超过 100 个字');
      if (cells['绩效目标'].length > 1000) fail('绩效目标', '不超过 1000 个字');
      const start = cells['计划开工'] ? readDate(cells['计划开工']) : null;
      const finish = cells['计划完工'] ? readDate(cells['计划完工']) : null;
      if (cells['计划开工'] && !start) fail('计划开工', `「${cells['计划开工']}」不是日期（如 2022-05-01）`);
      if (cells['计划完工'] && !finish) fail('计划完工', `「${cells['计划完工']}」不是日期（如 2022-10-31）`);
      if (start && finish && finish < start) fail('计划完工', '计划完工早于计划开工');
      // What the sub-item has left counts the file's earlier clean rows too: together they may not pass it.
      if (item && amount > 0 && !problems.length) {
        const left = item.allocated_fen - item.committed_fen - (used.get(item.code) ?? 0);
        if (amount > left) fail('金额（万元，四位小数）', `超过「${item.name}」尚可安排的 ${fenToWan(Math.max(0, left))} 万元`);
        else used.set(item.code, (used.get(item.code) ?? 0) + amount);
      }
      const project: ProjectInput | null = problems.length
        ? null
        : {
            year: job.year, itemCode: item!.code, name, townshipId: town!.id, villageId: village?.id ?? null, implementingUnit: cells['实施单位'], amountWan: amountText, targets: cells['绩效目标'],
            milestones: IMPORT_MILESTONES.map((m, i) => ({ name: m.name, dueDate: i === 0 ? start! : finish!, shareBp: m.shareBp })),
          };
      if (problems.length) errors++;
      pending.push({ import_id: job.id, row_no: line.number, cells: JSON.stringify(cells), project: project && JSON.stringify(project), problems: problems.length ? JSON.stringify(problems) : null });
      if (pending.length >= CHUNK) await flush();
    }
    if (!rows) throw invalid('文件中没有项目行');
    await flush();
    const message = errors ? `${errors} 行有错误：请下载错误清单，修改后重新上传（有错误时不写入任何一行）` : `${rows} 行全部通过校验，确认后写入项目清单`;
    if (!(await this.repo.progress(job.id, { status: 'validated', total: rows, done: rows, errors, percent: 100, message }))) throw new Superseded();
  }

  /** An import the actor may see: the office that started it, or any county project authority. */
  async job(actor: Actor, id: number): Promise<ImportJobRow> {
    const j = await this.repo.job(id);
    if (!j || (j.by_user_id !== actor.userId && !(await this.service.access.which(actor, AUTHORITY, {})))) throw notFound(`导入任务 ${id} `);
    return j;
  }

  /** The preview: every staged row as read, with its problems by column. */
  async rows(actor: Actor, id: number, problemsOnly = false) {
    await this.job(actor, id);
    return (await this.repo.rows(id, problemsOnly)).map((r) => ({ row: r.row_no, cells: JSON.parse(r.cells) as Record<Column, string>, problems: r.problems ? (JSON.parse(r.problems) as Problem[]) : [] }));
  }

  /** The rows with problems as a workbook to correct and upload again: the file's columns, then 原因. */
  async errorSheet(actor: Actor, id: number): Promise<Buffer> {
    const rows = await this.rows(actor, id, true);
    type R = (typeof rows)[number];
    return toXlsx<R>('错误清单', [
      { header: '原表行号', value: (r) => r.row },
      ...IMPORT_COLUMNS.map((c) => ({ header: c, value: (r: R) => r.cells[c], width: c === '绩效目标' || c === '项目名称' ? 30 : 16 })),
      { header: '原因', value: (r) => r.problems.map((p) => `${header(p.field)}：${p.message}`).join('；'), width: 60 },
    ], rows);
  }

  /**
   * Write every row as a project at 项目申报, all in one unit of work through the form's own path (its checks, the
   * sub-item's conditional commitment, the step log, the audit). A county office expects 「改好文件重新上传」, so an
   * import with any row in error is refused whole rather than written in part.
   */
  async commit(actor: Actor, id: number) {
    await this.requireOffice(actor);
    const j = await this.job(actor, id);
    if (j.status !== 'validated') throw conflict(j.status === 'validating' ? '仍在校验中' : j.status === 'failed' ? `该导入已失败（${j.message ?? '文件无法读取'}），不能写入` : '该导入已处理');
    if (j.errors) throw conflict(`有 ${j.errors} 行错误，未写入任何项目：请下载错误清单，修改后重新上传`);
    const lines = await this.repo.rows(id);
    await this.uow(async () => {
      if (!(await this.repo.claim(id))) throw conflict('该导入已处理');
      const names = await this.repo.projectNames(j.year);
      for (const l of lines) {
        const p = JSON.parse(l.project!) as ProjectInput;
        const refuse = (why: string) => conflict(`第 ${l.row_no} 行「${p.name}」：${why}，本次导入未写入任何项目，请重新上传`, [{ field: 'file', message: `第 ${l.row_no} 行：${why}` }]);
        // Checked against the list when uploaded; another declaration may have taken the name since.
        if (names.has(p.name)) throw refuse('同名项目已在项目清单中');
        names.add(p.name);
        try {
          await this.service.createProject(actor, p);
        } catch (e) {
          if (e instanceof AppError) throw refuse(e.message);
          throw e;
        }
      }
      await this.repo.committed(id, lines.length);
      await this.repo.audit(actor, id, 'import', { table: j.table_kind, fileName: j.file_name, projects: lines.length, names: lines.map((l) => (JSON.parse(l.project!) as ProjectInput).name) });
    });
    return this.view((await this.repo.job(id))!);
  }

  async discard(actor: Actor, id: number) {
    await this.job(actor, id);
    await this.uow(async () => {
      if (!(await this.repo.discard(id))) throw conflict('该导入已处理');
      await this.repo.audit(actor, id, 'discard');
    });
    return this.view((await this.repo.job(id))!);
  }
}

/** A project table in the template's columns (the demo and the tests build theirs with it). */
export async function projectWorkbook(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目表');
  ws.addRow([...IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
