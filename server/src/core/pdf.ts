/**
 * HTML → PDF with the machine's Chromium (Debian's /usr/bin/chromium; playwright-core drives it, nothing is
 * downloaded). One conversion at a time: each starts a browser, and a burst of them must not take the machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { unavailable } from './errors.js';

let queue: Promise<unknown> = Promise.resolve();

/** Whether PDFs can be made here. */
export const canMakePdf = (chromiumPath: string): boolean => existsSync(chromiumPath);

/** Print an HTML page (its own @page rules decide the paper and margins) to a PDF. */
export function htmlToPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!canMakePdf(chromiumPath)) throw unavailable('服务器未安装 Chromium，暂不能生成 PDF；请在浏览器中打印并另存为 PDF');
  const run = async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** PDFs kept by the hash of the page they print: a page is printed once until it changes. */
export function cachedPdf(dir: string, chromiumPath: string) {
  return async (html: string): Promise<Buffer> => {
    const file = join(dir, `${createHash('sha256').update(html).digest('hex')}.pdf`);
    if (existsSync(file)) return readFileSync(file);
    const pdf = await htmlToPdf(html, chromiumPath);
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.tmp`, pdf);
    renameSync(`${file}.tmp`, file);
    return pdf;
  };
}
