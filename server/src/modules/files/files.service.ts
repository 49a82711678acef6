/**
 * Attachments (photos, PDFs) stored under the data directory by content hash, with size and type
 * limits, and served only to people allowed to see the record they belong to.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, existsSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../../core/audit.js';
import { forbidden, invalidField, notFound, tooLarge } from '../../core/errors.js';
import { cleanText } from '../../core/text.js';
import { installNow } from '../../core/time.js';
import type { FilePolicy } from '../../core/module.js';
import type { FilesRepository } from './files.repository.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Types accepted, recognised by their first bytes (the declared type is not trusted). */
const SIGNATURES: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];


/**
 * A file name as stored and shown: its last path part only, without control, bidirectional or other invisible
 * format characters (which can make 「报告‮fdp.exe」 read as a PDF), at most 100 characters; 「附件」 if nothing is left.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = cleanText(base).replace(/^[.\s]+/, '').trim();
  return [...clean].slice(0, 100).join('') || '附件';
}

export class FilesService {
  constructor(
    private readonly repo: FilesRepository,
    private readonly dir: string,
    private readonly policies: () => Record<string, FilePolicy>,
  ) {}

  private policy(entity: string): FilePolicy {
    const p = this.policies()[entity];
    if (!p) throw invalidField('entity', '不支持的对象类型', `不支持为“${entity}”上传附件`);
    return p;
  }

  /** Path of a stored content. */
  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Store an upload; `declared` is the request's content type, which must agree with the bytes when it names a type. */
  async upload(actor: Actor, entity: string, entityId: string, rawName: string, body: unknown, declared?: string) {
    if (!Buffer.isBuffer(body)) throw invalidField('file', '不是文件内容', '请以文件的原始内容上传（Content-Type 为 application/octet-stream、application/pdf、image/jpeg 或 image/png）');
    const fileName = cleanFileName(rawName);
    const policy = this.policy(entity);
    if (!(await policy.canAttach(actor, entityId))) throw forbidden('无权为该记录上传附件');
    if (!body.length) throw invalidField('file', '文件为空');
    if (body.length > MAX_FILE_BYTES) throw tooLarge(null, `文件过大：上限 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const kind = SIGNATURES.find((s) => s.test(body));
    if (!kind) throw invalidField('file', '文件类型不支持', '只接受 JPEG、PNG 照片或 PDF 文件');
    if (policy.maxBytes && body.length > policy.maxBytes) throw tooLarge(null, `文件过大：此类附件上限 ${(policy.maxBytes / 1024 / 1024).toFixed(0)} MB`);
    if (policy.mimes && !policy.mimes.includes(kind.mime)) {
      const names = policy.mimes.map((m) => ({ 'image/jpeg': 'JPEG 照片', 'image/png': 'PNG 照片', 'application/pdf': 'PDF' })[m] ?? m);
      throw invalidField('file', '文件类型不符', `此处只接受${names.join('、')}`);
    }
    if (declared && declared !== 'application/octet-stream' && declared !== kind.mime) {
      throw invalidField('file', '文件类型与声明不符', `文件内容是 ${kind.mime}，与声明的类型 ${declared} 不符`);
    }
    const sha256 = createHash('sha256').update(body).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      // Write then rename: a crash never leaves a half-written file under its final name.
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, body);
      renameSync(tmp, path);
    }
    const id = await this.repo.link(actor, { sha256, size: body.length, mime: kind.mime }, { entity, entity_id: entityId, file_name: fileName }, installNow());
    return { id, sha256, size: body.length, mime: kind.mime, fileName };
  }

  /** How many files each of a kind's records has (a module checks that the photos a step needs are there). */
  async counts(entity: string, entityIds: string[]): Promise<Map<string, number>> {
    return this.repo.counts(entity, entityIds);
  }

  async list(actor: Actor | null, entity: string, entityId: string) {
    if (!(await this.policy(entity).canRead(actor, entityId))) throw forbidden('无权查看该记录的附件');
    return (await this.repo.list(entity, entityId)).map((l) => ({ id: l.id, fileName: l.file_name, size: l.size, mime: l.mime, createdAt: l.created_at }));
  }

  /** The stored file behind a link, when the actor may read its record. */
  async open(actor: Actor | null, id: number) {
    const l = await this.repo.byId(id);
    if (!l) throw notFound('附件');
    if (!(await this.policy(l.entity).canRead(actor, l.entity_id))) throw forbidden('无权查看该附件');
    return { path: this.pathOf(l.sha256), mime: l.mime, fileName: l.file_name, size: l.size };
  }
}
