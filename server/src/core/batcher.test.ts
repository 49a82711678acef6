import { describe, expect, it } from 'vitest';
import { Batcher, admits, overdue } from './batcher.js';

/** A flush that holds each batch until the test lets it go, recording what it was given. */
function heldFlush() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const flush = (items: number[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      releases.push(() => resolve(items.map((i) => `ok ${i}`)));
    });
  return { flush, batches, release: () => releases.shift()!() };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('admission by waiting time', () => {
  it('admits into an empty queue or behind a head younger than the target, and sheds behind an older one', () => {
    expect(admits(undefined, 10_000, 500)).toBe(true);
    expect(admits(1_000, 1_400, 500)).toBe(true);
    expect(admits(1_000, 1_500, 500)).toBe(true);
    expect(admits(1_000, 1_501, 500)).toBe(false);
  });

  it('sheds a claim at once while the queue holds an old one, admits it behind a fresh one, and writes the admitted', async () => {
    let now = 0;
    const { flush, batches, release } = heldFlush();
    const b = new Batcher(flush, 256, { targetMs: 500, clock: () => now });
    // The first batch is being written (held); what comes next waits in the queue.
    const first = b.submit(1);
    await turn();
    expect(batches).toEqual([[1]]);
    const waiting = b.submit(2); // enqueued at 0
    now = 400;
    const fresh = b.submit(3); // the head has waited 400 ms: admitted
    now = 501;
    const shed = b.submit(4); // the head has waited 501 ms: turned away
    expect(await shed).toBeNull();
    expect(b.waiting).toBe(2);
    release();
    expect(await first).toBe('ok 1');
    await turn();
    expect(batches[1]).toEqual([2, 3]);
    release();
    expect([await waiting, await fresh]).toEqual(['ok 2', 'ok 3']);
    // Nothing waits now: a claim is admitted whatever the clock says.
    now = 100_000;
    const alone = b.submit(5);
    await turn();
    release();
    expect(await alone).toBe('ok 5');
    expect(batches.flat()).not.toContain(4);
  });

  it('writes an admitted claim however long it then waits', async () => {
    let now = 0;
    const { flush, batches, release } = heldFlush();
    const b = new Batcher(flush, 256, { targetMs: 500, clock: () => now });
    const first = b.submit(1);
    await turn();
    const late = b.submit(2); // enqueued at 0
    now = 60_000;
    release();
    await first;
    await turn();
    expect(batches[1]).toEqual([2]);
    release();
    expect(await late).toBe('ok 2');
  });

  it('without a target, never sheds', async () => {
    const { flush, release } = heldFlush();
    const b = new Batcher(flush);
    const first = b.submit(1);
    await turn();
    const second = b.submit(2);
    const third = b.submit(3);
    release();
    await first;
    await turn();
    release();
    expect([await second, await third]).toEqual(['ok 2', 'ok 3']);
  });

  it('calls the queue overdue once its head has waited past a tenth of the target', () => {
    expect(overdue(undefined, 10_000, 500)).toBe(false);
    expect(overdue(1_000, 1_050, 500)).toBe(false);
    expect(overdue(1_000, 1_051, 500)).toBe(true);
    expect(overdue(1_000, 1_000_000, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('a nudge starts a drain waiting for its turn once the queue is overdue, and not before', async () => {
    let now = 0;
    const { flush, batches, release } = heldFlush();
    const b = new Batcher(flush, 256, { targetMs: 500, clock: () => now });
    const microtasks = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    // The drain waits for the loop's check phase; a nudge while the head is fresh leaves it waiting.
    const first = b.submit(1);
    now = 50;
    b.nudge();
    await microtasks();
    expect(batches).toEqual([]);
    // Past the gather window (a long turn of cheap answers): the batch is taken now, before the check phase.
    now = 51;
    b.nudge();
    await microtasks();
    expect(batches).toEqual([[1]]);
    release();
    expect(await first).toBe('ok 1');
    // A shed call nudges too: the drain waits behind a head past the target, the call is turned away and the
    // admitted ones are written at once.
    const second = b.submit(2); // enqueued at 51
    now = 600;
    expect(await b.submit(3)).toBeNull();
    await microtasks();
    expect(batches[1]).toEqual([2]);
    release();
    expect(await second).toBe('ok 2');
    // A nudge with nothing waiting does nothing.
    b.nudge();
    await turn();
    expect(batches).toHaveLength(2);
  });
});
