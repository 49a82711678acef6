import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAZETTE_FIXTURE } from '../server/src/modules/gazette/index.js';
import { clickAndSee, login, OUTPUT_DIR, useServerAndBrowser } from './server.js';

describe('gazette in the browser', () => {
  const ctx = useServerAndBrowser();

  it('home → search 消费券 → open 交政办发〔2022〕13号 and read it', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(ctx.server.url);
    await page.getByText('最新公文').waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'gazette-home.png') });

    await page.getByPlaceholder(/检索公文/).fill('消费券');
    await page.getByPlaceholder(/检索公文/).press('Enter');
    await page.getByTestId('search-hit').first().waitFor();
    expect(await page.getByTestId('search-total').textContent()).toMatch(/共找到 \d+ 件公文/);
    expect(await page.locator('mark', { hasText: '消费券' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUTPUT_DIR, 'gazette-search.png') });

    await page.getByTestId('search-hit').filter({ hasText: '交政办发〔2022〕13号' }).getByRole('link').first().click();
    await page.getByTestId('doc-number').waitFor();
    expect(await page.getByTestId('doc-number').textContent()).toBe('交政办发〔2022〕13号');
    expect(await page.getByTestId('doc-title').textContent()).toBe('关于印发交城县“晋情消费·品质生活”促消费活动政府消费券投放工作方案的通知');
    await expect.poll(() => page.getByText('一、活动目标与原则').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, 'gazette-document.png'), fullPage: false });
    await page.close();
  });

  it('reads as the public reads: headings as headings, a larger size kept, the keyboard first to the content, enough contrast, print and PDF', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${ctx.server.url}/documents/${encodeURIComponent('交政办发〔2022〕10号')}`);
    await page.getByRole('heading', { level: 1, name: '关于印发交城县2022年农村改厕工作实施方案的通知' }).waitFor();
    // Each item is a heading of its level, so a screen reader can go from item to item.
    await page.getByRole('heading', { level: 2, name: '一、指导思想' }).waitFor();
    await page.getByRole('heading', { level: 3, name: '（一）加强组织领导' }).waitFor();
    await page.getByRole('heading', { level: 4, name: '1.老旧厕所改造资金补助' }).waitFor();
    // The leading group as a table of people and posts.
    expect(await page.getByTestId('members').first().getByRole('row').count()).toBe(13);
    // The first Tab reaches 「跳到正文」, which takes the focus past the menu.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // A larger reading size, kept for the next visit.
    const size = () => page.locator('article.official').evaluate((el) => getComputedStyle(el).fontSize);
    expect(await size()).toBe('16px');
    await page.getByRole('button', { name: '增大字号' }).click();
    await page.getByRole('button', { name: '增大字号' }).click();
    expect(await size()).toBe('20px');
    await page.reload();
    await page.getByTestId('doc-title').waitFor();
    expect(await size()).toBe('20px');
    // Text and headings against their background: at least 4.5 : 1 (WCAG AA).
    const ratios = await page.evaluate(() => {
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const bg = (el: Element | null): string => {
        for (let e = el; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c;
        }
        return 'rgb(255, 255, 255)';
      };
      return [...document.querySelectorAll('article.official p.para, article.official h2, article.official h3, article.official h1')].slice(0, 40).map((el) => {
        const [a, b] = [lum(getComputedStyle(el).color), lum(bg(el))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
    });
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(4.5);
    // Print and PDF.
    await page.getByRole('button', { name: /打\s?印/ }).waitFor();
    const pdf = await page.getByRole('link', { name: /下载 PDF/ }).getAttribute('href');
    const res = await fetch(`${ctx.server.url}${pdf}`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/api/gazette/feed.atom');
    await page.screenshot({ path: join(OUTPUT_DIR, 'gazette-reading.png') });
    await page.close();
  });

  it('shows the three plans of 交政办发〔2022〕6号 and marks online-only attachments', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${ctx.server.url}/documents/${encodeURIComponent('交政办发〔2022〕6号')}`);
    await page.getByTestId('part').first().waitFor();
    expect(await page.getByTestId('part').count()).toBe(3);
    expect(await page.getByText('见网络版').count()).toBe(5);
    await page.close();
  });

  it('lists documents on a phone-sized screen with filters', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${ctx.server.url}/documents?type=${encodeURIComponent('批复')}`);
    await page.getByText('共 3 件').waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'gazette-list-phone.png') });
    await page.close();
  });

  it('an administrator is stopped before a cut file shortens a document, confirms, and finds the old text among its versions', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, ctx.server.url, 'admin');
    await page.goto(`${ctx.server.url}/imports`);
    const cut = Buffer.from(readFileSync(GAZETTE_FIXTURE, 'utf8'), 'utf8').subarray(0, 1001);
    await page.locator('input[type=file]').setInputFiles({ name: 'cut.txt', mimeType: 'text/plain', buffer: cut });
    await clickAndSee(page.getByRole('button', { name: '开始导入' }), page.getByText('导入会缩短已有公文，已暂停'));
    await page.screenshot({ path: join(OUTPUT_DIR, 'gazette-import-shorter.png') });
    await clickAndSee(page.getByTestId('confirm-shorter'), page.getByText('导入完成：共 1 件公文'));
    await page.goto(`${ctx.server.url}/documents/${encodeURIComponent('交政发〔2022〕2号')}`);
    await page.getByTestId('document-versions').getByText('历史版本（1）').waitFor();
    expect(await page.getByTestId('document-versions').getByText(/1526 字/).count()).toBe(1);
    await page.close();
  });
});
