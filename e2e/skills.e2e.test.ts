/**
 * One event of 交政办发〔2022〕15号 in the browser: a contestant registers on a phone, the unit attaches the stamped
 * papers and confirms, the managing unit enters the preliminary's scores and recommends the top 3, the office enters
 * the city final's ranks and reads the county team's score.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_PDF, residentId } from '../server/src/modules/skills/skills.demo.js';
import { apiLogin, clickAndSee, launchBrowser, login, OUTPUT_DIR, startServer, type TestServer } from './server.js';

const NO = { china_award: false, national_expert: false, sanjin_expert: false, province_top3: false, lvliang_top3: false };
const PASSWORD = 'Skills2022abc';

describe('职业技能大赛 in the browser, from a phone registration to the team score', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ SKILLS_CLOCK_START: '2022-07-05T09:00:00+08:00' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const page = async (who: string, password: string, phone = false): Promise<Page> => {
    const p = await browser.newPage({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 } });
    await login(p, server.url, who, password);
    return p;
  };

  it('registers, confirms, scores, ranks and scores the team', async () => {
    const url = server.url;
    const admin = await apiLogin(url, 'admin');
    const units = (await admin('GET', '/api/directory/units')).items as { id: number; code: string | null }[];
    const unitOf = (code: string) => units.find((u) => u.code === code)!.id;
    for (const [username, code] of [['jiuye', 'JC-CYJY'], ['zgh', 'JC-ZGH'], ['shuili', 'JC-SLJ']] as const) {
      const made = await admin('POST', '/api/users', { username, displayName: `${username}经办人`, role: 'department_official', unitId: unitOf(code), password: 'Chushi2022ab' });
      expect(made.username, JSON.stringify(made)).toBe(username);
      const changed = await (await apiLogin(url, username, 'Chushi2022ab'))('POST', '/api/auth/password', { oldPassword: 'Chushi2022ab', newPassword: PASSWORD });
      expect(changed, JSON.stringify(changed)).not.toHaveProperty('error');
    }

    // The contestant, on a phone.
    const phone = await page('jumin', 'xianwu2022', true);
    await phone.goto(`${url}/skills`);
    await phone.getByRole('combobox', { name: '参赛项目' }).click();
    await phone.getByRole('combobox', { name: '参赛项目' }).fill('焊接');
    await phone.getByTitle('焊接（制造与工程技术类）').click();
    await phone.getByLabel('选手姓名').fill('张三');
    await phone.getByLabel('身份证号').fill(residentId('14112219900101123'));
    await phone.getByLabel('手机号').fill('13812345678');
    await phone.getByRole('combobox', { name: '报名单位' }).click();
    await phone.getByRole('combobox', { name: '报名单位' }).fill('县水利局');
    await phone.getByTitle('县水利局', { exact: true }).click();
    await phone.getByLabel(/^社保缴纳单位/).fill('县水利局');
    await clickAndSee(phone.getByRole('button', { name: '提交报名' }), phone.getByText('已报名：可在「已报名」中拍照上传盖章的证明材料，或由报名单位上传；报名单位确认后报名生效'));
    await phone.getByText('已报名，待单位确认').first().waitFor();
    await phone.screenshot({ path: join(OUTPUT_DIR, 'skills-register-phone.png') });
    await phone.close();

    // Three more of the unit's own people, by the API.
    const sl = await apiLogin(url, 'shuili', PASSWORD);
    const events = (await sl('GET', '/api/skills/events')).items as { id: number; name: string }[];
    const weld = events.find((e) => e.name === '焊接')!.id;
    for (const [i, name] of ['李四', '王五', '赵六'].entries()) {
      const r = await sl('POST', '/api/skills/registrations', { eventId: weld, name, idNo: residentId(`1411221988020${i + 1}45${i}`), phone: `1391234000${i}`, identity: 'worker', unitId: unitOf('JC-SLJ'), ssPayer: '县水利局', declaration: NO });
      for (const kind of ['work_proof', 'social_security']) await sl('POST', `/api/files?entity=skill_document&entityId=${r.id}.${kind}&fileName=a.pdf`, TINY_PDF);
      await sl('POST', `/api/skills/registrations/${r.id}/confirm`);
    }

    // The unit attaches the contestant's stamped papers and confirms.
    const unit = await page('shuili', PASSWORD);
    await unit.goto(`${url}/skills?tab=confirm`);
    const row = unit.getByRole('row').filter({ hasText: '张三' });
    await row.getByRole('button', { name: /展开/ }).click();
    const inputs = unit.locator('input[type=file]');
    await inputs.nth(0).setInputFiles({ name: '工作证明.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await unit.getByText('已上传').first().waitFor();
    await inputs.nth(1).setInputFiles({ name: '社保证明.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await expect.poll(() => row.getByRole('button', { name: '单位确认（盖章）' }).isEnabled()).toBe(true);
    await row.getByRole('button', { name: '单位确认（盖章）' }).click();
    await clickAndSee(unit.locator('.ant-popover, .ant-modal').getByRole('button', { name: '单位确认（盖章）' }), unit.getByText('单位已确认（盖章）').first());
    await unit.close();

    // The 县总工会 scores the preliminary; the top 3 are recommended.
    const zgh = await page('zgh', PASSWORD);
    await zgh.goto(`${url}/skills?tab=scoring`);
    await zgh.getByRole('combobox', { name: '比赛项目' }).click();
    await zgh.getByTitle(/^焊接/).click();
    for (const [name, score] of [['张三', 95], ['李四', 88], ['王五', 91], ['赵六', 80]] as const) await zgh.getByLabel(`成绩-${name}`).fill(String(score));
    await clickAndSee(zgh.getByRole('button', { name: '保存初赛成绩' }), zgh.getByText('已保存初赛成绩'));
    await expect.poll(() => zgh.getByText('前三名', { exact: true }).count()).toBe(3);
    await clickAndSee(zgh.getByRole('button', { name: /确定推荐参加市级决赛/ }), zgh.getByText('已确定推荐人选'));
    await zgh.close();

    // The office enters the final's ranks and sees the team score: 3 contestants + 20 (1st) + 10 (3rd) + 3 (12th).
    const office = await page('jiuye', PASSWORD);
    await office.goto(`${url}/skills?tab=results`);
    for (const [name, rank] of [['张三', 1], ['王五', 3], ['李四', 12]] as const) await office.getByLabel(`名次-${name}`).fill(String(rank));
    await clickAndSee(office.getByRole('button', { name: '保存名次' }), office.getByText('已录入名次'));
    await expect.poll(() => office.locator('.ant-statistic').filter({ hasText: '团体总分' }).locator('.ant-statistic-content').textContent()).toBe('36');
    await office.getByRole('cell', { name: '吕梁技术状元' }).waitFor();
    // The city's announced points of another team place the county's: 文水 3 + 40 = 43 first, 交城 36 second.
    await office.getByRole('button', { name: '录入市里公布的各队得分' }).click();
    await office.getByLabel('参赛队-1').fill('文水县代表队');
    await office.getByLabel('参赛人数分-1').fill('3');
    await office.getByLabel('名次分-1').fill('40');
    await clickAndSee(office.getByRole('button', { name: '保存各队得分' }), office.getByText('已录入各参赛队得分'));
    await expect.poll(() => office.getByRole('row').filter({ hasText: '交城县代表队' }).first().innerText()).toMatch(/^2\s.*36\s+名次奖/s);
    await office.screenshot({ path: join(OUTPUT_DIR, 'skills-results.png') });
    await office.close();
  });
});
