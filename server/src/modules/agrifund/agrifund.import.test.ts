import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../core/excel.js';
import { INTERRUPTED } from '../../core/imports.js';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { projectWorkbook } from './agrifund.import.js';

const today = '2022-05-01';
// The sub-items and their amounts as 交政办发〔2022〕8号 prints them; 西营村委会 and 寨子村委会 are villages of 西营镇.
const GOOD = [
  ['测试：西营村提水工程', '西营镇', '西营村委会', '西营镇人民政府', '水利工程', '100.1234', '受益农户 300 户', '2022-05-10', '2022-10-31'],
  ['测试：天宁镇通村道路', '天宁镇', '', '天宁镇人民政府', '农村道路工程', '200', '硬化道路 5 公里', '2022/6/1', '2022年11月30日'],
  ['测试：寨子村污水管网', '西营镇', '寨子村委会', '西营镇人民政府', '2.3 污水管网建设', '433.1', '管网 3 公里', '2022-05-15', '2022-09-30'],
];

describe.each(DIALECTS)('涉农资金项目表导入 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const req = (who: string, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: s[who].headers });
  const upload = (who: string, file: Buffer, table = 'all') =>
    t.app.inject({ method: 'POST', url: `/api/agrifund/imports?table=${table}&fileName=${encodeURIComponent('项目表.xlsx')}`, payload: file, headers: { ...s[who].headers, 'content-type': 'application/octet-stream' } });
  /** Upload and poll until the rows are checked. */
  const checked = async (rows: string[][], table = 'all') => {
    const res = await upload('nongye', await projectWorkbook(rows), table);
    expect(res.statusCode).toBe(202);
    let job = res.json();
    for (let i = 0; i < 200 && job.status === 'validating'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await req('nongye', 'GET', `/api/agrifund/imports/${job.id}`)).json();
    }
    return job;
  };
  const projects = async () => (await req('admin', 'GET', '/api/agrifund/projects')).json().items as { name: string; step: string; stepLabel: string; amountWan: string; village: string | null }[];
  const committedOf = async (code: string) => {
    const tree = (await req('admin', 'GET', '/api/agrifund/tree')).json();
    return tree.categories.flatMap((c: { items: object[] }) => c.items).find((i: { code: string }) => i.code === code).committedWan as string;
  };

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['agrifund', 'notices'] });
    for (const u of ['admin', 'xiying', 'nongye', 'gongxin']) s[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('offers the template with the office\'s columns and no rows, to the county\'s project authorities only', async () => {
    const x = await req('nongye', 'GET', '/api/agrifund/imports/template.xlsx?table=water');
    expect(x.statusCode).toBe(200);
    // The rows below the header carry only the 乡镇 and 子项目 lists, no content.
    const lines = [...readFirstSheet(x.rawPayload).each()].map((l) => l.cells).filter((l) => l.some(Boolean));
    expect(lines).toEqual([['项目名称', '乡镇', '村', '实施单位', '子项目/资金类别', '金额（万元，四位小数）', '绩效目标', '计划开工', '计划完工']]);
    expect((await req('xiying', 'GET', '/api/agrifund/imports/template.xlsx')).statusCode).toBe(403);
    expect((await upload('xiying', await projectWorkbook(GOOD))).statusCode).toBe(403);
    // 县工信局 is a department but not the fund's authority: refused, nothing recorded.
    expect((await upload('gongxin', await projectWorkbook(GOOD))).statusCode).toBe(403);
    const csv = await upload('nongye', Buffer.from('项目名称,乡镇\n测试,西营镇\n'));
    expect([csv.statusCode, csv.json().error.message, csv.json().error.fields]).toEqual([400, '请上传 Excel 文件（.xlsx）', [{ field: 'file', message: '不是 xlsx 文件' }]]);
    expect(await t.db.kysely.selectFrom('agrifund_imports').selectAll().execute()).toEqual([]);
  });

  it('commits a good file as projects at 项目申报, each sub-item committed, with an audit record; a second commit is refused', async () => {
    const job = await checked(GOOD);
    expect(job).toMatchObject({ status: 'validated', rows: 3, errors: 0, good: 3, percent: 100 });
    const preview = (await req('nongye', 'GET', `/api/agrifund/imports/${job.id}/rows`)).json().items;
    expect(preview.map((r: { row: number; problems: object[] }) => [r.row, r.problems])).toEqual([[2, []], [3, []], [4, []]]);
    expect(await projects()).toEqual([]);
    const done = await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/commit`);
    expect([done.statusCode, done.json().status, done.json().committed]).toEqual([200, 'committed', 3]);
    const list = await projects();
    expect(list.map((p) => [p.name, p.stepLabel, p.amountWan, p.village]).sort()).toEqual([
      ['测试：天宁镇通村道路', '项目申报', '200', null],
      ['测试：西营村提水工程', '项目申报', '100.1234', '西营村委会'],
      ['测试：寨子村污水管网', '项目申报', '433.1', '寨子村委会'],
    ].sort());
    expect([await committedOf('2.1'), await committedOf('2.2'), await committedOf('2.3')]).toEqual(['100.1234', '200', '433.1']);
    const road = (await t.db.kysely.selectFrom('agrifund_projects').select('id').where('name', '=', '测试：天宁镇通村道路').executeTakeFirstOrThrow()).id;
    const detail = (await req('admin', 'GET', `/api/agrifund/projects/${road}`)).json();
    expect(detail.milestones.map((m: { name: string; dueDate: string; sharePct: string }) => [m.name, m.dueDate, m.sharePct])).toEqual([['开工', '2022-06-01', '40.00'], ['完工', '2022-11-30', '60.00']]);
    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'agrifund_import').where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);
    expect((await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await projects()).toHaveLength(3);
  });

  it('names each bad row\'s problem by its column, refuses the commit while any remains, writes nothing, and gives the error sheet with 原因', async () => {
    const rows = [
      ['测试：东山镇水渠', '东山镇', '', '东山镇人民政府', '灌溉渠项目', '10', '灌溉 500 亩', '2022-05-10', '2022-09-30'],
      ['测试：天宁镇西营村', '天宁镇', '西营村委会', '天宁镇人民政府', '灌溉渠项目', '10', '灌溉 500 亩', '2022-05-10', '2022-09-30'],
      ['测试：养老院', '西营镇', '', '西营镇人民政府', '养老项目', '10', '床位 20 张', '2022-05-10', '2022-09-30'],
      ['测试：小数过多', '西营镇', '', '西营镇人民政府', '灌溉渠项目', '12.34567', '灌溉 500 亩', '2022-05-10', '2022-09-30'],
      ['测试：灌溉渠一期', '西营镇', '', '西营镇人民政府', '灌溉渠项目', '200', '灌溉 5000 亩', '2022-05-10', '2022-09-30'],
      ['测试：灌溉渠二期', '西营镇', '', '西营镇人民政府', '灌溉渠项目', '30', '灌溉 800 亩', '2022-05-10', '2022-09-30'],
      ['测试：灌溉渠一期', '西营镇', '', '西营镇人民政府', '灌溉渠项目', '1', '灌溉 10 亩', '2022-05-10', '2022-09-30'],
      ['测试：天宁镇通村道路', '天宁镇', '', '天宁镇人民政府', '农村道路工程', '1', '硬化道路 1 公里', '2022-05-10', '2022-09-30'],
    ];
    const job = await checked(rows);
    expect(job).toMatchObject({ status: 'validated', rows: 8, errors: 7, good: 1 });
    const preview = (await req('nongye', 'GET', `/api/agrifund/imports/${job.id}/rows`)).json().items as { row: number; problems: { field: string; message: string }[] }[];
    expect(preview.map((r) => [r.row, r.problems])).toEqual([
      [2, [{ field: '乡镇', message: '「东山镇」不是组织机构目录中的乡镇' }]],
      [3, [{ field: '村', message: '天宁镇没有「西营村委会」' }]],
      [4, [{ field: '子项目/资金类别', message: '2022年资金安排中没有子项「养老项目」' }]],
      [5, [{ field: '金额（万元，四位小数）', message: '「12.34567」不是以万元为单位、最多四位小数的数' }]],
      [6, []],
      [7, [{ field: '金额（万元，四位小数）', message: '超过「灌溉渠项目」尚可安排的 22 万元' }]],
      [8, [{ field: '项目名称', message: '「测试：灌溉渠一期」在本文件中重复' }]],
      [9, [{ field: '项目名称', message: '「测试：天宁镇通村道路」已在2022年项目清单中' }]],
    ]);
    const refused = await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/commit`);
    expect([refused.statusCode, refused.json().error.message]).toEqual([409, '有 7 行错误，未写入任何项目：请下载错误清单，修改后重新上传']);
    expect(await projects()).toHaveLength(3);
    expect(await committedOf('2.6')).toBe('0');
    const sheet = await req('nongye', 'GET', `/api/agrifund/imports/${job.id}/errors.xlsx`);
    const lines = [...readFirstSheet(sheet.rawPayload).each()].map((l) => l.cells);
    expect(lines[0]).toEqual(['原表行号', '项目名称', '乡镇', '村', '实施单位', '子项目/资金类别', '金额（万元，四位小数）', '绩效目标', '计划开工', '计划完工', '原因']);
    expect(lines.slice(1).map((l) => [l[0], l[1], l.at(-1)])).toEqual([
      ['2', '测试：东山镇水渠', '乡镇：「东山镇」不是组织机构目录中的乡镇'],
      ['3', '测试：天宁镇西营村', '村：天宁镇没有「西营村委会」'],
      ['4', '测试：养老院', '子项目/资金类别：2022年资金安排中没有子项「养老项目」'],
      ['5', '测试：小数过多', '金额：「12.34567」不是以万元为单位、最多四位小数的数'],
      ['7', '测试：灌溉渠二期', '金额：超过「灌溉渠项目」尚可安排的 22 万元'],
      ['8', '测试：灌溉渠一期', '项目名称：「测试：灌溉渠一期」在本文件中重复'],
      ['9', '测试：天宁镇通村道路', '项目名称：「测试：天宁镇通村道路」已在2022年项目清单中'],
    ]);
    expect((await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/discard`)).json()).toMatchObject({ status: 'discarded' });
    expect((await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/discard`)).statusCode).toBe(409);
  });

  it('holds a 附件 table to its sub-item, and writes nothing when a row no longer fits at commit', async () => {
    const water = await checked([['测试：道路放错表', '天宁镇', '', '天宁镇人民政府', '农村道路工程', '1', '硬化道路 1 公里', '2022-05-10', '2022-09-30']], 'water');
    const problems = (await req('nongye', 'GET', `/api/agrifund/imports/${water.id}/rows`)).json().items[0].problems;
    expect(problems).toEqual([{ field: '子项目/资金类别', message: '本表为「资金安排建设项目表-水利工程」，子项应为水利工程' }]);
    const job = await checked([
      ['测试：灌溉渠三期', '西营镇', '', '西营镇人民政府', '灌溉渠项目', '10', '灌溉 100 亩', '2022-05-10', '2022-09-30'],
      ['测试：以工代赈', '西营镇', '', '西营镇人民政府', '以工代赈项目', '180', '务工 100 人', '2022-05-10', '2022-09-30'],
    ]);
    expect(job).toMatchObject({ status: 'validated', errors: 0 });
    // Between the check and the commit, a township declares against 以工代赈项目 through the form.
    const units: { id: number; name: string; kind: string }[] = (await req('admin', 'GET', '/api/directory/units')).json().items;
    const xiying = units.find((u) => u.name === '西营镇' && u.kind === 'township')!.id;
    const form = await req('xiying', 'POST', '/api/agrifund/projects', {
      itemCode: '2.7', name: '测试：表单申报', townshipId: xiying, implementingUnit: '西营镇人民政府', amountWan: '1', targets: '务工 10 人',
      milestones: [{ name: '开工', dueDate: '2022-06-30', shareBp: 4000 }, { name: '完工', dueDate: '2022-10-31', shareBp: 6000 }],
    });
    expect(form.statusCode).toBe(201);
    const refused = await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/commit`);
    expect([refused.statusCode, refused.json().error.message]).toEqual([409, '第 3 行「测试：以工代赈」：以工代赈项目安排资金已不足（尚可安排 179 万元），本次导入未写入任何项目，请重新上传']);
    expect(await committedOf('2.6')).toBe('0');
    expect((await projects()).map((p) => p.name)).not.toContain('测试：灌溉渠三期');
    expect((await req('nongye', 'GET', `/api/agrifund/imports/${job.id}`)).json()).toMatchObject({ status: 'validated', committed: 0 });
  });

  it('on start, fails an import a killed process left 「校验中」, drops its staged rows, and refuses to write it', async () => {
    const job = await checked([['测试：中断的导入', '西营镇', '', '西营镇人民政府', '灌溉渠项目', '1', '灌溉 10 亩', '2022-05-10', '2022-09-30']]);
    await t.db.kysely.updateTable('agrifund_imports').set({ status: 'validating', percent: 30, heartbeat_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', job.id).execute();
    expect(await t.app.registry.start()).toContain('涉农资金统筹整合：1 个中断的项目表导入已标记为失败');
    expect((await req('nongye', 'GET', `/api/agrifund/imports/${job.id}`)).json()).toMatchObject({ status: 'failed', message: INTERRUPTED });
    expect((await req('nongye', 'GET', `/api/agrifund/imports/${job.id}/rows`)).json().items).toEqual([]);
    const commit = await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/commit`);
    expect([commit.statusCode, commit.json().error.message]).toEqual([409, `该导入已失败（${INTERRUPTED}），不能写入`]);
    expect((await req('nongye', 'POST', `/api/agrifund/imports/${job.id}/discard`)).json()).toMatchObject({ status: 'discarded' });
  });
});
