/**
 * What every staged Excel import shares (农村改厕's survey, 涉农资金's project tables): the upload read off the event
 * loop within its budget and refused in Chinese past it, the checking process's heartbeat, and the imports a killed or
 * restarted process left 「校验中」. A module keeps its own columns, rows and staging tables.
 */
import { NotXlsx, XlsxOverBudget, XlsxTooLarge, readFirstSheetOffThread, type SheetRow, type XlsxBudget } from './excel.js';
import { AppError, invalid, tooLarge } from './errors.js';

/**
 * A process checking an import shows it is alive this often; one silent for STALE_MS was killed or restarted (its
 * import would otherwise stay 「校验中」 for good). Real time, not the pinned clock: this is about processes, not dates.
 */
const HEARTBEAT_MS = 5_000;
const STALE_MS = 30_000;

/** The heartbeat stamp of an instant (now by default). */
export const heartbeat = (ms = Date.now()) => new Date(ms).toISOString();

/** Imports whose last heartbeat is before this were being checked by a process that has stopped. */
export const staleBefore = () => heartbeat(Date.now() - STALE_MS);

/** Why an import a killed or restarted process was checking failed. */
export const INTERRUPTED = '服务重启，导入中断，请重新上传';

/** An import another process marked failed while this one was still checking it (its progress update found no row). */
export class Superseded extends Error {}

/** The answer to a checking error that is not the user's (the file itself was read). */
const CHECK_FAILED = '校验时出错，本次导入未写入任何数据，请重新上传';

/**
 * The first sheet of an uploaded workbook (off the event loop, within the budget), or the refusal that says which
 * limit it went past; `noun` names what the file should have been (「Excel 名册」).
 */
export async function readUpload(body: Buffer, budget: XlsxBudget, noun: string): Promise<{ rows: number; lines: SheetRow[] }> {
  if (body.subarray(0, 2).toString('latin1') !== 'PK') throw invalid('请上传 Excel 文件（.xlsx）', [{ field: 'file', message: '不是 xlsx 文件' }]);
  try {
    return await readFirstSheetOffThread(body, budget);
  } catch (e) {
    if (e instanceof NotXlsx) throw invalid('文件无法读取：请确认是 Excel（.xlsx）文件', [{ field: 'file', message: '不是可读取的 xlsx 文件' }]);
    if (e instanceof XlsxTooLarge && e.reason === 'ratio') throw tooLarge('file', `文件的压缩比异常（解压后超过压缩前的 ${e.limit} 倍），不是正常的${noun}，已拒绝读取`);
    if (e instanceof XlsxTooLarge) throw tooLarge('file', `文件解压后超过 ${Math.round(e.limit / 1024 / 1024)} MB，无法导入：请分成几个文件分别导入`);
    if (e instanceof XlsxOverBudget && e.budget === 'time') throw tooLarge('file', `文件在 ${Math.round(budget.timeoutMs / 1000)} 秒内未能读完，已停止读取：请分成几个较小的文件分别导入`);
    if (e instanceof XlsxOverBudget) throw tooLarge('file', '文件过大，读取时超出内存限制，已停止读取：请分成几个较小的文件分别导入');
    throw e;
  }
}

/** The hooks a module gives for checking one recorded import behind the answer. */
export interface CheckHooks {
  /** Stamp the import's heartbeat (errors are ignored: the next beat tries again). */
  beat: () => Promise<unknown>;
  /** Check every row and stage them; throws Superseded when the import is no longer 「校验中」. */
  check: () => Promise<void>;
  /** Mark the import failed with the reason, dropping its staged rows. */
  fail: (message: string) => Promise<unknown>;
}

/**
 * Check an import behind the answer, beating its heartbeat until done; a refusal fails it with its own message, an
 * import another process failed keeps INTERRUPTED, anything else a generic reason. Resolves when the check ends.
 */
export function checkBehind(h: CheckHooks): Promise<void> {
  const beat = setInterval(() => void h.beat().catch(() => {}), HEARTBEAT_MS);
  beat.unref();
  return h
    .check()
    .catch(async (e: unknown) => {
      await h.fail(e instanceof AppError ? e.message : e instanceof Superseded ? INTERRUPTED : CHECK_FAILED);
    })
    .finally(() => clearInterval(beat));
}

/**
 * SQLite answers synchronously: without a turn of the event loop between chunks of rows, the server would serve
 * nothing else (not even the import's progress) until the whole file is checked.
 */
export const yieldTurn = () => new Promise<void>((r) => setImmediate(r));
