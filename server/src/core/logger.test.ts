import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyChildLoggerFactory, loggerOptions } from './logger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino(loggerOptions(level), out), lines };
}

describe('per-request logger', () => {
  it('logs with the request id at enabled levels and drops the rest', () => {
    const { logger, lines } = capture('warn');
    const log = lazyChildLoggerFactory(logger, { reqId: 'r-1' }, {});
    log.info('not written');
    log.error({ err: new Error('boom') }, 'written');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ reqId: 'r-1', msg: 'written', level: 50 });
    expect(log.child({ extra: 1 }).bindings()).toMatchObject({ reqId: 'r-1', extra: 1 });
  });

  it('keeps a route’s own level, above or below the server’s, still without a child until something is written', () => {
    const { logger, lines } = capture('warn');
    const chatty = lazyChildLoggerFactory(logger, { reqId: 'r-2' }, { level: 'info' });
    expect(chatty.isLevelEnabled('info')).toBe(true);
    chatty.info('written at the route level');
    expect(lines[0]).toMatchObject({ reqId: 'r-2', level: 30 });
    const info = capture('info');
    const quiet = lazyChildLoggerFactory(info.logger, { reqId: 'r-3' }, { level: 'warn' });
    expect(quiet.isLevelEnabled('info')).toBe(false);
    quiet.info('not written: the route logs at warn');
    quiet.warn('written');
    expect(info.lines.map((l) => l.msg)).toEqual(['written']);
  });
});
