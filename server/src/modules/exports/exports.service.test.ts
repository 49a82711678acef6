import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import type { ExportSpec } from '../../core/exports.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService, KEEP_MS } from './exports.service.js';

const ACTOR: Actor = { userId: 7, name: '测试', role: 'county_admin', unitId: null, townshipId: null };

/** Rows 1..n in pages of 100; `hold` keeps the last page back until released (a job caught running). */
function numbers(n: number, hold?: Promise<void>): ExportSpec<number> {
  return {
    permission: 'workbench',
    title: '测试台账',
    fileName: '测试.xlsx',
    sheet: '测试',
    columns: [{ header: '序号', value: (x) => x }],
    count: async () => n,
    async *pages() {
      for (let i = 0; i < n; i += 100) {
        if (hold && i + 100 >= n) await hold;
        yield Array.from({ length: Math.min(100, n - i) }, (_, k) => i + k + 1);
      }
    },
  };
}

describe.each(DIALECTS)('export jobs on %s', (dialect) => {
  it('keep a finished file for a while, then clean it; give up on a job whose process ended; stop their own on close', async () => {
    const { db, cleanup } = await freshDb(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'xianwu-exports-'));
    let now = Date.parse('2022-06-01T02:00:00.000Z');
    const clock = () => new Date(now).toISOString();
    const repo = new ExportsRepository(db);
    const service = new ExportsService(repo, dir, clock, () => {});
    try {
      const done = await service.start(ACTOR, { module: 'test', name: 'numbers', spec: numbers(1000) });
      await service.settled();
      const ready = await service.file(ACTOR, done.id);
      expect(existsSync(ready.path)).toBe(true);
      expect(service.view(await service.job(ACTOR, done.id))).toMatchObject({ status: 'ready', done: 1000, total: 1000, percent: 100 });
      await expect(service.job({ ...ACTOR, userId: 8 }, done.id)).rejects.toMatchObject({ status: 404 });

      // A job another process was running when it ended: its row stays running, its partial file lies there.
      const orphan = await repo.create({ owner_id: 7, module: 'test', name: 'numbers', title: '测试台账', file_name: '测试.xlsx', status: 'running', done: 10, total: 1000, bytes: null, message: null, created_at: clock(), updated_at: clock() });
      writeFileSync(join(dir, `${orphan.id}.part`), 'PK');
      now += 11 * 60_000;
      expect(await service.cleanup()).toEqual({ failed: 1, deleted: 0 });
      expect((await service.job(ACTOR, orphan.id)).status).toBe('failed');
      expect(existsSync(join(dir, `${orphan.id}.part`))).toBe(false);
      await expect(service.file(ACTOR, orphan.id)).rejects.toMatchObject({ status: 409 });

      now += KEEP_MS + 60_000;
      expect(await service.cleanup()).toEqual({ failed: 0, deleted: 2 });
      expect(existsSync(ready.path)).toBe(false);
      await expect(service.job(ACTOR, done.id)).rejects.toMatchObject({ status: 404 });

      // Closing the server stops a running job: failed, with no file left behind.
      let release!: () => void;
      const running = await service.start(ACTOR, { module: 'test', name: 'numbers', spec: numbers(1000, new Promise((r) => (release = r))) });
      const stopped = service.stop();
      release();
      await stopped;
      expect((await service.job(ACTOR, running.id)).status).toBe('failed');
      expect(existsSync(join(dir, `${running.id}.part`)) || existsSync(join(dir, `${running.id}.xlsx`))).toBe(false);
    } finally {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
