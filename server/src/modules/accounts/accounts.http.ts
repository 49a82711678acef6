/**
 * HTTP side of authentication: the session cookie, CSRF on state-changing requests, and the
 * permission every /api route declares (deny by default: a route without one refuses to start).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Actor } from '../../core/audit.js';
import { requirePermission, type Permission } from '../../core/auth.js';
import { AppError } from '../../core/errors.js';
import { SESSION_MAX_HOURS, type AccountsService } from './accounts.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
}

export const SESSION_COOKIE = 'xw_session';
export const CSRF_COOKIE = 'xw_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes outside /api/ that need no declaration (docs, static files, health). */
const UNDECLARED_OK = (url: string) => !url.startsWith('/api/') || url === '/api/health';

export async function installAuth(app: FastifyInstance, service: AccountsService): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRoute', (route) => {
    if (UNDECLARED_OK(route.url)) return;
    if (!route.config?.permission) throw new Error(`接口 ${String(route.method)} ${route.url} 未声明所需权限（config.permission）`);
  });

  app.addHook('onRequest', async (req) => {
    const s = await service.sessionActor(req.cookies[SESSION_COOKIE], req.id);
    if (s) {
      req.actor = s.actor;
      req.sessionId = s.sessionId;
      if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== s.csrfToken) {
        throw new AppError('CSRF_FAILED', 403, '请求缺少有效的防伪令牌（CSRF），请刷新页面后重试');
      }
    }
    const permission = req.routeOptions.config?.permission;
    if (permission) requirePermission(req.actor, permission);
  });
}

/** Set the session and CSRF cookies after login. */
export function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string, secure: boolean): void {
  const maxAge = SESSION_MAX_HOURS * 3600;
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
  // Readable by the page, which echoes it in the x-csrf-token header.
  reply.setCookie(CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
