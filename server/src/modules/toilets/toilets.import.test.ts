import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { hostileWorkbooks } from '../../test/zip.js';
import { residentId } from './toilets.demo.js';
import { INTERRUPTED } from '../../core/imports.js';
import { surveyWorkbook } from './toilets.import.js';

describe.each(DIALECTS)('摸底名册导入 on %s', (dialect) => {
  let t: TestApp;
  let xiying: Session;
  const upload = (file: Buffer) => t.app.inject({ method: 'POST', url: '/api/toilets/imports', payload: file, headers: { ...xiying.headers, 'content-type': 'application/octet-stream' } });
  const req = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: xiying.headers });
  /**
   * One round of a client polling /api/health: a turn of the event loop (a 1 ms timer), then the request. A loop held
   * by the reader answers no round until the reading is over; the wait also lets the worker's messages in (inject
   * alone never yields).
   */
  const health = async () => {
    await new Promise((r) => setTimeout(r, 1));
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  };
  const imports = () => t.db.kysely.selectFrom('toilet_imports').selectAll().execute();
  const staged = (id: number) => t.db.kysely.selectFrom('toilet_import_rows').select('row_no').where('import_id', '=', id).execute();

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => '2022-06-01', now: () => '2022-06-01T02:00:00.000Z', seed: ['toilets'] });
    xiying = await t.login('xiying');
  });
  afterAll(() => t.close());

  it('refuses hostile workbooks with a Chinese message, records nothing, and /api/health keeps answering while each is read', async () => {
    const cases = [
      [hostileWorkbooks.regexId(), 400, '文件无法读取：请确认是 Excel（.xlsx）文件'],
      [hostileWorkbooks.unterminatedRows(), 400, '文件无法读取：请确认是 Excel（.xlsx）文件'],
      [hostileWorkbooks.zipBomb(300), 413, '文件的压缩比异常（解压后超过压缩前的 100 倍），不是正常的 Excel 名册，已拒绝读取'],
    ] as const;
    for (const [file, status, message] of cases) {
      let settled = false;
      const answer = upload(file).finally(() => (settled = true));
      // Polled until the upload is answered, and a little after (the old reader held the loop once it had answered).
      let during = 0;
      for (let n = 0; !settled || n < 10; n++) {
        await health();
        if (!settled) during++;
      }
      const res = await answer;
      expect([res.statusCode, res.json().error.id, res.json().error.message]).toEqual([status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', message]);
      expect(res.json().error.fields).toMatchObject([{ field: 'file' }]);
      // By order, not by time: health was answered while the file was being read (off the loop, in the worker).
      expect(during).toBeGreaterThan(0);
    }
    expect(await imports()).toEqual([]);
  });

  it('on start, fails imports a killed process left 「校验中」 with the reason and drops their staged rows; the user may discard them and import again', async () => {
    const units: { id: number; name: string; kind: string; parentId: number | null }[] = (await req('GET', '/api/directory/units')).json().items;
    const vName = units.find((u) => u.kind === 'village' && u.parentId === units.find((x) => x.name === '西营镇')!.id)!.name;
    const file = await surveyWorkbook([1, 2, 3].map((i) => ['西营镇', vName, `户主${i}`, residentId(`1411221980010130${i}`), `1391234000${i}`, `${i}号`, 3, '老旧厕所', 1, '否', '是']));
    const start = async () => {
      let job = (await upload(file)).json();
      for (let i = 0; i < 200 && job.status === 'validating'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = (await req('GET', `/api/toilets/imports/${job.id}`)).json();
      }
      expect(job).toMatchObject({ status: 'validated', rows: 3 });
      return job.id as number;
    };
    const [killed, live] = [await start(), await start()];
    // As a process killed at 30 % leaves it: still 「校验中」, rows staged, no sign of life for a minute; the other is
    // being checked by a process that is still running.
    await t.db.kysely.updateTable('toilet_imports').set({ status: 'validating', percent: 30, heartbeat_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', killed).execute();
    await t.db.kysely.updateTable('toilet_imports').set({ status: 'validating', percent: 30, heartbeat_at: new Date().toISOString() }).where('id', '=', live).execute();
    expect(await staged(killed)).toHaveLength(3);
    // The start's other lines (the demo accounts' banner) are not this module's.
    expect((await t.app.registry.start()).filter((l) => l.startsWith('农村改厕'))).toEqual(['农村改厕：1 个中断的摸底名册导入已标记为失败']);
    expect((await req('GET', `/api/toilets/imports/${killed}`)).json()).toMatchObject({ status: 'failed', message: INTERRUPTED });
    expect(await staged(killed)).toEqual([]);
    expect((await req('GET', `/api/toilets/imports/${live}`)).json()).toMatchObject({ status: 'validating' });
    expect(await staged(live)).toHaveLength(3);
    const commit = await req('POST', `/api/toilets/imports/${killed}/commit`, { keepGood: true });
    expect([commit.statusCode, commit.json().error.message]).toEqual([409, `该导入已失败（${INTERRUPTED}），不能写入`]);
    expect((await req('POST', `/api/toilets/imports/${killed}/discard`)).json()).toMatchObject({ status: 'discarded' });
    expect((await req('POST', `/api/toilets/imports/${killed}/discard`)).statusCode).toBe(409);
    // The user starts again and the new import goes through.
    const again = await start();
    expect((await req('POST', `/api/toilets/imports/${again}/commit`, {})).json()).toMatchObject({ status: 'committed', committed: 3 });
  });
});
