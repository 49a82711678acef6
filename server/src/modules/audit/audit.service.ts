/** The audit trail's reading side: listing, verifying the chain, and signed checkpoints of its head. */
import { existsSync } from 'node:fs';
import type { VerifyResult } from '../../core/audit.js';
import { GENESIS_HASH } from '../../core/audit.js';
import { notFound } from '../../core/errors.js';
import { nowIso } from '../../core/time.js';
import { loadPublicKey, loadSigningKey, newestCheckpointAt, readCheckpoint, signCheckpoint, writeCheckpoint, type Checkpoint } from './audit.checkpoint.js';
import type { AuditFilter, AuditRepository } from './audit.repository.js';

/** A checkpoint is written when the newest is older than this (the job asks every hour). */
export const CHECKPOINT_EVERY_MS = 24 * 3600_000;

export class AuditService {
  private key: ReturnType<typeof loadSigningKey> | null = null;

  constructor(
    private readonly repo: AuditRepository,
    private readonly where: { keyFile: string; checkpointDir: string },
    private readonly now: () => string = nowIso,
  ) {}

  list(f: AuditFilter, limit: number, offset: number) {
    return this.repo.list(f, limit, offset);
  }

  verify(onProgress?: (n: number) => void) {
    return this.repo.verify(onProgress);
  }

  /** Sign the chain's head as it is now and write it to the checkpoint folder. */
  async checkpoint(): Promise<{ file: string; checkpoint: Checkpoint }> {
    const head = await this.repo.head();
    const count = head ? await this.repo.countUpTo(head.id) : 0;
    this.key ??= loadSigningKey(this.where.keyFile);
    const checkpoint = signCheckpoint({ chain: 'xianwu-audit', headId: head?.id ?? 0, headHash: head?.hash ?? GENESIS_HASH, count, at: this.now() }, this.key);
    return { file: writeCheckpoint(this.where.checkpointDir, checkpoint), checkpoint };
  }

  /** Write a checkpoint when none was written in the last day. */
  async checkpointIfDue(): Promise<void> {
    const last = newestCheckpointAt(this.where.checkpointDir);
    if (last === null || Date.now() - last >= CHECKPOINT_EVERY_MS) await this.checkpoint();
  }

  /**
   * Verify the chain, then that it still holds what a signed checkpoint saw: the head it signed, with the same hash,
   * and as many records up to it. A chain cut short or rewritten from the start passes the first check, not these.
   */
  async verifyAgainst(file: string, publicKeyFile?: string, onProgress?: (n: number) => void): Promise<VerifyResult & { problem?: string }> {
    const keyFile = publicKeyFile ?? `${this.where.keyFile}.pub`;
    if (!existsSync(keyFile)) throw notFound('审计签名公钥', `找不到审计签名公钥 ${keyFile}`);
    const read = readCheckpoint(file, loadPublicKey(keyFile));
    if (!read.ok) return { ok: false, checked: 0, problem: read.reason };
    const c = read.checkpoint;
    const chain = await this.repo.verify(onProgress);
    if (!chain.ok) return chain;
    if (c.headId === 0) return chain;
    const row = await this.repo.row(c.headId);
    if (!row) return { ...chain, ok: false, problem: `检查点（${c.at}）签署的第 ${c.headId} 号记录已不存在：审计记录被截断` };
    if (row.hash !== c.headHash) return { ...chain, ok: false, problem: `第 ${c.headId} 号记录的哈希与检查点（${c.at}）不符：审计链被重写` };
    const n = await this.repo.countUpTo(c.headId);
    if (n !== c.count) return { ...chain, ok: false, problem: `截至第 ${c.headId} 号记录，检查点（${c.at}）记有 ${c.count} 条，现有 ${n} 条` };
    return chain;
  }
}
