/** The start banner of a demo install: every account with its role, unit and what to try first. */
import { describe, expect, it } from 'vitest';
import { testRegistry } from '../../test/app.js';
import { freshDb } from '../../test/dialects.js';
import { DEMO_PASSWORD } from './index.js';

describe('the demo start banner', () => {
  it('lists the fixed accounts and those a module’s demo adds, each with the hint its manifest declares', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['accounts'] });
      const centre = await registry.service('directory').idOfCode('JC-LSCB');
      await registry.service('accounts').seedDemoUsers([{ username: 'liangchu', displayName: '县粮食和物资储备中心经办人', role: 'department_official', unitId: centre }, { username: 'demo_r0001', displayName: '王建国', role: 'resident' }], DEMO_PASSWORD);
      const lines = (await registry.start()).join('\n');
      expect(lines).toMatch(/admin\s+xianwu2022\s+县级管理员.*交城县　先试：督办任务/);
      expect(lines).toMatch(/jumin\s+xianwu2022\s+居民.*先试：我的 → 领券/);
      expect(lines).toMatch(/liangchu\s+xianwu2022\s+县直部门.*先试：粮食：提出轮换申请/);
      // The numbered demo residents are counted in a line, not listed one by one.
      expect(lines).not.toMatch(/demo_r0001\s+xianwu2022/);
    } finally {
      await cleanup();
    }
  });
});
