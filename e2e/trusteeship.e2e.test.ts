/**
 * One service organisation through a season of 交政办发〔2022〕16号, on one install whose rehearsal clock is moved
 * forward between steps that the document sets 5 working days apart (the server is started again on the same data).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiLogin, clickAndSee, OUTPUT_DIR, useRehearsal } from './server.js';

describe('农业生产托管 in the browser, from application to the settlement sheet', () => {
  const { at, page } = useRehearsal('TRUSTEESHIP_CLOCK_START');

  it('walks one organisation through the season', async () => {
    // 2022-06-27: the organisation applies, its township recommends it, the centre's leading group approves it.
    let url = await at('2022-06-27T09:00:00+08:00');
    const org = await page(url, 'fuwu');
    await org.goto(`${url}/trusteeship`);
    await org.getByLabel('服务组织名称').fill('交城县丰收农机专业合作社');
    await org.getByLabel('统一社会信用代码').fill('91141122MA0K100090');
    await org.getByLabel('类型').click();
    await org.getByTitle('农民专业合作社').click();
    await org.getByLabel('所在乡（镇）').click();
    await org.getByTitle('天宁镇').click();
    for (const label of ['一、', '二、', '三、', '四、', '五、']) await org.getByLabel(new RegExp(`^${label}`)).fill('具备，见附件材料');
    await clickAndSee(org.getByRole('button', { name: '提交申请' }), org.getByText('申请已提交'));
    await org.close();

    const town = await page(url, 'tianning');
    await town.goto(`${url}/trusteeship`);
    const townRow = town.getByRole('row').filter({ hasText: '交城县丰收农机专业合作社' });
    await clickAndSee(townRow.getByRole('button', { name: '推 荐' }), town.getByText('已办理'));
    // Recommended: the township has no step left on it, and the review it is not offered is refused by the server too.
    await expect.poll(() => townRow.locator('button[data-step]').count()).toBe(0);
    const townApi = await apiLogin(url, 'tianning');
    const orgIdOf = async (who: typeof townApi) => (await who('GET', '/api/trusteeship/orgs')).items.find((o: { name: string }) => o.name === '交城县丰收农机专业合作社').id as number;
    expect((await townApi('POST', `/api/trusteeship/orgs/${await orgIdOf(townApi)}/review`, { approve: true, note: '会审通过' })).error.id).toBe('FORBIDDEN');
    await town.close();

    const centre = await page(url, 'nongfu');
    await centre.goto(`${url}/trusteeship`);
    const row = centre.getByRole('row').filter({ hasText: '交城县丰收农机专业合作社' });
    // The centre's buttons on the row are the steps the server offers it, each with its own form.
    const offered = ((await (await apiLogin(url, 'nongfu'))('GET', '/api/trusteeship/orgs')).items.find((o: { name: string }) => o.name === '交城县丰收农机专业合作社').actions as { step: string }[]).map((a) => a.step);
    expect(offered).toEqual(['approve', 'reject']);
    await row.getByRole('button', { name: '会审通过' }).waitFor();
    expect(await row.locator('button[data-step]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-step')))).toEqual(offered);
    await row.getByRole('button', { name: '会审通过' }).click();
    const dialog = centre.getByRole('dialog');
    // The dialog opens animated: the form has the note before it is sent.
    await dialog.getByLabel('会审意见').fill('五项标准齐全，会审通过');
    await expect.poll(() => dialog.getByLabel('会审意见').inputValue()).toBe('五项标准齐全，会审通过');
    await clickAndSee(dialog.getByRole('button', { name: '提 交' }), centre.getByText('领导组会审通过（公示中），至 2022-07-04'));
    await centre.close();
    // The notice runs on the module's rehearsal clock, as the record does: the same days on both.
    const notices = (await (await fetch(`${url}/api/notices`)).json()).items as { subject: string; startDate: string; earliestEnd: string }[];
    expect(notices.find((n) => n.subject.endsWith('交城县丰收农机专业合作社'))).toMatchObject({ startDate: '2022-06-27', earliestEnd: '2022-07-04' });

    // 2022-10-10, after the harvest: published, contracts signed, the season's work recorded (through the API).
    url = await at('2022-10-10T09:00:00+08:00');
    const nongfu = await apiLogin(url, 'nongfu');
    const fuwu = await apiLogin(url, 'fuwu');
    const orgId = (await fuwu('GET', '/api/trusteeship/orgs')).items[0].id as number;
    expect((await nongfu('POST', `/api/trusteeship/orgs/${orgId}/publish`)).status).toBe('published');
    await nongfu('POST', `/api/trusteeship/orgs/${orgId}/county-contract`, { contractNo: 'JCTG-2022-001' });
    const places = (await (await fetch(`${url}/api/directory/places`)).json()).items as { id: number; name: string; kind: string; parentId: number | null }[];
    const tianning = places.find((p) => p.name === '天宁镇')!.id;
    const village = places.find((p) => p.kind === 'village' && p.parentId === tianning)!.id;
    const contract = await fuwu('POST', '/api/trusteeship/contracts', { orgId, season: 2022, farmerName: '张三', farmerIdNo: '141122199001011235', farmerPhone: '13812345678', farmerUsername: 'jumin', villageId: village, location: '东坡地 3 号', areaMu: '2.50', crop: '玉米', stages: ['tillage', 'sowing', 'rotary', 'spraying', 'harvest'], periodFrom: '2022-04-01', periodTo: '2022-10-31', quality: '耕深 25 厘米以上' });
    const dates: Record<string, string> = { tillage: '2022-04-10', sowing: '2022-04-20', rotary: '2022-04-25', spraying: '2022-07-01', harvest: '2022-10-01' };
    for (const stage of Object.keys(dates)) await fuwu('POST', '/api/trusteeship/works', { contractId: contract.id, stage, workDate: dates[stage], areaMu: '2.50', passes: stage === 'spraying' ? 2 : 1, evidence: '监测平台面积记录' });

    // The farmer confirms each piece of work on a phone and sees what is left to pay after the subsidy.
    const farmer = await page(url, 'jumin', true);
    await farmer.goto(`${url}/my-trusteeship`);
    await farmer.getByText('服务价 125.00 元，财政补助 37.50 元，我付 87.50 元').waitFor();
    for (let i = 0; i < 5; i++) {
      await farmer.getByRole('button', { name: '确认作业' }).first().click();
      await expect.poll(() => farmer.getByText('已确认', { exact: true }).count()).toBe(i + 1);
    }
    await farmer.screenshot({ path: join(OUTPUT_DIR, 'trusteeship-farmer.png') });
    await farmer.close();

    // The township's initial acceptance, on the tab for it.
    const town2 = await page(url, 'tianning');
    await town2.goto(`${url}/trusteeship`);
    await town2.getByRole('tab', { name: '验收与结算' }).click();
    await town2.getByRole('combobox', { name: '服务组织' }).click();
    await town2.getByTitle('交城县丰收农机专业合作社').click();
    await town2.getByRole('cell', { name: '粮食作物的机收' }).waitFor();
    await town2.getByLabel('验收意见').fill('实地查验，与监管平台面积一致');
    await clickAndSee(town2.getByRole('button', { name: '乡镇初验' }), town2.getByText('验收已记录，公示至 2022-10-17'));
    await town2.close();

    // 2022-10-18: the county's acceptance; 2022-10-26: the city's sample, then the sheet and the settlement.
    url = await at('2022-10-18T09:00:00+08:00');
    const works = (await (await apiLogin(url, 'nongfu'))('GET', `/api/trusteeship/contracts/${contract.id}/works`)).items as { id: number }[];
    expect((await (await apiLogin(url, 'nongfu'))('POST', '/api/trusteeship/acceptances', { orgId, season: 2022, level: 'county', note: '县级验收合格', items: works.map((w) => ({ workId: w.id, areaMu: '2.50' })) })).noticeEnd).toBe('2022-10-25');
    url = await at('2022-10-26T09:00:00+08:00');
    const n3 = await apiLogin(url, 'nongfu');
    await n3('POST', '/api/trusteeship/samplings', { season: 2022, seed: '2022-10-26 第 1 次' });
    await n3('POST', '/api/trusteeship/samplings/2022/results', { orgId, passed: true });
    const sheet = await page(url, 'nongfu');
    await sheet.goto(`${url}/trusteeship`);
    await sheet.getByRole('tab', { name: '验收与结算' }).click();
    await sheet.getByRole('combobox', { name: '服务组织' }).click();
    await clickAndSee(sheet.getByTitle('交城县丰收农机专业合作社'), sheet.getByText('250.00 元（贰佰伍拾元整）'));
    await sheet.getByText(/核减 12\.50 元/).waitFor();
    await clickAndSee(sheet.getByRole('button', { name: '结算并报县财政局' }), sheet.getByText('已结算', { exact: true }).first());
    await expect.poll(() => sheet.getByRole('button', { name: '结算并报县财政局' }).count()).toBe(0);
    await sheet.screenshot({ path: join(OUTPUT_DIR, 'trusteeship-sheet.png') });
    await sheet.close();
  }, 300_000);
});
