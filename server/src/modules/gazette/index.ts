/** The gazette module (政府公报/公文库): its manifest and only public surface. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { defineModule } from '../../core/module.js';
import { parseGazette } from './gazette.parser.js';
import { GazetteRepository } from './gazette.repository.js';
import { gazetteRoutes } from './gazette.routes.js';
import { GazetteService } from './gazette.service.js';
import * as m20261128000000 from './migrations/20261128000000-gazette.js';
import * as m20261130000000 from './migrations/20261130000000-gazette-char-index.js';
import * as m20261129000000 from './migrations/20261129000000-gazette-document-versions.js';

export { parseGazette, type ParsedDocument, type ParseResult } from './gazette.parser.js';
export { DOCUMENT_TYPES } from './gazette.elements.js';
export type { Attachment } from './gazette.attachments.js';
export type { Body, Section } from './gazette.outline.js';
export { parseDocNumber, normalizeDocNumber } from './gazette.docnumber.js';
export { GazetteService, type ImportResult, type DocumentSummary, type SnippetPiece } from './gazette.service.js';

/** The 2022 gazette shipped as demo data. */
export const GAZETTE_FIXTURE = fileURLToPath(new URL('../../../fixtures/jiaocheng-gazette-2022.txt', import.meta.url));

const USAGE = `  npx xianwu gazette parse <文件> [--json]   解析公报文本，输出公文（--json 为 JSON 数组）
  npx xianwu gazette import <文件> [--confirm-shorter]
                                             解析并导入公报（逐件比对；同一文本重复导入不做任何改动；
                                             以较短文本替换已有公文须加 --confirm-shorter，原文本保留为历史版本）`;

function readText(file: string | undefined): { text: string; name: string } {
  if (!file) throw new Error(`缺少文件参数\n${USAGE}`);
  try {
    if (!statSync(file).isFile()) throw new Error();
  } catch {
    throw new Error(`找不到文件：${file}`);
  }
  return { text: readFileSync(file, 'utf8'), name: basename(file) };
}

export const gazetteModule = defineModule({
  name: 'gazette',
  label: '公文',
  auditLabels: { entities: { gazette_import: '公报导入' }, actions: { import: '导入', reimport: '重新导入' } },
  migrations: {
    '20261128000000-gazette': m20261128000000,
    '20261129000000-gazette-document-versions': m20261129000000,
    '20261130000000-gazette-char-index': m20261130000000,
  },
  permissions: { 'gazette.import': ['county_admin'] },
  errors: {
    GAZETTE_NOT_RECOGNIZED: '上传的文本不是可识别的政府公报',
    GAZETTE_INCOMPLETE: '公文不完整（缺少成文日期，文本可能被截断），整批未导入',
    GAZETTE_SHORTER: '导入会用更短的文本替换已有公文，须管理员确认',
  },
  fieldNames: { q: '检索词', dateFrom: '起始日期', dateTo: '截止日期', type: '文种' },
  create: (ctx) => new GazetteService(new GazetteRepository(ctx.db)),
  routes: {
    prefix: '/api/gazette',
    plugin: (app, { service, ctx }) => gazetteRoutes(app, { service, pdf: ctx.pdf }),
  },
  // The county's 2022 gazette is the registry's first content (SEED_GAZETTE=false leaves it empty).
  // Stored documents whose outline an older parser made are parsed again from the bundled file (their old texts kept
  // as versions); documents imported from other files keep theirs until they are imported again.
  async seed(service, ctx) {
    if (!ctx.config.SEED_GAZETTE) return;
    const empty = await service.isEmpty();
    if (!empty && !(await service.hasOutdatedOutlines())) return;
    const res = await service.importText(readFileSync(GAZETTE_FIXTURE, 'utf8'), { fileName: 'jiaocheng-gazette-2022.txt', actor: SYSTEM_ACTOR, confirmShorter: true });
    ctx.log(empty ? `已导入 2022 年交城县人民政府公报：${res.documents} 件公文` : `已按新版正文结构重新解析 2022 年公报：更新 ${res.updated.length} 件公文（原文本保留为历史版本）`);
  },
  cli: {
    area: 'gazette',
    usage: USAGE,
    async run([cmd, file, ...flags], open) {
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
            parts: d.parts.map((p) => ({ title: p.title, body: p.body })),
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
        const { registry, close } = await open();
        try {
          const res = await registry.service('gazette').importText(text, {
            fileName: name,
            actor: { ...SYSTEM_ACTOR, name: `命令行:${process.env.USER ?? 'unknown'}` },
            confirmShorter: flags.includes('--confirm-shorter'),
            onProgress: (done, total, no) => process.stderr.write(`\r导入中 ${Math.round((done / total) * 100)}%  ${no}        `),
          });
          process.stderr.write('\n');
          if (res.unchanged) console.log(`该文本已导入过（导入批次 ${res.importId}），未做任何改动`);
          else console.log(`导入完成：共 ${res.documents} 件，新增 ${res.created.length}，更新 ${res.updated.length}，未变 ${res.skipped.length}`);
          for (const w of res.warnings) console.error(`警告：${w}`);
          return 0;
        } finally {
          await close();
        }
      }
      return 2;
    },
  },
});

declare module '../../core/module.js' {
  interface Modules {
    gazette: typeof gazetteModule;
  }
}
