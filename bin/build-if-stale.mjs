#!/usr/bin/env node
// What `npm start` runs first: build the web app and the server only when a source is newer than what was built,
// so a restart takes seconds rather than a full rebuild. `npm run build` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** The newest modification time (ms) of a file or of the files under a folder. */
function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  // A folder's own time changes when a file in it is removed or renamed.
  let t = s.mtimeMs;
  for (const e of readdirSync(p)) t = Math.max(t, newest(join(p, e)));
  return t;
}

const built = (p) => (existsSync(join(root, p)) ? statSync(join(root, p)).mtimeMs : -1);
const lock = newest(join(root, 'package-lock.json'));
// The web imports the server's types and schemas, so server sources count for it too.
const webStale = Math.max(newest(join(root, 'web')), newest(join(root, 'server/src')), lock) > built('dist/web/index.html');
const serverStale = Math.max(newest(join(root, 'server/src')), newest(join(root, 'tsconfig.build.json')), lock) > built('server/dist/main.js');

for (const [stale, script, what] of [[webStale, 'build:web', '网页'], [serverStale, 'build:server', '服务端']]) {
  if (!stale) {
    console.log(`${what}已是最新构建，跳过构建`);
    continue;
  }
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
