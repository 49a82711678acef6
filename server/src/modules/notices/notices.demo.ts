/** A few public notices for demo installs (never production): one open, one whose period has run, one objected to. */
import type { Actor } from '../../core/audit.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { NoticesService } from './notices.service.js';

const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86400_000).toISOString().slice(0, 10);

/** Publish the demo notices; does nothing when any notice exists. */
export async function seedNoticeDemo(notices: NoticesService, accounts: AccountsService, directory: DirectoryService, todayIs: string): Promise<string[]> {
  let today = todayIs;
  if ((await notices.list(null, {}, 1, 1)).total > 0) return [];
  const units = await directory.all();
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const admin = await accounts.idOf('admin');
  if (!admin) return [];
  const actor: Actor = { userId: admin, name: '演示数据', role: 'county_admin', unitId: unit('交城县'), townshipId: null };
  // Near a new year whose holidays nobody has entered yet, a period cannot be counted: then the demo notices start
  // in the last year the calendar covers, rather than the install failing to start.
  if (!(await notices.canCount(daysBefore(today, -30)))) today = `${Number(today.slice(0, 4)) - 1}-12-01`;
  // Each is published on the day it starts, as a unit would have done.
  const due = await notices.on(daysBefore(today, 14)).create(actor, {
    unitId: unit('天宁镇'),
    subject: '天宁镇2022年农村户厕改造户名单公示',
    content: '根据《交城县2022年农村改厕工作实施方案》（交政办发〔2022〕10号），经农户申请、村委会初审，现将本镇2022年拟改厕户名单予以公示。公示期内如有异议，请向镇人民政府反映。',
    basis: '交政办发〔2022〕10号',
    startDate: daysBefore(today, 14),
    minLength: 5,
    unit: '工作日',
  });
  await notices.on(today).create(actor, {
    unitId: unit('县农业农村局'),
    subject: '交城县2022年农业生产托管服务组织名单公示',
    content: '经乡镇推荐、县托管领导组审核，现将拟入选的农业生产托管服务组织名单予以公示，公示期 5 个工作日。',
    basis: '交政办发〔2022〕16号',
    startDate: today,
    minLength: 5,
    unit: '工作日',
  });
  const objected = await notices.on(daysBefore(today, 2)).create(actor, {
    unitId: unit('西营镇'),
    subject: '西营镇2022年农村改厕验收结果公示',
    content: '现将本镇2022年农村改厕验收合格户予以公示，公示期 7 日。',
    basis: '交政办发〔2022〕10号',
    startDate: daysBefore(today, 2),
    minLength: 7,
    unit: '日',
  });
  await notices.object(null, objected.id, { name: '王建国', contact: '13800001234', text: '我家厕所已改造但未列入名单，请核实。' });
  return [`公示演示数据：3 条公示（其中 1 条公示期已满待结束，1 条收到异议；公示编号 ${due.id}–${objected.id}）`];
}
