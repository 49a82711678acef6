import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleSize, seededSample } from './sample.js';

describe('seeded sample', () => {
  it('takes at least the percentage, rounded up, at least one', () => {
    expect([0, 1, 9, 10, 11, 25].map((n) => sampleSize(n, 10))).toEqual([0, 1, 1, 1, 2, 3]);
  });

  it('draws the same records for the same seed, in any input order, and others for another seed', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => i + 1);
    const a = await seededSample(ids, '2022-07-01 第 1 次', 5);
    expect(new Set(a).size).toBe(5);
    expect(await seededSample([...ids].reverse(), '2022-07-01 第 1 次', 5)).toEqual(a);
    expect(await seededSample(ids, '2022-07-01 第 2 次', 5)).not.toEqual(a);
  });

  it('orders by sha256 of seed and id, so draws recorded before this file existed redraw the same', async () => {
    const ids = [3, 14, 15, 92, 65, 35];
    const old = ids.map((id) => ({ id, h: createHash('sha256').update(`种子:${id}`).digest('hex') })).sort((a, b) => a.h.localeCompare(b.h)).map((x) => x.id);
    expect(await seededSample(ids, '种子', ids.length)).toEqual(old);
  });
});
