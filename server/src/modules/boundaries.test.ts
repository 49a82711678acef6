/**
 * Module boundaries, checked on the source: a module reaches another only through its index.ts, and its SQL names
 * only its own tables (another module's records come from that module's service). Core never imports a module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULES } from './index.js';

const dir = new URL('.', import.meta.url).pathname;
const modules: string[] = MODULES.map((m) => m.name);
const sources = (mod: string) =>
  readdirSync(join(dir, mod), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && /\.tsx?$/.test(f.name) && !f.name.endsWith('.test.ts'))
    .map((f) => ({ path: join(f.parentPath, f.name), text: readFileSync(join(f.parentPath, f.name), 'utf8') }));
/** A module's tables: the keys of the interface in its <name>.tables.ts. */
const tablesOf = (mod: string) => [...readFileSync(join(dir, mod, `${mod}.tables.ts`), 'utf8').matchAll(/^ {2}([a-z_]+): /gm)].map((m) => m[1]);

describe('module boundaries', () => {
  it('every module in the list has a folder with its tables file', () => {
    for (const m of modules) expect(tablesOf(m).length, m).toBeGreaterThan(0);
  });

  it.each(modules)('%s imports other modules only through their index.ts', (mod) => {
    const wrong = sources(mod).flatMap((f) => [...f.text.matchAll(/from '\.\.\/([a-z]+)\/([^']+)'/g)].filter((m) => modules.includes(m[1]) && m[2] !== 'index.js').map((m) => `${f.path}: ${m[0]}`));
    expect(wrong).toEqual([]);
  });

  it.each(modules)('%s names no other module’s tables in its SQL', (mod) => {
    const foreign = modules.filter((m) => m !== mod).flatMap((m) => tablesOf(m).map((t) => ({ t, m })));
    const wrong: string[] = [];
    for (const f of sources(mod).filter((s) => /repository|search|migrations/.test(s.path))) {
      for (const { t, m } of foreign) {
        // A table named in the query builder, a raw SQL from/join, or a foreign key.
        const named = new RegExp(`(selectFrom|insertInto|updateTable|deleteFrom|Join)\\('${t}\\b|\\b(from|join|into|update)\\s+${t}\\b`, 'i');
        if (named.test(f.text)) wrong.push(`${f.path}: ${t} (${m})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('core imports no module', () => {
    const core = join(dir, '../core');
    const wrong = readdirSync(core)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from '\.\.\/modules\//.test(readFileSync(join(core, f), 'utf8')));
    expect(wrong).toEqual([]);
  });
});
