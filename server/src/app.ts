import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type onRequestHookHandler } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import { createBus, type Bus } from './core/bus.js';
import type { Permission } from './core/auth.js';
import type { Db } from './core/db.js';
import { errorBody, notFound, tooMany } from './core/errors.js';
import { clientRequestId, compiledSerializerCompiler, jsonTooDeep, newRequestId, toAppError, tooDeep } from './core/http.js';
import { lazyChildLoggerFactory, loggerOptions } from './core/logger.js';
import { RateLimiter, type RateLimit } from './core/rate-limit.js';
import { admitted, LoopLag, type Shed } from './core/pressure.js';
import { createRegistry, type ModuleName, type ModuleRegistry, type XianwuModule } from './core/module.js';
import { workbenchRoutes } from './core/workbench.js';
import { MODULES } from './modules/index.js';

z.config(z.locales.zhCN());

const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** The largest request body a route takes unless it declares its own bodyLimit. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

/** TRUST_PROXY as Fastify's trustProxy: true, or a list of addresses. */
const trustProxyOf = (v: string): boolean | string[] => (v === 'true' ? true : v.split(',').map((x) => x.trim()));

/** What a route open to anyone takes from one client unless it declares its own limit: ten a second, on average. */
const PUBLIC_RATE_LIMIT: RateLimit = { max: 600, windowMs: 60_000 };

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A registered route and the permission it declares. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Requests per client this route takes (core/rate-limit.ts); routes open to anyone get PUBLIC_RATE_LIMIT unless they say; false for none. */
    rateLimit?: RateLimit | false;
    /** Answer at once, before the session or the body is read, while the expected wait is past its target (core/pressure.ts). */
    shed?: Shed;
  }
  interface FastifyInstance {
    /** Every module's service, and the hooks gathered from all of them. */
    registry: ModuleRegistry;
    /** Every route registered, with its permission (the authorization matrix is generated from it). */
    routeTable: RouteEntry[];
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  /** The modules to wire (all by default). */
  modules?: readonly XianwuModule[];
  /** Log requests (off in tests). */
  logger?: boolean;
  /** Today's date in China; tests pin it. */
  today?: () => string;
  /** Pin the platform's clock (tests); it wins over any clock a module chooses itself, e.g. the vouchers' rehearsal clock. */
  now?: () => string;
  /** Messages between app processes (one is made for the database when not given). */
  bus?: Bus;
}

/** Build the HTTP application (no listening): every module's service, hooks and routes, from the one list. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config.LOG_LEVEL),
    ...(deps.logger === false ? {} : { childLoggerFactory: lazyChildLoggerFactory as never }),
    genReqId: newRequestId,
    // No route takes more unless it says so (the gazette import and file uploads do); a login needs far less.
    bodyLimit: DEFAULT_BODY_LIMIT,
    ...(config.TRUST_PROXY ? { trustProxy: trustProxyOf(config.TRUST_PROXY) } : {}),
  });
  // JSON as Fastify parses it (__proto__ and constructor refused), after a cheap check of how deep it nests.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonTooDeep(body as string)) return done(tooDeep(), undefined);
    parseJson(req, body as string, done);
  });
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  const limiter = new RateLimiter();
  // Sampled only once a route sheds: most test apps have none and should not keep a timer.
  let lag: LoopLag | null = null;
  app.addHook('onClose', () => lag?.stop());
  app.addHook('onRoute', (route) => {
    if (route.config?.shed && config.LOAD_SHEDDING) lag ??= new LoopLag();
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, permission: route.config?.permission });
    }
    const limit = route.config?.rateLimit ?? (route.config?.permission === 'public' ? PUBLIC_RATE_LIMIT : false);
    if (!limit || !config.RATE_LIMITS) return;
    const name = `${[route.method].flat().join(',')} ${route.url}`;
    const hook: onRequestHookHandler = (req, reply, done) => {
      const wait = limiter.take(`${req.ip}\n${name}`, limit);
      if (!wait) return done();
      done(tooMany(wait));
    };
    route.onRequest = [hook, ...(route.onRequest ? [route.onRequest].flat() : [])];
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializerCompiler(config.NODE_ENV === 'test') as never);

  // Every response names its request (errors and unknown routes included) and carries the security headers.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    // The caller's own id is kept beside ours (answered back, and in the request's log line), never instead of it.
    const theirs = clientRequestId(req.headers);
    if (theirs) reply.header('x-client-request-id', theirs);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // API answers hold personal and official data: never kept by a browser or a proxy.
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    // The pages: scripts only from this origin; Ant Design writes its styles inline. /docs brings its own page.
    else if (!req.url.startsWith('/docs')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    done();
  });
  // After the headers, before the modules' hooks (the session's lookup among them), so a shed request costs next to nothing.
  app.addHook('onRequest', (req, reply, done) => {
    const shed = req.routeOptions.config.shed;
    if (!shed || !lag || admitted(shed, lag.ms)) return done();
    done(shed.error);
  });

  if (config.SLOW_REQUEST_MS > 0) {
    app.addHook('onResponse', (req, reply, done) => {
      const ms = reply.elapsedTime;
      if (ms > config.SLOW_REQUEST_MS) req.log.warn({ method: req.method, route: req.routeOptions.url, status: reply.statusCode, ms: Math.round(ms) }, '请求耗时过长');
      done();
    });
  }

  // One error handler: 400 naming the field, stable ids, no internals on 5xx.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toAppError(err, req.log);
    if (e.retryAfter) reply.header('retry-after', String(e.retryAfter));
    return reply.code(e.status).send(errorBody(e, req.id));
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '县务通 Xianwu API', description: '交城县政府公报与政务项目管理平台', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const bus = deps.bus ?? createBus(db, (err) => app.log.error({ err }, 'bus error'));
  const registry = createRegistry(deps.modules ?? MODULES, {
    db,
    config,
    clock: deps.now,
    today: deps.today,
    bus,
    log: (msg) => app.log.info(msg),
  });
  app.decorate('registry', registry);
  // A demo install says what time its story is at, so the header can show 「演示时间」 beside real dates.
  app.get(
    '/api/health',
    { schema: { tags: ['平台'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), demoNow: z.string().optional() }) } } },
    async () => ({ status: 'ok' as const, database: db.dialect, ...(registry.demoClock ? { demoNow: registry.demoClock.now() } : {}) }),
  );
  if (!deps.bus) app.addHook('onClose', () => bus.close());
  // The list holds manifests of every kind; each is given its own service.
  const serviceOf = (m: XianwuModule) => registry.service(m.name as ModuleName) as never;
  for (const m of registry.modules) await m.install?.(app, serviceOf(m), registry.contextOf(m.name));
  for (const m of registry.modules) {
    if (m.routes) await app.register(m.routes.plugin as never, { prefix: m.routes.prefix, service: serviceOf(m), ctx: registry.contextOf(m.name) });
  }
  await app.register(workbenchRoutes, { prefix: '/api/workbench', registry });

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  }
  // SPA fallback for GET outside /api; everything else is a JSON 404.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api') && existsSync(WEB_DIST)) return reply.sendFile('index.html');
    return reply.code(404).send(errorBody(notFound('接口', `接口不存在：${req.method} ${req.url.split('?')[0]}`), req.id));
  });
  return app;
}
