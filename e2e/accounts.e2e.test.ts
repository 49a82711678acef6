import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickAndSee, login, openMenu, OUTPUT_DIR, useServerAndBrowser } from './server.js';


describe('accounts, scoping and notices in the browser', () => {
  const ctx = useServerAndBrowser();

  it('a 天宁镇 official sees only 天宁镇: its villages, its accounts', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, ctx.server.url, 'tianning');
    // An official lands on the workbench; the 系统管理 group offers the directory and users, not the audit trail.
    await page.getByText('我的待办').first().waitFor();
    await openMenu(page, '系统管理', '组织机构');
    expect(await page.getByRole('menu').getByRole('link', { name: '用户管理', exact: true }).count()).toBe(1);
    expect(await page.getByRole('menu').getByRole('link', { name: '审计日志', exact: true }).count()).toBe(0);
    await page.getByRole('tab', { name: /村（社区）/ }).click();
    const villages = page.getByRole('tabpanel').locator('tbody tr.ant-table-row');
    await villages.first().waitFor();
    const towns = await page.getByRole('tabpanel').locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    expect(towns.length).toBeGreaterThan(5);
    expect(new Set(towns)).toEqual(new Set(['天宁镇']));
    await page.screenshot({ path: join(OUTPUT_DIR, 'accounts-township-directory.png') });

    await openMenu(page, '系统管理', '用户管理');
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    const units = await page.locator('tbody tr.ant-table-row td:nth-child(4)').allTextContents();
    expect(units).toContain('天宁镇');
    expect(units).not.toContain('西营镇');
    expect(await page.getByRole('button', { name: '新建用户' }).count()).toBe(0);
    await page.close();
  });

  it('publishes a notice, and a resident objects on a phone', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, ctx.server.url, 'tianning');
    await openMenu(page, '公示', '公示公告');
    await page.getByRole('button', { name: '发布公示' }).click();
    await page.getByLabel('标题').fill('天宁镇2022年农村改厕户名单公示');
    await page.getByLabel('内容').fill('田家山社区、磁窑村改厕户名单如下……');
    // A notice starts today (the form's default) or later. One day, so that the period ends in a year the bundled
    // calendar covers except on the last day of a year whose next year nobody has entered (CALENDAR_YEAR_UNKNOWN).
    await page.getByLabel('公示期').fill('1');
    await clickAndSee(page.getByRole('button', { name: '发 布' }), page.getByText(/已发布，最早/));
    await page.close();

    const phone = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${ctx.server.url}/notices`);
    await phone.getByTestId('notice-item').first().getByRole('link').click();
    await phone.getByLabel('姓名').fill('张三');
    await phone.getByLabel('异议内容').fill('名单中有一户已于去年改厕');
    await clickAndSee(phone.getByRole('button', { name: '提交异议' }), phone.getByText('异议（1 条）'));
    expect(await phone.getByText('张*').count()).toBe(1);
    await phone.screenshot({ path: join(OUTPUT_DIR, 'notices-phone.png'), fullPage: true });
    await phone.close();
  });

  it('the administrator adds a unit, then edits its short names in the same dialog', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, ctx.server.url, 'admin');
    await openMenu(page, '系统管理', '组织机构');
    await page.getByRole('button', { name: '新增单位' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('县政务数据中心');
    await dialog.getByLabel('类型').click();
    await page.getByTitle('县直部门').click();
    await clickAndSee(dialog.getByRole('button', { name: '保 存' }), page.getByText('已新增'));
    await page.getByRole('tab', { name: /县直部门/ }).click();
    const row = page.getByRole('tabpanel').locator('tr', { hasText: '县政务数据中心' });
    await row.getByText('编辑').click();
    // Editing shows the unit's values and only what an edit may change.
    expect(await dialog.getByLabel('名称').inputValue()).toBe('县政务数据中心');
    expect(await dialog.getByLabel('类型').count()).toBe(0);
    await dialog.getByLabel('简称').fill('县数据中心');
    await dialog.getByLabel('简称').press('Enter');
    await clickAndSee(dialog.getByRole('button', { name: '保 存' }), page.getByText('已保存'));
    await row.getByText('县数据中心').waitFor();
    // Adding again starts from an empty form.
    await page.getByRole('button', { name: '新增单位' }).click();
    expect(await dialog.getByLabel('名称').inputValue()).toBe('');
    expect(await dialog.getByLabel('类型').count()).toBe(1);
    await page.close();
  });

  it('the administrator sees the audit trail and verifies it', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, ctx.server.url, 'admin');
    await openMenu(page, '系统管理', '审计日志');
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await clickAndSee(page.getByRole('button', { name: '校验哈希链' }), page.getByText(/审计链完整/));
    await clickAndSee(page.getByRole('button', { name: '生成签名检查点' }), page.getByText(/已签署第 \d+ 号记录/));
    await page.getByRole('link', { name: '下载检查点' }).waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'audit.png') });
    await page.close();
  });

  it('a new account is sent to change its password before anything else', async () => {
    const r = await fetch(`${ctx.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'xianwu2022' }) });
    const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = (await r.json()).csrfToken as string;
    const made = await fetch(`${ctx.server.url}/api/users`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xinjumin', displayName: '新居民', role: 'resident', password: 'chushi2022a' }),
    });
    expect(made.status).toBe(201);
    const phone = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(phone, ctx.server.url, 'xinjumin', 'chushi2022a');
    await phone.getByText('首次登录或密码被重置，请先修改密码').waitFor();
    expect(new URL(phone.url()).pathname).toBe('/account/password');
    await phone.getByLabel('原密码').fill('chushi2022a');
    await phone.getByLabel('新密码', { exact: true }).fill('Ziji2022new');
    await phone.getByLabel('确认新密码').fill('Ziji2022new');
    await clickAndSee(phone.getByRole('button', { name: /保\s*存/ }), phone.getByText(/密码已修改/));
    await phone.goto(`${ctx.server.url}/workbench`);
    await phone.getByText('暂无待办事项').waitFor();
    await phone.close();
  });
});
