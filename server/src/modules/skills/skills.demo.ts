/** A contest in progress for demo installs (never production): registrations in several events, one preliminary scored. */
import type { Actor } from '../../core/audit.js';
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

/** Demo accounts: the office (jiuye), a managing unit (zonggonghui), a registering unit (shuili), a contestant (xuanshou). */
export async function seedSkillsDemo(service: SkillsService, accounts: AccountsService, directory: DirectoryService, files: FilesService, password: string): Promise<string[]> {
  if (await accounts.idOf('zonggonghui')) return [];
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
    if (i < 7) await service.registrations.flow.run(unitActor, r.id, 'confirm', {});
    ids.push(r.id);
  }
  // 焊接's preliminary is scored; the top 3 wait for the 总工会 to close the selection.
  await service.selection.saveScores(unionActor, ev('焊接'), ids.slice(0, 5).map((registrationId, i) => ({ registrationId, score: [9250, 8875, 9100, 8400, 7950][i]! })));
  return ['职业技能大赛：40 个项目，8 人报名，焊接初赛已录入成绩（账号 jiuye 办公室、zonggonghui 主管单位、shuili 报名单位、xuanshou 选手）'];
}
