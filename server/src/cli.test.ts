import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GAZETTE_FIXTURE } from './modules/gazette/index.js';
import { hashRecord } from './core/audit.js';

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
    // Each document and each issued plan with its outline: number, heading, text, children.
    expect(docs[2].parts[0].body.sections[1].children[5]).toMatchObject({ marker: '（八）', heading: '推进全民健身融合发展', text: expect.stringMatching(/^一是深化体教融合/) });
  });

  it('tasks extract --json prints the tasks of a document as the contract lists them', () => {
    const r = run('tasks', 'extract', GAZETTE_FIXTURE, '--doc', '交政办发[2022]6号', '--json');
    expect(r.status).toBe(0);
    const tasks = JSON.parse(r.stdout);
    // 56 numbered items and the four 保障措施 clauses that name their units (fixtures/tasks-read.txt, read off the text).
    expect(tasks).toHaveLength(60);
    expect(Object.keys(tasks[0])).toEqual(expect.arrayContaining(['docNumber', 'part', 'path', 'number', 'text', 'lead', 'support', 'deadline', 'deadlineText', 'recurrence', 'targets']));
    expect(tasks.find((t: { path: string[]; part: string }) => t.part.includes('空气') && t.path.join('') === '三、（二）3.')).toMatchObject({ deadline: '2022-04-30', deadlineText: '2022年4月底前' });
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
  }, 120_000); // each step starts the command line anew

  it('audit verify --checkpoint catches a chain cut short or rewritten, which the chain alone does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xianwu-cli-checkpoint-'));
    const runIn = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/xianwu.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' } });
    try {
      expect(runIn('gazette', 'import', GAZETTE_FIXTURE).status).toBe(0);
      const made = runIn('audit', 'checkpoint');
      expect(made.status).toBe(0);
      const file = made.stdout.trim().split(' → ').pop()!;
      expect(readFileSync(file, 'utf8')).toContain('"signature"');
      const ok = runIn('audit', 'verify', '--checkpoint', file);
      expect([ok.status, ok.stdout]).toEqual([0, expect.stringContaining('与检查点相符')]);

      // Someone with the database removes the newest record: every remaining link still holds.
      const db = new Database(join(dir, 'xianwu.sqlite'));
      db.exec('drop trigger audit_log_no_delete');
      db.exec('drop trigger audit_log_no_update');
      const head = db.prepare('select * from audit_log order by id desc limit 1').get() as Record<string, unknown> & { id: number };
      db.prepare('delete from audit_log where id = ?').run(head.id);
      db.close();
      expect(runIn('audit', 'verify').status).toBe(0);
      const cut = runIn('audit', 'verify', '--checkpoint', file);
      expect([cut.status, cut.stdout]).toEqual([3, expect.stringContaining('审计记录被截断')]);

      // ... or puts it back rewritten, its hash recomputed so that the chain holds.
      const back = new Database(join(dir, 'xianwu.sqlite'));
      const { hash: _hash, id: _id, ...content } = head;
      const forged = { ...content, after_json: '{"forged":true}' } as Parameters<typeof hashRecord>[0];
      back.prepare('insert into audit_log (id, at, actor_id, actor_name, role, entity, entity_id, action, before_json, after_json, request_id, prev_hash, hash) values (@id, @at, @actor_id, @actor_name, @role, @entity, @entity_id, @action, @before_json, @after_json, @request_id, @prev_hash, @hash)').run({ ...forged, id: head.id, hash: hashRecord(forged) });
      back.close();
      expect(runIn('audit', 'verify').status).toBe(0);
      const rewritten = runIn('audit', 'verify', '--checkpoint', file);
      expect([rewritten.status, rewritten.stdout]).toEqual([3, expect.stringContaining('审计链被重写')]);

      // A checkpoint file that was edited is refused for its signature.
      writeFileSync(file, readFileSync(file, 'utf8').replace(/"count": \d+/, '"count": 999'));
      expect(runIn('audit', 'verify', '--checkpoint', file).stdout).toContain('检查点签名无效');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // each step starts the command line anew

  it('explains its usage and a missing file in Chinese', () => {
    expect(run().stderr).toContain('用法');
    const missing = run('gazette', 'parse', '/no/such/file.txt');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('找不到文件');
  });
});
