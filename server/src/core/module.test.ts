import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testConfig } from '../test/app.js';
import type { Bus } from './bus.js';
import type { Db } from './db.js';
import { createRegistry, defineModule, DEMO_CLOCK_DEFAULT, type ModuleContext } from './module.js';

const seen: Record<string, ModuleContext> = {};
const clocked = defineModule({
  name: 'clocked',
  label: '有演练时钟的模块',
  env: z.object({ CLOCKED_CLOCK_START: z.string().optional() }),
  clock: { env: 'CLOCKED_CLOCK_START' },
  create: (ctx) => void (seen.clocked = ctx),
});
const plain = defineModule({ name: 'plain', label: '没有时钟的模块', create: (ctx) => void (seen.plain = ctx) });

const other = defineModule({
  name: 'other',
  label: '另一个有演练时钟的模块',
  env: z.object({ OTHER_CLOCK_START: z.string().optional() }),
  clock: { env: 'OTHER_CLOCK_START' },
  create: (ctx) => void (seen.other = ctx),
});

const registry = (env: Record<string, unknown>, opts: { demo?: boolean; clock?: () => string; start?: string } = {}) => {
  const base = testConfig({ DEMO_ACCOUNTS: opts.demo === false ? 'false' : 'true', DEMO_DATA: opts.demo === false ? 'false' : 'true', DEMO_CLOCK_START: opts.start ?? DEMO_CLOCK_DEFAULT });
  return createRegistry([clocked, plain, other] as never, { db: {} as Db, bus: {} as Bus, log: () => {}, config: { ...base, modules: { clocked: env } }, clock: opts.clock });
};
const near = (iso: string, to: string) => Math.abs(Date.parse(iso) - Date.parse(to)) < 5_000;

describe('the rehearsal clock a manifest declares', () => {
  it('runs the module’s now and today from its variable, and only that module’s', () => {
    registry({ CLOCKED_CLOCK_START: '2022-06-27T09:00:00+08:00' });
    expect(near(seen.clocked.now(), '2022-06-27T01:00:00Z')).toBe(true);
    expect(seen.clocked.today()).toBe('2022-06-27');
    expect(seen.clocked.clockStart).toBe('2022-06-27T09:00:00+08:00');
    expect(near(seen.plain.now(), new Date().toISOString())).toBe(true);
    expect(seen.plain.clockStart).toBeUndefined();
  });

  it('runs every clocked module on the demo install’s one clock when their variables are unset, and no other', () => {
    expect(DEMO_CLOCK_DEFAULT).toBe('2022-07-12T09:30:00+08:00');
    const r = registry({});
    expect([seen.clocked.clockStart, seen.other.clockStart]).toEqual(['2022-07-12T09:30:00+08:00', '2022-07-12T09:30:00+08:00']);
    expect([seen.clocked.today(), seen.other.today()]).toEqual(['2022-07-12', '2022-07-12']);
    expect(near(r.demoClock!.now(), '2022-07-12T01:30:00Z')).toBe(true);
    expect(seen.plain.clockStart).toBeUndefined();
    registry({}, { start: '2022-06-11T10:30:00+08:00' });
    expect(seen.other.today()).toBe('2022-06-11');
    expect(registry({}, { start: 'real' }).demoClock).toBeNull();
    expect(near(seen.other.now(), new Date().toISOString())).toBe(true);
    registry({}, { demo: false });
    expect(seen.clocked.clockStart).toBeUndefined();
    expect(near(seen.clocked.now(), new Date().toISOString())).toBe(true);
  });

  it('lets a demo seed replay a past day on the shared clock, then puts it back', () => {
    const r = registry({});
    seen.clocked.demoClock!.at('2022-07-09T10:30:00+08:00');
    expect(seen.other.today()).toBe('2022-07-09');
    r.demoClock!.resume();
    expect(seen.other.today()).toBe('2022-07-12');
  });

  it('keeps a module’s own variable over the demo clock', () => {
    registry({ CLOCKED_CLOCK_START: '2022-06-27T09:00:00+08:00' });
    expect([seen.clocked.today(), seen.other.today()]).toEqual(['2022-06-27', '2022-07-12']);
  });

  it('gives way to a clock pinned by whoever built the app', () => {
    registry({ CLOCKED_CLOCK_START: '2022-06-27T09:00:00+08:00' }, { clock: () => '2022-03-01T02:00:00.000Z' });
    expect([seen.clocked.now(), seen.clocked.clockStart]).toEqual(['2022-03-01T02:00:00.000Z', undefined]);
  });
});

describe('indicators a manifest declares', () => {
  it('are gathered from every module by <module>.<name>, each read through its module’s service', async () => {
    class Counter {
      n = 2;
      accepted(scope?: { unitId?: number }) {
        return Promise.resolve(scope?.unitId ? 1 : this.n);
      }
    }
    const counting = defineModule({
      name: 'counting',
      label: '计数模块',
      create: () => new Counter(),
      indicators: (s) => ({ accepted: { label: '验收合格', unit: '座', perUnit: true, value: (scope) => s.accepted(scope) } }),
    });
    const r = createRegistry([plain, counting] as never, { db: {} as Db, bus: {} as Bus, log: () => {}, config: testConfig() });
    const all = r.indicators();
    expect(Object.keys(all)).toEqual(['counting.accepted']);
    expect(all['counting.accepted']).toMatchObject({ key: 'counting.accepted', module: 'counting', moduleLabel: '计数模块', label: '验收合格', unit: '座', perUnit: true });
    expect([await all['counting.accepted'].value(), await all['counting.accepted'].value({ unitId: 7 })]).toEqual([2, 1]);
  });
});
