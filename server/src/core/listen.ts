/**
 * Listening: one HTTP server fed by several listening sockets. Node 20's libuv accepts a single connection per
 * listening socket per event-loop turn (libuv #3696); at 10:00 on a Saturday a turn serving a thousand ready requests
 * takes tens of milliseconds, so one socket accepts a few dozen new connections a second while thousands wait in the
 * kernel's queue until their clients give up. With SO_REUSEPORT the kernel spreads new connections over N sockets of
 * this process and each turn accepts up to N. Every connection still goes to the same server and through the same
 * request pipeline.
 */
import { createRequire } from 'node:module';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';

type Addon = { socketNewSoReuseportFd(domain: 'ipv4' | 'ipv6', port: number, ip: string): number; initCleanupHook(): void };
type Reuseport = { createReuseportFd(port: number, host: string): number };

/**
 * SO_REUSEPORT sockets, from the prebuilt N-API binary of node-unix-socket for Linux x64 (an optional dependency:
 * absent on other platforms, where the server listens on one ordinary socket); null when it cannot load.
 */
function reuseport(): Reuseport | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  try {
    const addon = createRequire(import.meta.url)('node-unix-socket-linux-x64-gnu') as Addon;
    addon.initCleanupHook();
    return { createReuseportFd: (port, host) => addon.socketNewSoReuseportFd(net.isIPv4(host) ? 'ipv4' : 'ipv6', port, host) };
  } catch {
    return null;
  }
}

/** Whether host:port is free, asked with an ordinary bind: sockets sharing a port must never join another instance's. */
const portIsFree = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });

/**
 * Listen on host:port with `sockets` listening sockets (one ordinary socket when 1, when the port is 0, when the host
 * is a name rather than an address, or where SO_REUSEPORT is not available). Returns how many it opened and a function
 * that closes them (the HTTP server itself is closed by Fastify).
 */
export async function listen(app: FastifyInstance, o: { port: number; host: string; sockets: number; backlog: number; log?: (m: string) => void }): Promise<{ sockets: number; close: () => Promise<void> }> {
  const addon = o.sockets > 1 && o.port !== 0 && net.isIP(o.host) ? reuseport() : null;
  if (!addon) {
    if (o.sockets > 1) o.log?.('SO_REUSEPORT 不可用（或端口为 0、主机为域名）：只用一个监听套接字');
    await app.listen({ port: o.port, host: o.host, backlog: o.backlog });
    return { sockets: 1, close: async () => {} };
  }
  if (!(await portIsFree(o.port, o.host))) {
    const err = new Error(`listen EADDRINUSE: address already in use ${o.host}:${o.port}`) as NodeJS.ErrnoException;
    err.code = 'EADDRINUSE';
    throw err;
  }
  await app.ready();
  const servers: net.Server[] = [];
  for (let i = 0; i < o.sockets; i++) {
    const fd = addon.createReuseportFd(o.port, o.host);
    // Sockets set up as the HTTP server sets up those it accepts itself (Node's http.Server: half-open allowed, Nagle off).
    const s = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => app.server.emit('connection', socket));
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen({ fd, backlog: o.backlog }, () => resolve());
    });
    servers.push(s);
  }
  return {
    sockets: servers.length,
    // Stop accepting at once; a listener's 'close' would wait for every connection it accepted, which are the HTTP
    // server's to end (Fastify's close ends the idle ones), so it is not awaited.
    close: async () => {
      for (const s of servers) s.close();
    },
  };
}
