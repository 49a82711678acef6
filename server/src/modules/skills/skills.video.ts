/** A contest video checked by its bytes (ISO BMFF / MP4): the `ftyp` box first, the duration from `moov`/`mvhd`. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type VideoCheck = { ok: true; seconds: number } | { ok: false; reason: string };

/** Walks the boxes of `buf[from, to)`, calling `visit(type, start, headerSize, end)`; stops early when it returns true. */
function walk(buf: Buffer, from: number, to: number, visit: (type: string, start: number, header: number, end: number) => boolean): void {
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return;
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) return;
    if (visit(type, at, header, at + size)) return;
    at += size;
  }
}

/** The video's duration in seconds (rounded up), or why the bytes are not an MP4 video with a readable duration. */
export function checkMp4(buf: Buffer): VideoCheck {
  if (buf.length < 12 || buf.toString('latin1', 4, 8) !== 'ftyp') return { ok: false, reason: '参赛视频应为 MP4 视频文件（文件内容不是视频）' };
  let seconds: number | null = null;
  walk(buf, 0, buf.length, (type, start, header, end) => {
    if (type !== 'moov') return false;
    walk(buf, start + header, end, (t, s, h) => {
      if (t !== 'mvhd') return false;
      const p = s + h;
      const version = buf[p];
      const timescale = version === 1 ? buf.readUInt32BE(p + 20) : buf.readUInt32BE(p + 12);
      const duration = version === 1 ? Number(buf.readBigUInt64BE(p + 24)) : buf.readUInt32BE(p + 16);
      if (timescale > 0) seconds = Math.ceil(duration / timescale);
      return true;
    });
    return true;
  });
  if (seconds === null) return { ok: false, reason: '参赛视频无法读取时长（缺少 moov/mvhd）' };
  return { ok: true, seconds };
}

/** A minimal MP4 (ftyp + moov/mvhd) of the given duration, for tests and demo data. */
export function tinyMp4(seconds: number, timescale = 1000): Buffer {
  const ftyp = Buffer.alloc(20);
  ftyp.writeUInt32BE(20, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isom', 16, 'latin1');
  const mvhd = Buffer.alloc(108);
  mvhd.writeUInt32BE(108, 0);
  mvhd.write('mvhd', 4, 'latin1');
  mvhd.writeUInt32BE(timescale, 20);
  mvhd.writeUInt32BE(seconds * timescale, 24);
  const moov = Buffer.alloc(8);
  moov.writeUInt32BE(8 + mvhd.length, 0);
  moov.write('moov', 4, 'latin1');
  return Buffer.concat([ftyp, moov, mvhd]);
}

/** Where a contest video is kept, by the hash of its bytes (a video sent twice is kept once). */
export const videoPath = (dir: string, sha256: string) => join(dir, `${sha256}.mp4`);

/** Keep a checked video's bytes whole: written beside its place and renamed in, so a reader never sees half a file. */
export async function saveVideo(dir: string, sha256: string, bytes: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `${videoPath(dir, sha256)}.${process.pid}.${Date.now()}.part`;
  await writeFile(tmp, bytes);
  await rename(tmp, videoPath(dir, sha256));
}
