/**
 * HTTP side of authentication: the session cookie, CSRF on state-changing requests, and the
 * permission every /api route declares (deny by default: a route without one refuses to start).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, onRequestHookHandler } from 'fastify';
import type { Actor } from '../../core/audit.js';
import { requirePermission, type Permission } from '../../core/auth.js';
import { forbidden } from '../../core/errors.js';
import { SESSION_MAX_HOURS, type AccountsService, type SessionInfo } from './accounts.service.js';

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

/** The session token from the Cookie header (the only cookie the server reads), or undefined. */
export function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return value ? decodeURIComponent(value) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

type Verdict = (err: Error | null, session: SessionInfo | null) => void;
type Authenticate = (method: string, headers: IncomingHttpHeaders, permission: Permission | undefined, requestId: string, done: Verdict) => void;

/**
 * Authentication as every route runs it: the session from the cookie, CSRF on state-changing methods, then the
 * route's permission. Calls back synchronously when the session is cached (the common case), so that it costs no promise.
 */
function authenticator(service: AccountsService): Authenticate {
  return (method, headers, permission, requestId, done) => {
    const token = sessionCookie(headers.cookie);
    const cached = service.cachedSession(token, requestId);
    if (cached !== undefined) return admit(method, headers, permission, cached, done);
    service.sessionActor(token, requestId).then(
      (s) => admit(method, headers, permission, s, done),
      (err: Error) => done(err, null),
    );
  };
}

/** CSRF on state-changing methods, then the permission; the verdict goes to `done`. */
function admit(method: string, headers: IncomingHttpHeaders, permission: Permission | undefined, s: SessionInfo | null, done: Verdict): void {
  try {
    if (s && UNSAFE.has(method) && headers[CSRF_HEADER] !== s.csrfToken) {
      throw forbidden('请求缺少有效的防伪令牌（CSRF），请刷新页面后重试', 'CSRF_FAILED');
    }
    // A new or reset password is the administrator's, not the user's: until it is changed, only one's own account
    // (who am I, change password, log out) and what anyone may read are open.
    if (s?.mustChangePassword && permission !== 'account.self' && permission !== 'public') {
      throw forbidden('首次登录或密码已被重置，请先修改密码', 'PASSWORD_CHANGE_REQUIRED');
    }
    if (permission) requirePermission(s?.actor ?? null, permission);
  } catch (err) {
    return done(err as Error, null);
  }
  done(null, s);
}

/** Authentication on every request (deny by default: an /api route without a permission refuses to start). */
export async function installAuth(app: FastifyInstance, service: AccountsService): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  // Each declared route gets its own authentication hook, its permission bound once at start: reading it per
  // request (req.routeOptions) builds a fresh object of the route's options every time.
  const authenticate = authenticator(service);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission) {
      if (UNDECLARED_OK(route.url)) return;
      throw new Error(`接口 ${String(route.method)} ${route.url} 未声明所需权限（config.permission）`);
    }
    const hook: onRequestHookHandler = (req, _reply, done) => {
      authenticate(req.method, req.headers, permission, req.id, (err, s) => {
        if (err) return done(err);
        if (s) {
          req.actor = s.actor;
          req.sessionId = s.sessionId;
        }
        done();
      });
    };
    route.onRequest = [hook, ...(route.onRequest ? [route.onRequest].flat() : [])];
  });
}

function cookie(name: string, value: string, opts: { httpOnly: boolean; secure: boolean; maxAge: number }): string {
  return [`${name}=${encodeURIComponent(value)}`, `Max-Age=${opts.maxAge}`, 'Path=/', ...(opts.httpOnly ? ['HttpOnly'] : []), ...(opts.secure ? ['Secure'] : []), 'SameSite=Lax'].join('; ');
}

/** Set the session and CSRF cookies after login. */
export function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string, secure: boolean): void {
  const maxAge = SESSION_MAX_HOURS * 3600;
  reply.header('set-cookie', [
    cookie(SESSION_COOKIE, token, { httpOnly: true, secure, maxAge }),
    // Readable by the page, which echoes it in the x-csrf-token header.
    cookie(CSRF_COOKIE, csrfToken, { httpOnly: false, secure, maxAge }),
  ]);
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.header('set-cookie', [`${SESSION_COOKIE}=; Max-Age=0; Path=/`, `${CSRF_COOKIE}=; Max-Age=0; Path=/`]);
}
