import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import type { Db } from '../../core/db.js';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { DirectoryRepository } from './directory.repository.js';
import { DirectoryService } from './directory.service.js';

describe.each(DIALECTS)('directory on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let dir: DirectoryService;
  beforeAll(async () => {
    ({ db, cleanup } = await freshDb(dialect));
    dir = new DirectoryService(new DirectoryRepository(db));
    await dir.seedIfEmpty();
  });
  afterAll(() => cleanup());

  it('holds the county, the gazette’s eight townships with official codes, and their villages', async () => {
    const all = await dir.all();
    expect(all.find((u) => u.kind === 'county')).toMatchObject({ code: '141122', name: '交城县' });
    const townships = all.filter((u) => u.kind === 'township');
    for (const name of ['天宁镇', '西营镇', '洪相镇', '夏家营镇', '水峪贯镇', '西社镇', '庞泉沟镇', '会立乡']) expect(townships.map((t) => t.name)).toContain(name);
    expect(townships.find((t) => t.name === '天宁镇')!.code).toBe('141122100');
    expect(townships.find((t) => t.name === '会立乡')!.code).toBeNull();
    expect(all.filter((u) => u.kind === 'village')).toHaveLength(111);
    expect(await dir.seedIfEmpty()).toBe(0);
  });

  it('adds a body a programme declares with `add`, once, and leaves declared bodies it already has alone', async () => {
    const before = (await dir.all()).length;
    const decl = [
      { code: 'JC-ZGH', name: '县总工会', add: { kind: 'body' as const, shortNames: ['交城县总工会'] } },
      { code: 'JC-RSJ', name: '县人社局', add: { kind: 'department' as const } },
      { code: 'JC-NONE', name: '未声明添加的机构' },
    ];
    await dir.ensureBodies(decl);
    await dir.ensureBodies(decl);
    const all = await dir.all();
    expect(all).toHaveLength(before + 1);
    expect(all.find((u) => u.code === 'JC-ZGH')).toMatchObject({ name: '县总工会', kind: 'body' });
    expect(all.find((u) => u.code === 'JC-RSJ')!.name).toBe('县人力资源和社会保障局');
    expect(await dir.idOfCode('JC-NONE')).toBeNull();
    expect((await dir.resolve('交城县总工会'))?.name).toBe('县总工会');
  });

  it.each([
    ['县工信局', '县工业和信息化局'],
    ['交城县工业和信息化局', '县工业和信息化局'],
    ['县卫体局', '县卫生健康和体育局'],
    ['分局', '吕梁市生态环境局交城分局'],
    ['洪相乡', '洪相镇'],
    ['县 人社局', '县人力资源和社会保障局'],
    ['县爱卫办', '县爱国卫生运动委员会办公室'],
  ])('resolves %s to %s', async (name, full) => {
    expect((await dir.resolve(name))?.name).toBe(full);
  });

  it('says unknown for a name it does not know', async () => {
    expect(await dir.resolve('县宇宙管理局')).toBeNull();
  });

  it('adds and edits units, audited', async () => {
    const county = (await dir.all()).find((u) => u.kind === 'county')!;
    const u = await dir.create(SYSTEM_ACTOR, { name: '县数据局', kind: 'department', parentId: county.id, code: null, shortNames: [], note: null });
    await dir.update(SYSTEM_ACTOR, u.id, { shortNames: ['县数管局'] });
    expect((await dir.resolve('县数管局'))?.id).toBe(u.id);
    await expect(dir.create(SYSTEM_ACTOR, { name: '县数据局', kind: 'department', parentId: county.id, code: null, shortNames: [], note: null })).rejects.toMatchObject({ status: 409 });
    const audit = await db.kysely.selectFrom('audit_log').select(['entity', 'action']).where('entity', '=', 'org_unit').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});

describe('directory export', () => {
  it('exports every unit to Excel with Chinese headers', async () => {
    const { testApp } = await import('../../test/app.js');
    const ExcelJS = (await import('exceljs')).default;
    const t = await testApp('sqlite');
    try {
      const s = await t.login('admin');
      const res = await t.app.inject({ method: 'GET', url: '/api/directory/units.xlsx', headers: s.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('组织机构.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).values).toEqual([undefined, '名称', '类型', '区划代码', '上级', '简称', '备注']);
      expect(ws.rowCount).toBeGreaterThan(150);
    } finally {
      await t.close();
    }
  });
});
