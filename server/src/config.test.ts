/** Configuration: the platform's variables and every module's, parsed once, every problem listed together, frozen. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { MODULES } from './modules/index.js';

describe('configuration', () => {
  it('lists the problems of the platform’s and the modules’ variables together', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'x', VOUCHER_CLOCK_START: 'tomorrow' }, MODULES);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toMatch(/^配置错误/);
    expect(err).toContain('PORT');
    expect(err).toContain('VOUCHER_CLOCK_START 应为带时区的 ISO 时间');
  });

  it('gives each module its own variables, frozen', () => {
    const c = loadConfig({ VOUCHER_CLOCK_START: '2022-06-11T10:05:00+08:00' }, MODULES);
    expect(c.modules.vouchers).toEqual({ VOUCHER_CLOCK_START: '2022-06-11T10:05:00+08:00', VOUCHER_CLAIM_WAIT_MS: 500 });
    expect(c.modules.gazette).toBeUndefined();
    expect(c.CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect(Object.isFrozen(c) && Object.isFrozen(c.modules.vouchers)).toBe(true);
  });

  it('listens on this machine only when demo accounts (known passwords) are on, unless HOST says otherwise', () => {
    expect(loadConfig({}, MODULES).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, MODULES).HOST).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production' }, MODULES).HOST).toBe('0.0.0.0');
  });

  it('refuses a variable two modules declare', async () => {
    const { z } = await import('zod');
    expect(() => loadConfig({}, [{ name: 'a', env: z.object({ PORT: z.string() }) }])).toThrow(/PORT 由平台与模块 a 重复声明/);
  });
});
