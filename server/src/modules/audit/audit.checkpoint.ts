/**
 * Signed checkpoints of the audit chain. The chain shows an edited or removed row, but not a trail cut short at its
 * end, nor one rewritten from the first record with every hash recomputed. A checkpoint — the head's id and hash and
 * how many records lead to it, signed with an Ed25519 key kept outside the database — is written to files outside
 * it too; a later verification against it finds either.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a checkpoint states about the chain. */
export interface CheckpointClaim {
  chain: 'xianwu-audit';
  headId: number;
  headHash: string;
  count: number;
  at: string;
}

/** A checkpoint as written to its file. */
export interface Checkpoint extends CheckpointClaim {
  /** SHA-256 of the public key (DER), to tell which key signed it. */
  keyId: string;
  /** Ed25519 signature (base64) of the claim's canonical JSON. */
  signature: string;
}

const canonical = (c: CheckpointClaim) => JSON.stringify([c.chain, c.headId, c.headHash, c.count, c.at]);
const keyIdOf = (pub: KeyObject) => createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex');

/** The signing key: read from its file, or made there (owner-only) with its public half beside it (`.pub`). */
export function loadSigningKey(file: string): { privateKey: KeyObject; publicKey: KeyObject } {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(file, 0o600);
    writeFileSync(`${file}.pub`, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  const privateKey = createPrivateKey(readFileSync(file));
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** A public key from a PEM file (the `.pub` beside the signing key, or a copy kept elsewhere). */
export const loadPublicKey = (file: string): KeyObject => createPublicKey(readFileSync(file));

/** Sign a claim. */
export function signCheckpoint(claim: CheckpointClaim, key: { privateKey: KeyObject; publicKey: KeyObject }): Checkpoint {
  return { ...claim, keyId: keyIdOf(key.publicKey), signature: sign(null, Buffer.from(canonical(claim)), key.privateKey).toString('base64') };
}

/** Write a checkpoint to its own file in `dir`; returns the path. */
export function writeCheckpoint(dir: string, c: Checkpoint): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `audit-checkpoint-${c.at.replace(/[:.]/g, '-')}-${c.headId}.json`);
  writeFileSync(path, `${JSON.stringify(c, null, 2)}\n`);
  return path;
}

/** When the newest checkpoint in `dir` was written (ms), or null when there is none. */
export function newestCheckpointAt(dir: string): number | null {
  if (!existsSync(dir)) return null;
  const times = readdirSync(dir)
    .filter((f) => f.startsWith('audit-checkpoint-') && f.endsWith('.json'))
    .map((f) => statSync(join(dir, f)).mtimeMs);
  return times.length ? Math.max(...times) : null;
}

/** Read a checkpoint file and check its signature with the trusted public key; the problem in words when it fails. */
export function readCheckpoint(file: string, publicKey: KeyObject): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  let c: Checkpoint;
  try {
    c = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return { ok: false, reason: `无法读取检查点文件 ${file}` };
  }
  if (c.chain !== 'xianwu-audit' || !Number.isInteger(c.headId) || !Number.isInteger(c.count) || typeof c.headHash !== 'string' || typeof c.signature !== 'string') {
    return { ok: false, reason: '检查点文件格式不正确' };
  }
  if (c.keyId !== keyIdOf(publicKey)) return { ok: false, reason: '检查点不是由当前审计签名密钥签发的' };
  const claim: CheckpointClaim = { chain: c.chain, headId: c.headId, headHash: c.headHash, count: c.count, at: c.at };
  if (!verify(null, Buffer.from(canonical(claim)), publicKey, Buffer.from(c.signature, 'base64'))) return { ok: false, reason: '检查点签名无效（文件被改动）' };
  return { ok: true, checkpoint: c };
}
