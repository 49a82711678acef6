/**
 * A contest in progress for demo installs (never production): registrations in several events, one preliminary scored.
 * Given the install's demo clock, the history is replayed at its own dates between 交政办发〔2022〕15号 (22 June) and the
 * day before the clock: the units registered in late June, 焊接's preliminary scored in 7月上旬, one registration made the
 * day before, awaiting its unit. At a pinned now (tests) everything is seeded then, as it happens.
 */
import type { Actor } from '../../core/audit.js';
import type { ModuleContext } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { FilesService } from '../files/index.js';
import { DOCUMENT_ENTITY } from './skills.flow.js';
import type { SkillsService } from './skills.service.js';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** An 18-digit resident ID with its GB 11643 check character. */
export const residentId = (first17: string) => first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i]!, 0) % 11];
/** A one-page PDF: the demo's stand-in for a stamped certificate. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const NO = { china_award: false, national_expert: false, sanjin_expert: false, province_top3: false, lvliang_top3: false };
/** The replayed story's last day: a demo clock on or before it seeds everything at its own now instead. */
const LAST_DAY = '2022-07-11';

/** Demo accounts: the office (jiuye), a managing unit (zonggonghui), a registering unit (shuili), a contestant (xuanshou). */
export async function seedSkillsDemo(service: SkillsService, accounts: AccountsService, directory: DirectoryService, files: FilesService, password: string, clock?: Pick<ModuleContext, 'today' | 'demoClock'>): Promise<string[]> {
  if (await accounts.idOf('zonggonghui')) return [];
  const replay = clock?.demoClock && clock.today() > LAST_DAY ? clock.demoClock : null;
  const on = (day: string) => replay?.at(`${day}T09:30:00+08:00`);
  const units = await directory.all();
  const byCode = (c: string) => units.find((u) => u.code === c);
  const [office, union, kfq] = [byCode('JC-CYJY'), byCode('JC-ZGH'), byCode('JC-SLJ')];
  if (!office || !union || !kfq) return [];
  const made = await accounts.seedDemoUsers(
    [
      { username: 'jiuye', displayName: '县创业就业服务中心经办人', role: 'department_official', unitId: office.id },
      { username: 'zonggonghui', displayName: '县总工会经办人', role: 'department_official', unitId: union.id },
      { username: 'shuili', displayName: '县水利局经办人', role: 'department_official', unitId: kfq.id },
      { username: 'xuanshou', displayName: '选手李强', role: 'resident' },
    ],
    password,
  );
  const id = (u: string) => made.find((m) => m.username === u)!.id;
  const unitActor: Actor = { userId: id('shuili'), name: '县水利局经办人', role: 'department_official', unitId: kfq.id, townshipId: null };
  const unionActor: Actor = { userId: id('zonggonghui'), name: '县总工会经办人', role: 'department_official', unitId: union.id, townshipId: null };
  const events = await service.selection.events(unitActor);
  const ev = (name: string) => events.find((e) => e.name === name)!.id;
  const names = ['王建军', '李晓东', '张志刚', '刘海涛', '陈国华', '杨文斌', '赵永明', '黄立新'];
  const ids: number[] = [];
  for (const [i, name] of names.entries()) {
    // The unit registers its seven on Monday 27 June; the eighth comes on the day before the clock.
    on(i < 7 ? '2022-06-27' : LAST_DAY);
    const r = await service.registrations.register(unitActor, {
      eventId: ev(i < 5 ? '焊接' : i < 7 ? '电工' : '中式烹调'),
      name,
      idNo: residentId(`14112219${80 + i}0${(i % 9) + 1}1${i}2${i}`),
      phone: `1393580${String(1000 + i)}`,
      identity: 'worker',
      unitId: kfq.id,
      ssPayer: kfq.name,
      coach: i % 2 ? '郭师傅' : null,
      declaration: NO,
    });
    await files.upload(unitActor, DOCUMENT_ENTITY, `${r.id}.work_proof`, '工作证明.pdf', TINY_PDF, 'application/pdf');
    await files.upload(unitActor, DOCUMENT_ENTITY, `${r.id}.social_security`, '社保证明.pdf', TINY_PDF, 'application/pdf');
    ids.push(r.id);
  }
  // Confirmed (盖章) two days later, within the three working days a registration waits on its unit.
  on('2022-06-29');
  for (const reg of ids.slice(0, 7)) await service.registrations.flow.run(unitActor, reg, 'confirm', {});
  // 焊接's preliminary is held and scored on Friday 8 July (7月上旬); the top 3 wait for the 总工会 to close the selection.
  on('2022-07-08');
  await service.selection.saveScores(unionActor, ev('焊接'), ids.slice(0, 5).map((registrationId, i) => ({ registrationId, score: [9250, 8875, 9100, 8400, 7950][i]! })));
  return ['职业技能大赛：40 个项目，8 人报名，焊接初赛已录入成绩（账号 jiuye 办公室、zonggonghui 主管单位、shuili 报名单位、xuanshou 选手）'];
}
