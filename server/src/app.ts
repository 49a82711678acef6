import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Db } from './core/db.js';
import { AppError, errorBody } from './core/errors.js';
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

const FIELD_NAMES: Record<string, string> = { q: '检索词', pageSize: '每页条数', page: '页码', dateFrom: '起始日期', dateTo: '截止日期', type: '文种' };

/** Build the HTTP application (no listening). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config.LOG_LEVEL),
    ...(deps.logger === false ? {} : { childLoggerFactory: lazyChildLoggerFactory as never }),
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID()),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // One error handler: 400 naming the field, stable ids, no internals on 5xx.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const send = (e: AppError) => reply.code(e.status).send(errorBody(e, req.id));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(err.validationContext ?? '请求');
        return { field, message: v.message ?? '无效' };
      });
      const named = fields.map((f) => `${FIELD_NAMES[f.field] ? `${FIELD_NAMES[f.field]}（${f.field}）` : f.field}：${f.message}`).join('；');
      return send(new AppError('VALIDATION_FAILED', 400, `参数错误 — ${named}`, fields));
    }
    if (err instanceof AppError) return send(err);
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(new AppError('PAYLOAD_TOO_LARGE', 413, '请求体过大'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode === 415 ? new AppError('UNSUPPORTED_MEDIA_TYPE', 415, '不支持的请求内容类型') : new AppError('BAD_REQUEST', err.statusCode, '请求格式错误'));
    }
    req.log.error({ err }, 'unhandled error');
    return send(new AppError('INTERNAL', 500, '服务器内部错误，请稍后重试'));
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
  await installAuth(app, accounts);
  await app.register(accountsRoutes, { prefix: '/api', service: accounts, secureCookies: config.COOKIE_SECURE });
  await app.register(directoryRoutes, { prefix: '/api/directory', service: directory });
  await app.register(auditRoutes, { prefix: '/api/audit', repo: createAudit(db) });
  await app.register(calendarRoutes, { prefix: '/api/calendar', service: calendar });
  const notices = createNotices(db, calendar, directory, deps.today ?? (() => chinaToday()));
  await app.register(noticesRoutes, { prefix: '/api/notices', service: notices });
  await app.register(filesRoutes, { prefix: '/api/files', service: createFiles(db, config.dataDir, { public_notice: notices.filePolicy }) });
  const vouchers = createVouchers(db, directory, deps.now, accounts);
  await app.register(vouchersRoutes, { prefix: '/api/vouchers', service: vouchers });
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
