/** Command line: `npx xianwu <area> <command> …`, each area a module's (its manifest's `cli`). */
import { openConfiguredDb } from './boot.js';
import { loadConfig } from './config.js';
import { createBus } from './core/bus.js';
import { AppError } from './core/errors.js';
import { createRegistry } from './core/module.js';
import { MODULES } from './modules/index.js';

const USAGE = `用法：\n${MODULES.flatMap((m) => (m.cli ? [m.cli.usage] : [])).join('\n')}`;

/** The configured database with every module wired, for commands that need it. */
async function open() {
  const config = loadConfig(process.env, MODULES);
  const db = await openConfiguredDb(config);
  const bus = createBus(db);
  const registry = createRegistry(MODULES, { db, config, bus, log: (m) => console.error(m) });
  return {
    registry,
    close: async () => {
      await bus.close();
      await db.destroy();
    },
  };
}

async function main([area, ...args]: string[]): Promise<number> {
  const cli = MODULES.find((m) => m.cli?.area === area)?.cli;
  const code = cli && args.length ? await cli.run(args, open) : 2;
  if (code === 2) console.error(USAGE);
  return code;
}

// Exit once stdout has been written out: a large --json answer piped to another program would otherwise be cut.
const exitAfterOutput = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (err) => {
    console.error(err instanceof AppError ? `错误：${err.message}` : `错误：${(err as Error).message}`);
    process.exit(1);
  },
);
