import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { AppError } from './errors.js';
import { BODY_LIMIT, DirectRoutes, type Authenticate } from './http.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: { error?: { id: string; message: string; fields: unknown[] }; requestId?: string } & Record<string, unknown>;
}

/** One raw HTTP exchange, so that bodies and headers can be anything a client might send. */
function send(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path ?? '/api/things', headers: opts.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    if (opts.chunks) for (const c of opts.chunks) req.write(c);
    req.end(opts.body);
  });
}

describe('direct routes', () => {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const log = {
    info: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'info', obj, msg }),
    error: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'error', obj, msg }),
    isLevelEnabled: () => true,
  } as unknown as FastifyBaseLogger;
  // Alice holds the permission; anyone else is refused as the real authentication refuses.
  const auth: Authenticate = (_method, headers, _permission, requestId, done) => {
    if (headers.cookie === 'who=alice') return done(null, { actor: { userId: 1, name: 'alice', role: 'resident', unitId: null, townshipId: null, requestId }, sessionId: 's1' });
    done(new AppError('UNAUTHORIZED', 401, '请先登录'), null);
  };
  let close = () => {};
  afterEach(() => close());

  async function serve(handler: (body: { n: number }) => unknown, logger: FastifyBaseLogger = log) {
    const direct = new DirectRoutes();
    direct.useLogger(logger);
    direct.useAuthentication(auth);
    direct.add({
      method: 'POST',
      url: '/api/things',
      permission: 'vouchers.claim',
      body: z.object({ n: z.number().int('应为整数') }),
      handler: (call) => {
        try {
          call.send(201, { got: handler(call.body), by: call.actor?.name });
        } catch (err) {
          call.fail(err);
        }
      },
    });
    const fallback: string[] = [];
    const server = direct.serverFactory((req, res) => {
      fallback.push(`${req.method} ${req.url}`);
      res.writeHead(299).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => server.close();
    return { port: (server.address() as AddressInfo).port, fallback, direct };
  }
  const alice = { cookie: 'who=alice', 'content-type': 'application/json' };

  it('answers its own route and hands everything else to Fastify', async () => {
    const { port, fallback } = await serve((b) => b.n * 2);
    const ok = await send(port, { path: '/api/things?x=1', headers: alice, body: '{"n":21}' });
    expect(ok).toMatchObject({ status: 201, json: { got: 42, by: 'alice' } });
    expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send(port, { method: 'GET', headers: alice })).status).toBe(299);
    expect((await send(port, { path: '/api/other', headers: alice, body: '{}' })).status).toBe(299);
    expect(fallback).toEqual(['GET /api/things', 'POST /api/other']);
  });

  it('keeps the caller’s request id and logs the request at info', async () => {
    const { port } = await serve((b) => b.n);
    lines.length = 0;
    const r = await send(port, { headers: { ...alice, 'x-request-id': 'trace-7' }, body: '{"n":1}' });
    expect(r.headers['x-request-id']).toBe('trace-7');
    expect(lines.map((l) => [l.msg, l.obj.reqId])).toEqual([
      ['incoming request', 'trace-7'],
      ['request completed', 'trace-7'],
    ]);
    expect(lines[1].obj.res).toEqual({ statusCode: 201 });
  });

  it('writes the same request lines as Fastify through the server logger, cookies left out', async () => {
    const out: Record<string, unknown>[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void out.push(JSON.parse(line)) } } });
    const { port } = await serve((b) => b.n, app.log);
    await send(port, { headers: { ...alice, 'x-request-id': 'trace-8' }, body: '{"n":1}' });
    const incoming = out.find((l) => l.msg === 'incoming request')!;
    expect(incoming.reqId).toBe('trace-8');
    expect(incoming.req).toEqual({ method: 'POST', url: '/api/things', host: expect.stringMatching(/^127\.0\.0\.1:\d+$/), remoteAddress: '127.0.0.1', remotePort: expect.any(Number) });
    expect(out.find((l) => l.msg === 'request completed')).toMatchObject({ reqId: 'trace-8', res: { statusCode: 201 }, responseTime: expect.any(Number) });
    expect(JSON.stringify(out)).not.toContain('who=alice');
    await app.close();
  });

  it('refuses as Fastify would: login, media type, size, length, JSON, validation', async () => {
    const { port } = await serve((b) => b.n);
    const cases: [Parameters<typeof send>[1], number, string][] = [
      [{ headers: { 'content-type': 'application/json' }, body: '{"n":1}' }, 401, 'UNAUTHORIZED'],
      [{ headers: { ...alice, 'content-type': 'application/xml' }, body: '<n>1</n>' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ headers: { ...alice, 'content-type': 'text/plain' }, body: 'n=1' }, 400, 'VALIDATION_FAILED'],
      [{ headers: { ...alice, 'content-length': String(BODY_LIMIT + 1) }, body: Buffer.alloc(BODY_LIMIT + 1, 32) }, 413, 'PAYLOAD_TOO_LARGE'],
      [{ headers: { ...alice, 'transfer-encoding': 'chunked' }, chunks: [Buffer.alloc(BODY_LIMIT, 32), Buffer.from('{}')] }, 413, 'PAYLOAD_TOO_LARGE'],
      [{ headers: { ...alice, 'content-length': '0' }, body: '' }, 400, 'BAD_REQUEST'],
      [{ headers: alice, body: '{"n":' }, 400, 'BAD_REQUEST'],
      [{ headers: alice, body: '{"n":1,"__proto__":{"admin":true}}' }, 400, 'BAD_REQUEST'],
      [{ headers: alice, body: '{"n":1.5}' }, 400, 'VALIDATION_FAILED'],
      [{ headers: { cookie: 'who=alice' } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [opts, status, id] of cases) {
      const r = await send(port, opts);
      expect([r.status, r.json.error?.id], JSON.stringify(opts.headers)).toEqual([status, id]);
      expect(r.json.requestId).toBe(r.headers['x-request-id']);
    }
    const invalid = await send(port, { headers: alice, body: '{"n":1.5}' });
    expect(invalid.json.error).toEqual({ id: 'VALIDATION_FAILED', message: '参数错误 — n：应为整数', fields: [{ field: 'n', message: '应为整数' }] });
    const missing = await send(port, { headers: { cookie: 'who=alice' } });
    expect(missing.json.error?.fields).toEqual([{ field: 'body', message: expect.any(String) }]);
    // After a body error the rest of the stream is not read, so the connection is not reused.
    expect((await send(port, { headers: { ...alice, 'content-type': 'application/xml' }, body: 'x' })).headers.connection).toBe('close');
  });

  it('hides an unexpected failure behind 500 and logs it with the request id', async () => {
    const { port } = await serve(() => {
      throw new Error('disk on fire');
    });
    lines.length = 0;
    const r = await send(port, { headers: { ...alice, 'x-request-id': 'trace-9' }, body: '{"n":1}' });
    expect(r.status).toBe(500);
    expect(r.json.error).toEqual({ id: 'INTERNAL', message: '服务器内部错误，请稍后重试', fields: [] });
    expect(JSON.stringify(r.json)).not.toContain('disk on fire');
    const logged = lines.find((l) => l.level === 'error')!;
    expect(logged.obj.reqId).toBe('trace-9');
    expect((logged.obj.err as Error).message).toBe('disk on fire');
  });

  it('hands every request to Fastify once the server is closing', async () => {
    const { port, direct, fallback } = await serve((b) => b.n);
    direct.close();
    expect((await send(port, { headers: alice, body: '{"n":1}' })).status).toBe(299);
    expect(fallback).toEqual(['POST /api/things']);
  });
});
