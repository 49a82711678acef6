/** A demo install shows the system working: every module's demo data, and nothing of it in production. */
import { describe, expect, it } from 'vitest';
import { testRegistry, testConfig } from './test/app.js';
import { freshDb } from './test/dialects.js';
import { loadConfig } from './config.js';

describe('demo data', () => {
  it('fills the first voucher round and the notices, once', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = testRegistry(db, { now: () => '2022-06-04T02:30:00.000Z', today: () => '2022-06-06' });
      const lines = await registry.seed({ demo: true });
      expect(lines.join('\n')).toMatch(/核销 300 笔/);
      const report = await registry.service('vouchers').report();
      expect(report.total.领取量).toBeGreaterThan(2000);
      expect(report.total.核销量).toBe(300);
      const police = { userId: null, name: '公安', role: 'department_official', unitId: (await registry.service('directory').all()).find((u) => u.name === '县公安局')!.id, townshipId: null };
      expect((await registry.service('vouchers').fraudFlags(police)).some((f) => f.kind === '同一设备多人领券')).toBe(true);
      const notices = await registry.service('notices').list(null, {}, 1, 10);
      expect(notices.total).toBe(3);
      expect(notices.items.some((n) => n.objections === 1)).toBe(true);
      expect(notices.items.some((n) => n.phase === '公示期满')).toBe(true);
      // Seeding again changes nothing.
      expect(await registry.seed({ demo: true })).not.toContainEqual(expect.stringMatching(/演示数据/));
      expect((await registry.service('vouchers').report()).total.核销量).toBe(300);
    } finally {
      await cleanup();
    }
  });

  it('starts even when today is too close to a year the calendar does not know', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const last = Math.max(...(await testRegistry(db).service('calendar').overview()).dataYears);
      const registry = testRegistry(db, { today: () => `${last}-12-28` });
      await registry.seed({ demo: false, only: ['notices'] });
      await registry.service('notices').canCount(`${last}-12-28`);
      const { seedNoticeDemo } = await import('./modules/notices/notices.demo.js');
      const lines = await seedNoticeDemo(registry.service('notices'), registry.service('accounts'), registry.service('directory'), `${last}-12-28`);
      expect(lines).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });

  it('is never on in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' }).demoData).toBe(false);
    expect(testConfig({ DEMO_DATA: 'false' }).demoData).toBe(false);
  });
});
