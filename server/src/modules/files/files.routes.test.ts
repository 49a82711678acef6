import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

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
  });
});
