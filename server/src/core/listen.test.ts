import http from 'node:http';
import { createServer } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { listen } from './listen.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

describe('listen', () => {
  it('feeds one server from several listening sockets, and refuses a port another instance holds', async () => {
    const app = Fastify();
    let served = 0;
    app.get('/n', async () => ({ n: ++served }));
    const port = await freePort();
    const l = await listen(app, { port, host: '127.0.0.1', sockets: 8, backlog: 511 });
    try {
      expect(l.sockets).toBe(process.platform === 'linux' ? 8 : 1);
      // Many connections at once (no keep-alive): the kernel spreads them over the sockets; every one is answered by the one server.
      const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${port}/n`, { headers: { connection: 'close' } }).then((r) => r.status)));
      expect(answers.every((s) => s === 200)).toBe(true);
      expect(served).toBe(50);
      const other = Fastify();
      await expect(listen(other, { port, host: '127.0.0.1', sockets: 8, backlog: 511 })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      await other.close();
      // A browser's idle keep-alive connection must not hold the shutdown (Fastify keeps one open for 72 s).
      const agent = new http.Agent({ keepAlive: true });
      await new Promise<void>((resolve) => http.get({ host: '127.0.0.1', port, path: '/n', agent }, (r) => r.resume().on('end', () => resolve())));
      const t0 = Date.now();
      await l.close();
      await app.close();
      expect(Date.now() - t0).toBeLessThan(2000);
      agent.destroy();
    } finally {
      await l.close();
      await app.close();
    }
    // Closed: the port is free again.
    const again = Fastify();
    const l2 = await listen(again, { port, host: '127.0.0.1', sockets: 1, backlog: 511 });
    expect(l2.sockets).toBe(1);
    await again.close();
  });
});
