import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GAZETTE_FIXTURE } from './modules/gazette/index.js';

const root = new URL('../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'xianwu-cli-'));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/xianwu.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npx xianwu', () => {
  it('gazette parse --json prints the 20 documents', () => {
    const r = run('gazette', 'parse', GAZETTE_FIXTURE, '--json');
    expect(r.status).toBe(0);
    const docs = JSON.parse(r.stdout);
    expect(docs).toHaveLength(20);
    expect(Object.keys(docs[0])).toEqual(expect.arrayContaining(['docNumber', 'issuer', 'title', 'type', 'date', 'addressees', 'publicity', 'attachments', 'parts', 'citations', 'warnings']));
    expect(docs[7].parts.map((p: { title: string }) => p.title)).toHaveLength(3);
  });

  it('gazette import stores once, refuses a non-gazette, and audit verify checks the chain', () => {
    const first = run('gazette', 'import', GAZETTE_FIXTURE);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('新增 20');
    expect(first.stderr).toContain('导入中 100%');
    expect(run('gazette', 'import', GAZETTE_FIXTURE).stdout).toContain('未做任何改动');
    const notes = join(dataDir, 'notes.txt');
    writeFileSync(notes, '会议记录\n今天讨论了三件事。\n');
    const bad = run('gazette', 'import', notes);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('不是政府公报文本');

    const ok = run('audit', 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/审计链完整：共 \d+ 条记录/);
    const db = new Database(join(dataDir, 'xianwu.sqlite'));
    db.exec('drop trigger audit_log_no_update');
    db.prepare("update audit_log set after_json = '{}' where id = 1").run();
    db.close();
    const broken = run('audit', 'verify');
    expect(broken.status).toBe(3);
    expect(broken.stdout).toContain('第 1 号记录');
  });

  it('explains its usage and a missing file in Chinese', () => {
    expect(run().stderr).toContain('用法');
    const missing = run('gazette', 'parse', '/no/such/file.txt');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('找不到文件');
  });
});
