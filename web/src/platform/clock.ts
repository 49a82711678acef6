/**
 * The install's time as its pages should read it: a demo install runs its story on a demo clock (GET /api/health
 * `demoNow`), so "today" on a page is the demo's, not the browser's.
 */
let offsetMs = 0;

/** Take the server's demo time (once, at start); later reads of `appNow` run on from it. */
export function setDemoNow(iso: string): void {
  offsetMs = Date.parse(iso) - Date.now();
}

/** Now in ms on the install's clock: the demo's when it has one, else the browser's. */
export const appNow = (): number => Date.now() + offsetMs;
