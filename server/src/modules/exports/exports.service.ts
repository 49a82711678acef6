/**
 * Export jobs: a user starts one of the exports the modules declare, gets its id at once, watches rows done of total,
 * and downloads the file when it is ready — only that user (anyone else gets 404). Files are kept KEEP_MS, then cleaned.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../../core/audit.js';
import { conflict, notFound, unauthorized } from '../../core/errors.js';
import { writeXlsx, type ExportSpec } from '../../core/exports.js';
import type { ExportJobRow, ExportsRepository } from './exports.repository.js';

/** How long a finished export stays downloadable. */
export const KEEP_MS = 24 * 3_600_000;
/** A running job whose progress has not moved for this long lost its process (a restart): it is marked failed. */
const STALE_MS = 10 * 60_000;
/** Progress is written at most this often (once per page would be a write per 500 rows). */
const PROGRESS_EVERY_MS = 500;

/** One declared export: which module's, its name there, and what it is. */
export interface DeclaredExport {
  module: string;
  name: string;
  spec: ExportSpec;
}

export class ExportsService {
  private readonly running = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly repo: ExportsRepository,
    private readonly dir: string,
    private readonly now: () => string,
    private readonly log: (msg: string) => void,
  ) {}

  view(j: ExportJobRow) {
    return {
      id: j.id,
      title: j.title,
      fileName: j.file_name,
      status: j.status,
      done: j.done,
      total: j.total,
      percent: j.status === 'ready' ? 100 : j.total ? Math.min(99, Math.floor((j.done * 100) / j.total)) : 0,
      message: j.message,
      at: j.created_at,
      download: j.status === 'ready' ? `/api/exports/${j.id}/file` : null,
    };
  }

  private path(id: number) {
    return join(this.dir, `${id}.xlsx`);
  }

  /** Start the actor's export: counted and recorded now (the spec refuses whoever may not have it), written behind. */
  async start(actor: Actor, e: DeclaredExport) {
    if (actor.userId === null) throw unauthorized();
    const total = await e.spec.count(actor);
    const at = this.now();
    const job = await this.repo.create({ owner_id: actor.userId, module: e.module, name: e.name, title: e.spec.title, file_name: e.spec.fileName, status: 'running', done: 0, total, bytes: null, message: null, created_at: at, updated_at: at });
    // Nobody awaits the job: its failure is in its row (and the log), never an unhandled rejection.
    const run = this.write(job, e.spec, actor)
      .catch((err: unknown) => this.log(`导出任务 ${job.id}（${e.module}.${e.name}）失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}`))
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return this.view(job);
  }

  private async write(job: ExportJobRow, spec: ExportSpec, actor: Actor): Promise<void> {
    const part = join(this.dir, `${job.id}.part`);
    let out: WriteStream | null = null;
    try {
      await mkdir(this.dir, { recursive: true });
      out = createWriteStream(part);
      let last = 0;
      const done = await writeXlsx(spec, actor, out, async (n) => {
        if (Date.now() - last < PROGRESS_EVERY_MS) return;
        last = Date.now();
        await this.repo.progress(job.id, n, this.now());
      }, this.closing.signal);
      await rename(part, this.path(job.id));
      const { size } = await stat(this.path(job.id));
      if (!(await this.repo.finish(job.id, { status: 'ready', done, bytes: size, at: this.now() }))) await rm(this.path(job.id), { force: true });
    } catch (err) {
      out?.destroy();
      await rm(part, { force: true }).catch(() => {});
      const message = this.closing.signal.aborted ? '服务器重启，导出中断，请重新导出' : '导出失败，请稍后重试';
      await this.repo.finish(job.id, { status: 'failed', message, at: this.now() }).catch(() => {});
      if (!this.closing.signal.aborted) throw err;
    }
  }

  /** The actor's own job; anyone else's, or one cleaned away, is 404 (whether it exists is not theirs to know). */
  async job(actor: Actor, id: number): Promise<ExportJobRow> {
    const j = await this.repo.job(id);
    if (!j || j.owner_id !== actor.userId) throw notFound(`导出任务 ${id} `);
    return j;
  }

  /** The file of the actor's ready export. */
  async file(actor: Actor, id: number): Promise<{ path: string; fileName: string; bytes: number }> {
    const j = await this.job(actor, id);
    if (j.status === 'running') throw conflict(`导出尚未完成（${j.done} / ${j.total} 行）`);
    if (j.status === 'failed') throw conflict(j.message ?? '导出失败，请重新导出');
    return { path: this.path(j.id), fileName: j.file_name, bytes: j.bytes ?? 0 };
  }

  /** Fail jobs whose process ended, and delete exports older than KEEP_MS with their files; what was removed. */
  async cleanup(): Promise<{ failed: number; deleted: number }> {
    const nowMs = Date.parse(this.now());
    const failed = await this.repo.failStale(new Date(nowMs - STALE_MS).toISOString(), '导出中断（服务器重启），请重新导出', this.now());
    const deleted = await this.repo.deleteEnded(new Date(nowMs - KEEP_MS).toISOString());
    for (const id of [...failed, ...deleted]) {
      await rm(join(this.dir, `${id}.part`), { force: true });
      if (deleted.includes(id)) await rm(this.path(id), { force: true });
    }
    return { failed: failed.length, deleted: deleted.length };
  }

  /** Stop the jobs of this process (the server is closing): each is marked failed, its partial file removed. */
  async stop(): Promise<void> {
    this.closing.abort();
    await Promise.allSettled([...this.running]);
  }

  /** Wait for this process's running jobs (tests, benchmarks). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
