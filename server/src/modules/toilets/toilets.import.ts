/**
 * 摸底名册导入: a county's or township's survey from Excel, read from the sheet's XML (a 100,000-row file never becomes
 * a workbook object model in memory), every row validated, staged, and written only when the user decides — all good
 * rows or none.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { type SheetRow, type XlsxBudget } from '../../core/excel.js';
import type { Actor } from '../../core/audit.js';
import { scopeOf } from '../../core/access.js';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { INTERRUPTED, Superseded, checkBehind, heartbeat, readUpload, staleBefore, yieldTurn } from '../../core/imports.js';
import { validateMobile, validateResidentId } from '../../core/identifiers.js';
import { isUniqueViolation } from '../../core/db.js';
import type { DirectoryService } from '../directory/index.js';
import type { ImportLine, ImportRow, ToiletsRepository } from './toilets.repository.js';
import { CURRENT_TYPES } from './toilets.rules.js';

/** The template's columns, in order; a file may order them as it likes, matched by header. */
export const IMPORT_COLUMNS = ['乡镇', '村', '户主姓名', '身份证号', '联系电话', '住址', '家庭人口', '现有厕所类型', '坑位数', '已达卫生厕所标准', '改厕意愿'] as const;
const REQUIRED = ['乡镇', '村', '户主姓名', '身份证号', '联系电话', '住址', '现有厕所类型', '改厕意愿'] as const;
const CHUNK = 5000;

const yes = (v: string) => /^(是|有|愿意|Y|YES|1)$/i.test(v);
const no = (v: string) => /^(否|无|不愿意|N|NO|0)?$/i.test(v);

export class ToiletsImport {
  constructor(
    private readonly repo: ToiletsRepository,
    private readonly directory: DirectoryService,
    private readonly isOffice: (actor: Actor) => Promise<boolean>,
    private readonly now: () => string,
    private readonly today: () => string,
    private readonly budget: XlsxBudget,
  ) {}

  view(j: ImportRow) {
    return { id: j.id, fileName: j.file_name, status: j.status, percent: j.percent, rows: j.total, done: j.done, errors: j.errors, committed: j.committed, message: j.message, at: j.at };
  }

  /**
   * Start an import: the file is read (off the event loop, within the reading budget; a file past it is refused and
   * nothing is recorded), then the job is recorded and answered at once; the rows are checked behind it (poll its
   * progress).
   */
  async start(actor: Actor, fileName: string, body: Buffer) {
    const office = await this.isOffice(actor);
    const scope = scopeOf(actor);
    if (!office && scope.kind !== 'township') throw forbidden('摸底名册由乡（镇）或县农业农村局导入');
    const sheet = await readUpload(body, this.budget, ' Excel 名册');
    const job = await this.repo.createImport({ file_name: fileName, status: 'validating', total: 0, percent: 0, done: 0, errors: 0, committed: 0, message: null, by_user_id: actor.userId ?? 0, by_name: actor.name, scope_township_id: office || scope.kind !== 'township' ? null : scope.townshipId, at: this.now(), heartbeat_at: heartbeat() });
    void checkBehind({
      beat: () => this.repo.progressImport(job.id, { heartbeat_at: heartbeat() }),
      check: () => this.validate(job, sheet),
      fail: (message) => this.repo.failImport(job.id, message),
    });
    return this.view(job);
  }

  /** Fail the imports whose checking process stopped (killed, restarted), dropping their staged rows; how many. */
  async recoverInterrupted(): Promise<number> {
    return (await this.repo.failStaleImports(staleBefore(), INTERRUPTED)).length;
  }

  private async validate(job: ImportRow, sheet: { rows: number; lines: SheetRow[] }) {
    const units = await this.directory.all();
    const townships = new Map(units.filter((u) => u.kind === 'township').map((u) => [u.name, u.id]));
    const villages = new Map(units.filter((u) => u.kind === 'village').map((u) => [`${u.parentId}|${u.name}`, u.id]));
    const types = new Map<string, string>(CURRENT_TYPES.flatMap((t) => [[t.name, t.code], [t.name.replace(/（.*）/, ''), t.code]]));
    const today = new Date(`${this.today()}T12:00:00+08:00`);
    const expected = Math.max(1, sheet.rows - 1);
    const seen = new Set<string>();
    let pending: ImportLine[] = [];
    let rows = 0;
    let errors = 0;
    let cols: Map<string, number> | null = null;
    const flush = async () => {
      if (!pending.length) return;
      const existing = await this.repo.existingIds(pending.filter((r) => !r.error).map((r) => r.id_no));
      for (const r of pending) if (!r.error && existing.has(r.id_no)) r.error = '该身份证号的农户已在改厕名册中';
      errors += pending.filter((r) => r.error).length;
      await this.repo.stageRows(pending);
      pending = [];
      if (!(await this.repo.progressImport(job.id, { done: rows, total: rows, errors, percent: Math.min(99, Math.floor((rows * 100) / expected)), heartbeat_at: heartbeat() }))) throw new Superseded();
      await yieldTurn();
    };
    for (const row of sheet.lines) {
      const values = row.cells;
      if (!cols) {
        cols = new Map(values.map((v, i) => [v, i]));
        const missing = REQUIRED.filter((c) => !cols!.has(c));
        if (missing.length) throw invalid(`表头缺少：${missing.join('、')}（请使用导入模板）`);
        continue;
      }
      const get = (c: (typeof IMPORT_COLUMNS)[number]) => values[cols!.get(c) ?? -1] ?? '';
      if (values.every((v) => !v)) continue;
      rows++;
      const problems: string[] = [];
      const tName = get('乡镇');
      const tId = townships.get(tName) ?? null;
      const vId = tId === null ? null : (villages.get(`${tId}|${get('村')}`) ?? null);
      if (tId === null) problems.push(`乡镇「${tName}」不在组织机构目录中`);
      else if (vId === null) problems.push(`${tName}没有「${get('村')}」`);
      else if (job.scope_township_id !== null && tId !== job.scope_township_id) problems.push('只能导入本乡镇的农户');
      const idNo = get('身份证号').toUpperCase();
      const idv = validateResidentId(idNo, today);
      if (!idv.valid) problems.push(`身份证号无效：${idv.reason}`);
      else if (seen.has(idNo)) problems.push('身份证号在本文件中重复');
      seen.add(idNo);
      const name = get('户主姓名');
      if (!name || name.length > 40) problems.push('请填写户主姓名');
      const phone = get('联系电话');
      if (!validateMobile(phone).valid) problems.push('联系电话应为 11 位手机号');
      const address = get('住址');
      if (!address) problems.push('请填写住址');
      const type = types.get(get('现有厕所类型')) ?? null;
      if (!type) problems.push(`现有厕所类型应为：${CURRENT_TYPES.map((t) => t.name).join('、')}`);
      const membersText = get('家庭人口') || '0';
      const members = /^\d{1,2}$/.test(membersText) ? Number(membersText) : -1;
      if (members < 0) problems.push('家庭人口应为整数');
      const pitsText = get('坑位数') || '1';
      const pits = /^\d{1,3}$/.test(pitsText) && Number(pitsText) > 0 ? Number(pitsText) : -1;
      if (pits < 0 || (type !== 'public' && pits !== 1)) problems.push('坑位数：农户厕所为 1，集体厕所、公厕填实际坑位');
      const sanitaryText = get('已达卫生厕所标准');
      const wishText = get('改厕意愿');
      if (!yes(sanitaryText) && !no(sanitaryText)) problems.push('已达卫生厕所标准应填「是」或「否」');
      if (!yes(wishText) && !no(wishText)) problems.push('改厕意愿应填「是」或「否」');
      pending.push({
        import_id: job.id,
        row_no: row.number,
        township_id: tId,
        village_id: vId,
        head_name: name.slice(0, 40),
        id_no: idNo.slice(0, 18),
        phone: phone.slice(0, 20),
        address: address.slice(0, 120),
        members: Math.max(0, members),
        current_type: type ?? '',
        pits: Math.max(1, pits),
        sanitary: yes(sanitaryText) ? 1 : 0,
        wish: yes(wishText) ? 1 : 0,
        error: problems.length ? problems.join('；') : null,
      });
      if (pending.length >= CHUNK) await flush();
    }
    if (!cols) throw invalid('文件中没有数据');
    await flush();
    const message = errors ? `${errors} 行有错误：可下载错误清单修改后重新导入，或选择只导入正确的行` : `${rows} 行全部通过校验`;
    if (!(await this.repo.progressImport(job.id, { status: 'validated', total: rows, done: rows, errors, percent: 100, message }))) throw new Superseded();
  }

  async job(actor: Actor, id: number) {
    const j = await this.repo.importJob(id);
    if (!j || (j.by_user_id !== actor.userId && !(await this.isOffice(actor)))) throw notFound(`导入任务 ${id} `);
    return j;
  }

  /** Write the good rows; with errors, only when the user chose to keep the good ones. All of them, or none. */
  async commit(actor: Actor, id: number, keepGood: boolean) {
    const j = await this.job(actor, id);
    if (j.status !== 'validated') throw conflict(j.status === 'validating' ? '仍在校验中' : j.status === 'failed' ? `该导入已失败（${j.message ?? '文件无法读取'}），不能写入` : '该导入已处理');
    if (j.errors && !keepGood) throw conflict(`有 ${j.errors} 行错误：请下载错误清单修改后重新导入，或选择只导入正确的行`);
    try {
      const n = await this.repo.commitImport(actor, id, actor.name, this.now(), !keepGood);
      if (n === null) throw conflict('该导入已处理');
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('校验之后有农户已另行登记（身份证号重复），本次导入未写入任何数据，请重新导入');
      throw e;
    }
    return this.view((await this.repo.importJob(id))!);
  }

  async discard(actor: Actor, id: number) {
    await this.job(actor, id);
    if (!(await this.repo.discardImport(actor, id))) throw conflict('该导入已处理');
    return this.view((await this.repo.importJob(id))!);
  }

  /** The rows with errors, each with its reason (a workbook to correct and import again). */
  async errorRows(actor: Actor, id: number) {
    await this.job(actor, id);
    return this.repo.importErrors(id);
  }
}

/** A survey workbook (the import's template; tests and the benchmark make large ones with it). */
export async function surveyWorkbook(rows: readonly (readonly (string | number)[])[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('摸底名册');
  ws.addRow([...IMPORT_COLUMNS]).commit();
  for (const r of rows) ws.addRow([...r]).commit();
  await ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}
