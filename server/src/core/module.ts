/**
 * The module contract. A programme module is one folder whose index.ts exports a manifest: what it is made of
 * (migrations, permissions, error ids, routes, jobs, seeds, file policies, workbench items, CLI) and which
 * modules it needs. modules/index.ts lists the manifests; the app, the boot, the CLI, the migrator, the test app
 * and the authorization matrix all iterate that list, so adding a module touches nothing outside its folder.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Actor } from './audit.js';
import { registerPermissions, type Role } from './auth.js';
import { registerFieldNames } from './http.js';
import { chinaDay, isoClock, nowIso, setInstallClock } from './time.js';
import { cachedPdf } from './pdf.js';
import { join } from 'node:path';
import type { Bus } from './bus.js';
import { declareAuditLabels } from './labels.js';
import type { BodyDeclaration } from './access.js';
import type { ExportSpec } from './exports.js';
import type { Db, DialectName } from './db.js';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { startDemoClock, DEMO_CLOCK_DEFAULT, type DemoClock } from './demo-clock.js';

export { DEMO_CLOCK_DEFAULT, type DemoClock };

/**
 * Every module's manifest type, by name: each module adds one line by declaration merging
 * (`declare module '../../core/module.js' { interface Modules { notices: typeof noticesModule } }`), and the
 * services, permission names and error ids of the whole platform are derived from it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Modules {}
export type ModuleName = keyof Modules & string;
/** What each module's service is, by module name. */
export type ModuleServices = { [K in ModuleName]: Modules[K] extends XianwuModule<infer S, any, any> ? S : never };
/** The permission names every module declares. */
export type ModulePermissionName = { [K in ModuleName]: Modules[K] extends XianwuModule<any, infer P, any> ? keyof P & string : never }[ModuleName];
/** The error ids every module declares. */
export type ModuleErrorId = { [K in ModuleName]: Modules[K] extends XianwuModule<any, any, infer E> ? keyof E & string : never }[ModuleName];

/** One migration, written for both dialects. */
export interface DialectMigration {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  down(db: Kysely<any>, dialect: DialectName): Promise<void>;
  /**
   * Names of earlier migrations whose work this one took over when they were split by module: a database that
   * ran one of them has this one's tables already, and the migrator records it as done instead of running it.
   */
  replaces?: readonly string[];
}

/** What a module is given to make its service; `env` holds its own environment variables (its manifest's `env`). */
export interface ModuleContext<Env = Readonly<Record<string, unknown>>> {
  db: Db;
  config: Config;
  env: Env;
  /** The current instant (ISO): `clock` when one is pinned, else the module's rehearsal clock when it runs on one, else real time. */
  now: () => string;
  /** A clock pinned by whoever built the app (tests), which wins over any clock a module would choose itself. */
  clock?: () => string;
  /** Today's date in China (YYYY-MM-DD), on the same clock as `now`. */
  today: () => string;
  /** Where the module's rehearsal clock (its manifest's `clock`) started, when it runs on one. */
  clockStart?: string;
  /** The demo install's one clock, when the module runs on it: its demo seed may set it to a past day to replay history. */
  demoClock?: DemoClock;
  /** The service of a module this one needs (declared in `needs`). */
  use<N extends ModuleName>(name: N): ModuleServices[N];
  /** Messages to every app process sharing the database (see core/bus.ts). */
  bus: Bus;
  /** The registry of the app, once every module's service is made (for hooks that gather from all modules). */
  registry: () => ModuleRegistry;
  log: (msg: string) => void;
  /** An HTML page (its own @page rules) printed to PDF by the configured Chromium, kept by the page's hash. */
  pdf: (html: string) => Promise<Buffer>;
}

/** A scheduled job: run every `everyMs` while the server runs; a failure is logged and the next run goes on. */
export interface ModuleJob<S = any> {
  name: string;
  everyMs: number;
  run(service: S): Promise<unknown>;
}

/** One item waiting on a user, shown on the workbench (我的待办). */
export interface WorkItem {
  /** The module's label, e.g. 消费券. */
  module: string;
  /** What waits, e.g. 商户待审核. */
  title: string;
  count: number;
  /** The earliest deadline among them (YYYY-MM-DD), if they have one. */
  deadline?: string | null;
  /** The web page where they are handled. */
  link: string;
}

/**
 * A live figure a programme keeps (households accepted, amount redeemed), which other modules show beside their own
 * numbers (a 督办 task's target): read each time it is shown, never copied.
 */
export interface Indicator {
  label: string;
  /** The figure's unit as printed (座, 元, 亩). */
  unit: string;
  /** Whether the figure can be read for one unit (a township) as well as county-wide. */
  perUnit?: boolean;
  /** The figure now, county-wide or for one unit; an exact decimal (元 from 分) is a string, never a float. */
  value(scope?: { unitId?: number }): Promise<number | string>;
}

/** An indicator as the registry lists it: by `<module>.<name>`, with the module that keeps it. */
export interface DeclaredIndicator extends Indicator {
  key: string;
  module: string;
  /** The module's label (农村改厕). */
  moduleLabel: string;
}

/** Who may attach files to, and read the attachments of, records of one kind. */
export interface FilePolicy {
  /**
   * The read check of /api/files (list and download), the same rule as the record the file belongs to: a file is
   * never masked, so a reader who sees that record only masked is refused (403).
   */
  canRead(actor: Actor | null, entityId: string): Promise<boolean>;
  canAttach(actor: Actor, entityId: string): Promise<boolean>;
  /** The types a record of this kind takes (e.g. photos only), when narrower than every type the platform stores. */
  mimes?: readonly string[];
  /** A size limit below the platform's, in bytes. */
  maxBytes?: number;
}

/** A command-line area, `npx xianwu <area> …`. */
export interface ModuleCli {
  area: string;
  usage: string;
  /** Runs a subcommand; `open` opens the configured database with every module wired. Returns the exit code. */
  run(args: string[], open: () => Promise<{ registry: ModuleRegistry; close: () => Promise<void> }>): Promise<number>;
}

/**
 * A rehearsal clock for training runs and demos: the instant in the module's environment variable `env` (declared in
 * its `env` schema), or on demo-data installs the install's one demo clock (DEMO_CLOCK_START), from which the
 * module's `now` and `today` run on in real time. Only the module's own context runs on it: the services it is given
 * through `use` keep theirs, so the module passes its own today where it publishes through them (e.g. notices'
 * `on(ctx.today)`).
 */
export interface ModuleClock<Env = Readonly<Record<string, unknown>>> {
  env: keyof Env & string;
}

/** A module's manifest: everything it is made of, declared in one place (S its service, P its permissions, E its error ids). */
export interface XianwuModule<
  S = any,
  P extends Readonly<Record<string, readonly Role[]>> = Readonly<Record<string, readonly Role[]>>,
  E extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
  C extends z.ZodObject = any,
> {
  name: string;
  /** The programme's name as users know it (menu group, workbench). */
  label: string;
  /**
   * The units the module's procedures name as parties (the office that runs the programme, a reviewing bureau), by
   * key, with their directory code: `ctx.use('workflow').access(bodies)` resolves them, so renaming a unit keeps them.
   */
  bodies?: Readonly<Record<string, BodyDeclaration>>;
  /**
   * The Chinese names of the records and actions its audit entries carry beyond its procedures' (which their
   * declarations name): entities by key, actions by `<entity>.<action>` or by action alone.
   */
  auditLabels?: { entities?: Readonly<Record<string, string>>; actions?: Readonly<Record<string, string>> };
  /** What each of the module's demo accounts should try first, by username: the start banner lists every demo account with it. */
  demoHints?: Readonly<Record<string, string>>;
  /** Modules whose services this one uses; they are made (and seeded) first. */
  needs?: readonly ModuleName[];
  /** Migrations by name (`<timestamp>-<name>`); one migrator runs every module's in timestamp order. */
  migrations?: Record<string, DialectMigration>;
  /** Permissions the module's routes declare, and which roles hold them (the auditor holds every `.read`). */
  permissions?: P;
  /** Error ids the module's errors carry beyond the platform's, with what each means. */
  errors?: E;
  /** The module's own environment variables, parsed at start with the platform's (all problems listed together). */
  env?: C;
  /** Chinese names of the module's request fields, for validation messages (e.g. q: 检索词). */
  fieldNames?: Readonly<Record<string, string>>;
  /** The module's rehearsal clock; without one (or with a clock pinned by tests) it runs on the app's. */
  clock?: ModuleClock<z.output<C>>;
  create(ctx: ModuleContext<z.output<C>>): S;
  /** Hooks on the whole app (authentication is one), installed before any module's routes. */
  install?(app: FastifyInstance, service: S, ctx: ModuleContext<z.output<C>>): Promise<void>;
  routes?: { prefix: string; plugin: (app: FastifyInstance, opts: { service: S; ctx: ModuleContext<z.output<C>> }) => Promise<void> };
  jobs?: readonly ModuleJob<S>[];
  /** Data every install needs (the directory, the campaign of a document); lines it returns are printed on start. */
  seed?(service: S, ctx: ModuleContext<z.output<C>>): Promise<string[] | void>;
  /**
   * Work each time the server starts, after seeding and before it listens: taking over what a killed or restarted
   * process left half done (other processes sharing the database may still be running theirs). Lines it returns are
   * printed on start.
   */
  onStart?(service: S, ctx: ModuleContext<z.output<C>>): Promise<string[] | void>;
  /**
   * For the module that keeps the units (the directory): called while seeding with each later module's declared
   * bodies, before that module is seeded, so a body it declares with `add` exists when its seed and demo run.
   */
  ensureBodies?(service: S, bodies: readonly BodyDeclaration[]): Promise<void>;
  /** A believable state for demo installs only (never in production). */
  demo?(service: S, ctx: ModuleContext<z.output<C>>): Promise<string[] | void>;
  /** Who may attach files to which of the module's records, by entity name. */
  filePolicies?(service: S): Record<string, FilePolicy>;
  /** What waits on this user in the module. */
  workbench?(service: S, actor: Actor): Promise<WorkItem[]>;
  /** Large exports the module offers as jobs (progress, then a download), by name: /api/exports/<module>/<name>. */
  exports?(service: S): Record<string, ExportSpec>;
  /** Live figures the module offers for others to show against their targets, by name (see Indicator). */
  indicators?(service: S): Record<string, Indicator>;
  cli?: ModuleCli;
}

/** Declare a module; its service, permissions and error ids are inferred from what it declares. */
export const defineModule = <
  S,
  const P extends Readonly<Record<string, readonly Role[]>> = Record<never, never>,
  const E extends Readonly<Record<string, string>> = Record<never, never>,
  C extends z.ZodObject = z.ZodObject<Record<never, never>>,
>(
  m: XianwuModule<S, P, E, C>,
): XianwuModule<S, P, E, C> => m;

/** The modules of one app, ordered so that each comes after those it needs, with their services. */
export interface ModuleRegistry {
  readonly modules: readonly XianwuModule[];
  readonly ctx: ModuleContext;
  /** The demo install's one clock, when it runs on one (shown to users as 「演示时间」). */
  readonly demoClock: DemoClock | null;
  /** The context a module was created with: its own environment variables, the modules it needs. */
  contextOf(name: string): ModuleContext;
  service<N extends ModuleName>(name: N): ModuleServices[N];
  /** Every module's file policies, by entity. */
  filePolicies(): Record<string, FilePolicy>;
  /** Items waiting on the actor, from every module. */
  workbench(actor: Actor): Promise<WorkItem[]>;
  /** Every module's indicators, by `<module>.<name>`, in module order. */
  indicators(): Record<string, DeclaredIndicator>;
  /** Seed the named modules (and what they need), or all; demo data too when `demo`. Returns lines to print. */
  seed(opts: { demo: boolean; only?: readonly ModuleName[] }): Promise<string[]>;
  /** Run every module's onStart hook, in order; returns lines to print. */
  start(): Promise<string[]>;
  /** Start every module's jobs; returns a function that stops them. */
  startJobs(onError: (job: string, err: unknown) => void): () => void;
}

/** Order modules so that each follows what it needs; throws on an unknown or circular need, or a duplicate name. */
export function orderModules(list: readonly XianwuModule[]): XianwuModule[] {
  const byName = new Map<string, XianwuModule>();
  for (const m of list) {
    if (byName.has(m.name)) throw new Error(`模块 ${m.name} 重复登记`);
    byName.set(m.name, m);
  }
  const out: XianwuModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: XianwuModule, path: string[]) => {
    if (state.get(m.name) === 'done') return;
    if (state.get(m.name) === 'visiting') throw new Error(`模块依赖成环：${[...path, m.name].join(' → ')}`);
    state.set(m.name, 'visiting');
    for (const n of m.needs ?? []) {
      const dep = byName.get(n);
      if (!dep) throw new Error(`模块 ${m.name} 依赖的模块 ${n} 未登记`);
      visit(dep, [...path, m.name]);
    }
    state.set(m.name, 'done');
    out.push(m);
  };
  for (const m of list) visit(m, []);
  return out;
}

/** The modules a set of names needs, themselves included. */
export function withNeeds(list: readonly XianwuModule[], names: readonly string[]): Set<string> {
  const byName = new Map(list.map((m) => [m.name as string, m]));
  const out = new Set<string>();
  const add = (n: string) => {
    if (out.has(n)) return;
    out.add(n);
    for (const d of byName.get(n)?.needs ?? []) add(d);
  };
  names.forEach(add);
  return out;
}

/** What a registry is made from: the clock and today default to real time when none is pinned. */
export type RegistryDeps = Pick<ModuleContext, 'db' | 'config' | 'bus' | 'log' | 'clock'> & { today?: () => string };

/** A module's own rehearsal start, from its variable; null when unset. */
function rehearsalStart(clock: ModuleClock, ctx: ModuleContext): string | null {
  const given = ctx.env[clock.env];
  return typeof given === 'string' && given ? given : null;
}

/** The install's demo clock: on demo-data installs unless DEMO_CLOCK_START=real, and never under a pinned clock. */
function installDemoClock(deps: RegistryDeps): DemoClock | null {
  if (deps.clock || !deps.config.demoData) return null;
  const start = deps.config.DEMO_CLOCK_START ?? DEMO_CLOCK_DEFAULT;
  return start === 'real' ? null : startDemoClock(start);
}

/** Make every module's service, in order; each sees only the services of the modules it declared it needs. */
export function createRegistry(list: readonly XianwuModule[], deps: RegistryDeps): ModuleRegistry {
  const given: Omit<ModuleContext, 'use' | 'registry' | 'env'> = {
    ...deps,
    now: deps.clock ?? nowIso,
    today: deps.today ?? (() => chinaDay()),
    pdf: cachedPdf(join(deps.config.dataDir, 'print'), deps.config.CHROMIUM_PATH),
  };
  const modules = orderModules(list);
  const demoClock = installDemoClock(deps);
  setInstallClock(demoClock?.now ?? null);
  const services = new Map<string, unknown>();
  for (const m of modules) {
    if (m.permissions) registerPermissions(m.name, m.permissions);
    if (m.fieldNames) registerFieldNames(m.fieldNames);
    if (m.auditLabels) declareAuditLabels(m.auditLabels);
  }
  let registry: ModuleRegistry | null = null;
  const base = {
    ...given,
    registry: () => {
      if (!registry) throw new Error('模块尚未全部创建');
      return registry;
    },
  };
  const contextFor = (m: XianwuModule): ModuleContext => {
    const ctx: ModuleContext = {
      ...base,
      env: base.config.modules[m.name] ?? {},
      use: (name) => {
        if (!(m.needs ?? []).includes(name)) throw new Error(`模块 ${m.name} 使用了未声明依赖的模块 ${name}（在 needs 中声明）`);
        return services.get(name) as never;
      },
    };
    if (!m.clock || base.clock) return ctx;
    const start = rehearsalStart(m.clock, ctx);
    if (!start) return demoClock ? { ...ctx, now: demoClock.now, today: () => chinaDay(demoClock.now()), clockStart: demoClock.start, demoClock } : ctx;
    if (Number.isNaN(Date.parse(start))) throw new Error(`模块 ${m.name} 的时钟起点 ${start} 不是有效时间`);
    const now = isoClock(Date.parse(start) - Date.now());
    return { ...ctx, now, today: () => chinaDay(now()), clockStart: start };
  };
  const contexts = new Map<string, ModuleContext>();
  for (const m of modules) {
    const ctx = contextFor(m);
    contexts.set(m.name, ctx);
    services.set(m.name, m.create(ctx));
  }
  let policies: Record<string, FilePolicy> | null = null;
  let indicators: Record<string, DeclaredIndicator> | null = null;
  return (registry = {
    modules,
    demoClock,
    ctx: { ...base, env: {}, use: (name) => services.get(name) as never },
    service: (name) => services.get(name) as never,
    contextOf: (name) => contexts.get(name)!,
    filePolicies() {
      if (policies) return policies;
      const all: Record<string, FilePolicy> = {};
      for (const m of modules) {
        for (const [entity, p] of Object.entries(m.filePolicies?.(services.get(m.name)) ?? {})) {
          if (all[entity]) throw new Error(`附件对象 ${entity} 由两个模块登记`);
          all[entity] = p;
        }
      }
      return (policies = all);
    },
    async workbench(actor) {
      const lists = await Promise.all(modules.map((m) => m.workbench?.(services.get(m.name), actor) ?? []));
      return lists.flat().filter((i) => i.count > 0);
    },
    indicators() {
      if (indicators) return indicators;
      const all: Record<string, DeclaredIndicator> = {};
      for (const m of modules) {
        for (const [name, i] of Object.entries(m.indicators?.(services.get(m.name)) ?? {})) all[`${m.name}.${name}`] = { label: i.label, unit: i.unit, perUnit: i.perUnit ?? false, value: (scope) => i.value(scope), key: `${m.name}.${name}`, module: m.name, moduleLabel: m.label };
      }
      return (indicators = all);
    },
    async seed({ demo, only }) {
      const wanted = only ? withNeeds(modules, only) : null;
      const lines: string[] = [];
      for (const m of modules) {
        if (wanted && !wanted.has(m.name)) continue;
        const s = services.get(m.name);
        const ctx = contexts.get(m.name)!;
        const declared = Object.values(m.bodies ?? {});
        if (declared.length > 0) {
          for (const k of modules) if (k.ensureBodies && k !== m && services.has(k.name) && (!wanted || wanted.has(k.name))) await k.ensureBodies(services.get(k.name), declared);
        }
        lines.push(...((await m.seed?.(s, ctx)) ?? []));
        if (demo) {
          lines.push(...((await m.demo?.(s, ctx)) ?? []));
          ctx.demoClock?.resume();
        }
      }
      if (demoClock) lines.push('', `演示时间：从 ${demoClock.start.replace('T', ' ').slice(0, 16)}（北京时间）开始走，各业务模块共用（DEMO_CLOCK_START 可改，设为 real 则用真实时间）`);
      return lines;
    },
    async start() {
      const lines: string[] = [];
      for (const m of modules) lines.push(...((await m.onStart?.(services.get(m.name), contexts.get(m.name)!)) ?? []));
      return lines;
    },
    startJobs(onError) {
      const timers: NodeJS.Timeout[] = [];
      for (const m of modules) {
        for (const job of m.jobs ?? []) {
          const s = services.get(m.name);
          const t = setInterval(() => void job.run(s).catch((err: unknown) => onError(`${m.name}.${job.name}`, err)), job.everyMs);
          t.unref();
          timers.push(t);
        }
      }
      return () => timers.forEach(clearInterval);
    },
  });
}
