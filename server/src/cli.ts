/** Command line: npx xianwu gazette parse <file> [--json] | gazette import <file>. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { openConfiguredDb } from './boot.js';
import { loadConfig } from './config.js';
import { SYSTEM_ACTOR } from './core/audit.js';
import { AppError } from './core/errors.js';
import { createAudit } from './modules/audit/index.js';
import { createGazette, parseGazette } from './modules/gazette/index.js';

const USAGE = `用法：
  npx xianwu gazette parse <文件> [--json]   解析公报文本，输出公文（--json 为 JSON 数组）
  npx xianwu gazette import <文件>           解析并导入公报（同一文本重复导入不做任何改动）
  npx xianwu audit verify                    校验审计记录哈希链，报告第一处断裂`;

function readText(file: string | undefined): { text: string; name: string } {
  if (!file) throw new Error(`缺少文件参数\n${USAGE}`);
  try {
    if (!statSync(file).isFile()) throw new Error();
  } catch {
    throw new Error(`找不到文件：${file}`);
  }
  return { text: readFileSync(file, 'utf8'), name: basename(file) };
}

async function main(argv: string[]): Promise<number> {
  const [area, cmd, file, ...flags] = argv;
  if (area === 'audit' && cmd === 'verify') {
    const db = await openConfiguredDb(loadConfig());
    try {
      const res = await createAudit(db).verify((n) => process.stderr.write(`\r已校验 ${n} 条`));
      process.stderr.write('\n');
      if (res.ok) {
        console.log(`审计链完整：共 ${res.checked} 条记录`);
        return 0;
      }
      console.log(`审计链断裂：第 ${res.brokenAt!.id} 号记录 — ${res.brokenAt!.reason}（此前 ${res.checked} 条完好）`);
      return 3;
    } finally {
      await db.destroy();
    }
  }
  if (area !== 'gazette' || !cmd) {
    console.error(USAGE);
    return 2;
  }
  if (cmd === 'parse') {
    const { text } = readText(file);
    const res = parseGazette(text);
    if (flags.includes('--json')) {
      const out = res.documents.map((d) => ({
        docNumber: d.docNumber,
        issuer: d.issuer,
        title: d.title,
        type: d.type,
        date: d.date,
        addressees: d.addressees,
        publicity: d.publicity,
        note: d.note,
        attachments: d.attachments.map((a) => ({ title: a.title, onlineOnly: a.onlineOnly, index: a.index, part: a.part })),
        parts: d.parts.map((p) => ({ title: p.title })),
        citations: d.citations,
        repliesTo: d.repliesTo,
        warnings: d.warnings,
        body: d.body,
      }));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      for (const d of res.documents) console.log(`${d.docNumber}\t${d.date ?? '—'}\t${d.type}\t${d.title}`);
      console.log(`共 ${res.documents.length} 件公文`);
    }
    for (const w of res.warnings) console.error(`警告：${w}`);
    return res.documents.length ? 0 : 1;
  }
  if (cmd === 'import') {
    const { text, name } = readText(file);
    const config = loadConfig();
    const db = await openConfiguredDb(config);
    try {
      const { service } = createGazette(db);
      const res = await service.importText(text, {
        fileName: name,
        actor: { ...SYSTEM_ACTOR, name: `命令行:${process.env.USER ?? 'unknown'}` },
        onProgress: (done, total, no) => process.stderr.write(`\r导入中 ${Math.round((done / total) * 100)}%  ${no}        `),
      });
      process.stderr.write('\n');
      if (res.unchanged) console.log(`该文本已导入过（导入批次 ${res.importId}），未做任何改动`);
      else console.log(`导入完成：共 ${res.documents} 件，新增 ${res.created.length}，更新 ${res.updated.length}，未变 ${res.skipped.length}`);
      for (const w of res.warnings) console.error(`警告：${w}`);
      return 0;
    } finally {
      await db.destroy();
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof AppError ? `错误：${err.message}` : `错误：${(err as Error).message}`);
    process.exit(1);
  },
);
