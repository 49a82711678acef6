import { describe, expect, it } from 'vitest';
import { unavailable } from './errors.js';
import { admitted, LoopLag } from './pressure.js';

const busy = unavailable('忙');

describe('shedding before the work', () => {
  it('admits while the loop is on time and the queue short, and turns away once their wait passes the target', () => {
    const shed = { targetMs: 500, error: busy };
    expect(admitted(shed, 0)).toBe(true);
    // Jitter below 50 ms is no backlog, even against a 1 ms target.
    expect(admitted({ targetMs: 1, error: busy }, 40)).toBe(true);
    expect(admitted(shed, 200)).toBe(true);
    // Two turns of 300 ms unread is past 500 ms.
    expect(admitted(shed, 300)).toBe(false);
    expect(admitted({ ...shed, queuedMs: () => 450 }, 0)).toBe(true);
    expect(admitted({ ...shed, queuedMs: () => 300 }, 150)).toBe(false);
  });

  it('sees a loop held busy', async () => {
    const lag = new LoopLag(5);
    await new Promise((r) => setTimeout(r, 20));
    const until = performance.now() + 120;
    while (performance.now() < until); // a long synchronous turn
    await new Promise((r) => setTimeout(r, 8));
    const seen = lag.ms;
    lag.stop();
    expect(seen).toBeGreaterThan(30);
  });
});
