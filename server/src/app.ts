import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Db } from './core/db.js';
import { AppError, errorBody } from './core/errors.js';
import { DirectRoutes, requestIdOf, toAppError } from './core/http.js';
import { lazyChildLoggerFactory, loggerOptions } from './core/logger.js';
import { createGazette, gazetteRoutes } from './modules/gazette/index.js';
import { createDirectory, directoryRoutes } from './modules/directory/index.js';
import { accountsRoutes, createAccounts, installAuth } from './modules/accounts/index.js';
import { auditRoutes, createAudit } from './modules/audit/index.js';
import { calendarRoutes, createCalendar } from './modules/calendar/index.js';
import { chinaToday, createNotices, noticesRoutes } from './modules/notices/index.js';
import { createFiles, filesRoutes } from './modules/files/index.js';
import { createVouchers, vouchersRoutes } from './modules/vouchers/index.js';

z.config(z.locales.zhCN());

const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface AppDeps {
  config: Config;
  db: Db;
  /** Log requests (off in tests). */
  logger?: boolean;
  /** Today's date in China; tests pin it. */
  today?: () => string;
  /** The current instant (ISO); tests pin it. */
  now?: () => string;
}

/** Build the HTTP application (no listening). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  // The hot endpoints answered in front of Fastify's router when the app listens (see core/http.ts). They run
  // the authentication and error handling below but no other hook: a hook added here needs its equivalent there.
  const direct = new DirectRoutes();
  const app = Fastify({
    serverFactory: direct.serverFactory,
    logger: deps.logger === false ? false : loggerOptions(config.LOG_LEVEL),
    ...(deps.logger === false ? {} : { childLoggerFactory: lazyChildLoggerFactory as never }),
    genReqId: (req) => requestIdOf(req.headers),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  direct.useLogger(app.log);
  // One error handler, shared with the direct routes: 400 naming the field, stable ids, no internals on 5xx.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toAppError(err, req.log);
    return reply.code(e.status).send(errorBody(e, req.id));
  });
  app.addHook('preClose', (done) => {
    direct.close();
    done();
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '县务通 Xianwu API', description: '交城县政府公报与政务项目管理平台', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/api/health', async () => ({ status: 'ok', database: db.dialect }));

  const directory = createDirectory(db);
  const accounts = createAccounts(db, directory);
  const calendar = createCalendar(db);
  await installAuth(app, accounts, direct);
  await app.register(accountsRoutes, { prefix: '/api', service: accounts, secureCookies: config.COOKIE_SECURE });
  await app.register(directoryRoutes, { prefix: '/api/directory', service: directory });
  await app.register(auditRoutes, { prefix: '/api/audit', repo: createAudit(db) });
  await app.register(calendarRoutes, { prefix: '/api/calendar', service: calendar });
  const notices = createNotices(db, calendar, directory, deps.today ?? (() => chinaToday()));
  await app.register(noticesRoutes, { prefix: '/api/notices', service: notices });
  await app.register(filesRoutes, { prefix: '/api/files', service: createFiles(db, config.dataDir, { public_notice: notices.filePolicy }) });
  const vouchers = createVouchers(db, directory, deps.now, accounts);
  await app.register(vouchersRoutes, { prefix: '/api/vouchers', service: vouchers, direct });
  app.decorate('vouchers', vouchers);
  await app.register(gazetteRoutes, { prefix: '/api/gazette', service: createGazette(db).service });

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  }
  // SPA fallback for GET outside /api; everything else is a JSON 404.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api') && existsSync(WEB_DIST)) return reply.sendFile('index.html');
    return reply.code(404).send(errorBody(new AppError('NOT_FOUND', 404, `接口不存在：${req.method} ${req.url.split('?')[0]}`), req.id));
  });
  return app;
}
