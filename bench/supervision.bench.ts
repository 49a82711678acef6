/**
 * 督查督办: extraction over the whole gazette, and the dashboard (status counts, lights, 考评) over BENCH_TASKS tasks
 * (default 20,000) with ten progress reports each across 80 units, on SQLite.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allMigrations } from '../server/src/boot.js';
import { migrateToLatest, openDb } from '../server/src/core/db.js';
import { resolveUnitName, seedUnitNames } from '../server/src/modules/directory/index.js';
import { GAZETTE_FIXTURE, parseGazette } from '../server/src/modules/gazette/index.js';
import { extractTasks } from '../server/src/modules/supervision/supervision.extract.js';
import { testConfig, testRegistry } from '../server/src/test/app.js';
import { median, percentile, timeMs } from './stats.js';

export interface SupervisionBench {
  extractMs: number;
  dashboardP95: number;
  dashboardP50: number;
  tasks: number;
  reports: number;
}

export async function benchSupervision(log: (m: string) => void): Promise<SupervisionBench> {
  const text = readFileSync(GAZETTE_FIXTURE, 'utf8');
  const units = seedUnitNames();
  // Parsing the file and extracting every document's tasks, as `tasks extract` does.
  const extract = () => parseGazette(text).documents.flatMap((d) => extractTasks(d, (n) => resolveUnitName(units, n)?.name ?? null));
  extract();
  const extractMs = median(Array.from({ length: 7 }, () => timeMs(extract)));

  const tasks = Number(process.env.BENCH_TASKS ?? 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'xianwu-bench-sup-'));
  const db = openDb({ sqlitePath: join(dir, 'xianwu.sqlite') });
  try {
    await migrateToLatest(db, allMigrations());
    const registry = testRegistry(db, { today: () => '2022-09-15', config: testConfig({ DATA_DIR: dir }) });
    await registry.seed({ demo: false, only: ['directory', 'calendar'] });
    const unitIds = (await registry.service('directory').all()).filter((u) => u.kind === 'department' || u.kind === 'township' || u.kind === 'village').slice(0, 80).map((u) => u.id);
    log(`  supervision: ${tasks} tasks, ${tasks * 10} reports across ${unitIds.length} units`);
    const k = db.kysely;
    const now = '2022-04-15T02:00:00.000Z';
    for (let i = 0; i < tasks; i += 500) {
      const rows = Array.from({ length: Math.min(500, tasks - i) }, (_, j) => {
        const n = i + j;
        const month = 1 + (n % 12);
        return {
          doc_number: `交政办发〔2022〕${100 + (n % 40)}号`,
          task_key: `/bench/${n}`,
          part: null,
          path: JSON.stringify([`${n}.`]),
          heading: `任务 ${n}`,
          text: '（责任单位：县工信局）',
          units_text: '责任单位：县工信局',
          unknown_units: '[]',
          deadline: `2022-${String(month).padStart(2, '0')}-28`,
          deadline_text: `${month}月底前`,
          recurrence: null,
          targets: n % 5 === 0 ? JSON.stringify([{ metric: '综合利用率', comparison: '≥', value: 85, unit: '%', text: '达到85%以上' }]) : '[]',
          milestones: '[]',
          status: (n % 3 === 0 ? 'done' : 'assigned') as 'done' | 'assigned',
          extended_to: null,
          assigned_on: '2022-04-15',
          sign_due: '2022-04-19',
          created_at: now,
          created_by: 'bench',
          confirmed_by: 'bench',
          done_at: n % 3 === 0 ? `2022-${String(month).padStart(2, '0')}-20T02:00:00.000Z` : null,
          done_by: n % 3 === 0 ? 'bench' : null,
          last_percent: 100,
          last_values: '[80]',
          last_report_at: now,
        };
      });
      const ids = await k.insertInto('supervision_tasks').values(rows).returning('id').execute();
      await k
        .insertInto('supervision_task_units')
        .values(ids.flatMap(({ id }, j) => [
          { task_id: id, unit_id: unitIds[(i + j) % unitIds.length], role: 'lead' as const, signed_at: (i + j) % 7 ? now : null, signed_by: null },
          { task_id: id, unit_id: unitIds[(i + j + 1) % unitIds.length], role: 'support' as const, signed_at: now, signed_by: null },
        ]))
        .execute();
      const reports = ids.flatMap(({ id }, j) =>
        Array.from({ length: 10 }, (_, r) => ({ task_id: id, unit_id: unitIds[(i + j) % unitIds.length], kind: 'progress' as const, text: `第 ${r + 1} 次报送`, percent: 10 * (r + 1), target_values: '[80]', by_name: 'bench', at: now })),
      );
      for (let r = 0; r < reports.length; r += 500) await k.insertInto('supervision_reports').values(reports.slice(r, r + 500)).execute();
    }
    const service = registry.service('supervision');
    await service.dashboard();
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await service.dashboard();
      times.push(performance.now() - t0);
    }
    return { extractMs, dashboardP95: percentile(times, 95), dashboardP50: median(times), tasks, reports: tasks * 10 };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
