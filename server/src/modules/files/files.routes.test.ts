import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { cleanFileName } from './files.service.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

describe.each(DIALECTS)('attachments on %s', (dialect) => {
  let t: TestApp;
  let s: Record<string, Session>;
  let noticeId: number;
  beforeAll(async () => {
    t = await testApp(dialect, { today: () => '2022-06-06' });
    s = { tianning: await t.login('tianning'), xiying: await t.login('xiying'), jumin: await t.login('jumin') };
    const units = (await t.app.inject({ method: 'GET', url: '/api/directory/units', headers: s.tianning.headers })).json().items;
    const unitId = units.find((u: { name: string }) => u.name === '天宁镇').id;
    noticeId = (
      await t.app.inject({ method: 'POST', url: '/api/notices', headers: s.tianning.headers, payload: { unitId, subject: '改厕验收公示', content: '见附件', startDate: '2022-06-06', minLength: 5, unit: '工作日' } })
    ).json().id;
  });
  afterAll(() => t.close());

  const upload = (who: string, body: Buffer, type = 'application/pdf', name = '验收单.pdf') =>
    t.app.inject({
      method: 'POST',
      url: `/api/files?entity=public_notice&entityId=${noticeId}&fileName=${encodeURIComponent(name)}`,
      payload: body,
      headers: { ...s[who].headers, 'content-type': type },
    });

  it('stores a PDF and a photo by content hash and serves them with the record', async () => {
    const a = await upload('tianning', PDF);
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ mime: 'application/pdf', size: PDF.length });
    const b = await upload('tianning', PNG, 'image/png', '现场.png');
    expect(b.json().mime).toBe('image/png');
    const again = await upload('tianning', PDF, 'application/octet-stream', '副本.pdf');
    expect(again.json().sha256).toBe(a.json().sha256);
    const list = await t.app.inject({ method: 'GET', url: `/api/files?entity=public_notice&entityId=${noticeId}` });
    expect(list.json().items.map((f: { fileName: string }) => f.fileName)).toEqual(['验收单.pdf', '现场.png', '副本.pdf']);
    const file = await t.app.inject({ method: 'GET', url: `/api/files/${a.json().id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('refuses other units, other types, and files that are too large', async () => {
    expect((await upload('xiying', PDF)).statusCode).toBe(403);
    expect((await upload('jumin', PDF)).statusCode).toBe(403);
    const exe = await upload('tianning', Buffer.from('MZ\x90\x00 not a pdf'), 'application/pdf', 'virus.pdf');
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toContain('PDF');
    const big = await upload('tianning', Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/files?entity=secret&entityId=1' });
    expect(unknown.statusCode).toBe(400);
    // A notice's attachments are as public as the notice: one that does not exist has none to show.
    expect((await t.app.inject({ method: 'GET', url: '/api/files?entity=public_notice&entityId=999999' })).statusCode).toBe(403);
  });

  it('answers 400 for a body that is not a file, or a file that is not what its type says', async () => {
    for (const [type, body] of [
      ['text/plain', Buffer.from('%PDF-1.4 as text')],
      ['application/json', Buffer.from('{"a":1}')],
    ] as const) {
      const r = await upload('tianning', body, type);
      expect([type, r.statusCode, r.json().error.fields[0].field]).toEqual([type, 400, 'file']);
    }
    const png = await upload('tianning', PDF, 'image/png', '照片.png');
    expect([png.statusCode, png.json().error.message]).toEqual([400, '文件内容是 application/pdf，与声明的类型 image/png 不符']);
  });

  it('stores file names cleaned: no path, no control or direction characters', async () => {
    const r = await upload('tianning', PDF, 'application/pdf', '../../etc/验收\u202Efdp.exe\u0007报告.pdf');
    expect(r.statusCode).toBe(201);
    expect(r.json().fileName).toBe('验收fdp.exe报告.pdf');
    expect(cleanFileName('C:\\Users\\张三\\ .hidden.pdf')).toBe('hidden.pdf');
    expect(cleanFileName('\u200F\u202A')).toBe('附件');
  });
});
