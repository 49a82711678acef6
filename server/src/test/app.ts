import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { seedGazette } from '../boot.js';
import { loadConfig } from '../config.js';
import type { DialectName } from '../core/db.js';
import { freshDb } from './dialects.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** An app on a fresh database of the dialect, with the 2022 gazette imported. */
export async function testApp(dialect: DialectName): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const { db, cleanup } = await freshDb(dialect);
  await seedGazette(db, () => {});
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_TOKEN: TEST_ADMIN_TOKEN, DATA_DIR: '/tmp/xianwu-test' });
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}
