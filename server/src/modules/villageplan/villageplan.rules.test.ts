import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../core/calendar.js';
import {
  APPROVAL_ATTACHMENTS, CLASSES, STEPS, TARGET, attachmentsMissing, classificationProblems, criteriaMet, deadlines, evaluationDue, evaluationProblems, groupLacks,
  nextStep, noticeHasRun, noticeLastDay, onList, type ClassificationInput,
} from './villageplan.rules.js';

const base: ClassificationInput = { cls: 'comprehensive', criteria: {}, resettlementInsideBoundary: false, adjacentToBoundary: false, route: 'own', exception: null, reason: '有产业项目落地', year: 2023 };
const fields = (i: Partial<ClassificationInput>) => classificationProblems({ ...base, ...i }).map((p) => p.field);

describe('村庄规划 rules (交政发〔2022〕3号)', () => {
  it('has the four classes and a 综合性 village meets one of the four criteria', () => {
    expect(CLASSES.map((c) => c.label)).toEqual(['综合性', '整治类', '城郊融合类', '搬迁撤并类']);
    expect(fields({ criteria: { industry: true } })).toEqual([]);
    expect(fields({ criteria: { heritage: true } })).toEqual([]);
    expect(fields({ criteria: { consolidation: true } })).toEqual([]);
    expect(fields({ criteria: {} })).toEqual(['criteria']);
    expect(fields({ criteria: { industry: true }, reason: '  ' })).toEqual(['reason']);
  });

  it('does not count a settlement need where the 安置点 lies inside the 城镇开发边界', () => {
    expect(criteriaMet({ criteria: { settlement: true }, resettlementInsideBoundary: false })).toEqual(['settlement']);
    expect(criteriaMet({ criteria: { settlement: true }, resettlementInsideBoundary: true })).toEqual([]);
    expect(fields({ criteria: { settlement: true }, resettlementInsideBoundary: true })).toEqual(['criteria']);
  });

  it('keeps 整治类 for villages without development, 城郊融合类 next to the boundary, 搬迁撤并类 out of their own plan', () => {
    expect(fields({ cls: 'remediation', reason: '只进行简单的人居环境整治' })).toEqual([]);
    expect(fields({ cls: 'remediation', criteria: { industry: true } })).toEqual(['cls']);
    expect(fields({ cls: 'suburban', adjacentToBoundary: true, route: 'detailed', year: null })).toEqual([]);
    expect(fields({ cls: 'suburban', adjacentToBoundary: true, route: 'own', year: 2024 })).toEqual([]);
    expect(fields({ cls: 'suburban', adjacentToBoundary: false, route: 'detailed', year: null })).toEqual(['adjacentToBoundary']);
    // 「搬迁撤并类的村庄原则上不单独编制」: a chapter of the township plan, or its own plan with a recorded exception.
    expect(fields({ cls: 'relocation', route: 'chapter', year: null })).toEqual([]);
    expect(fields({ cls: 'relocation', route: 'own', year: 2023 })).toEqual(['exception']);
    expect(fields({ cls: 'relocation', route: 'own', year: 2023, exception: '安置区需单独规划' })).toEqual([]);
    expect(fields({ cls: 'relocation', route: 'detailed', year: null })).toEqual(['route']);
  });

  it('lists the villages planned on their own with a 编制时序 up to 2024', () => {
    expect(TARGET.by).toBe('2024-12-31');
    expect(fields({ criteria: { industry: true }, year: 2025 })).toEqual(['year']);
    expect(fields({ criteria: { industry: true }, year: 2021 })).toEqual(['year']);
    expect(fields({ criteria: { industry: true }, year: null })).toEqual(['year']);
    expect(fields({ cls: 'relocation', route: 'chapter', year: 2023 })).toEqual(['year']);
    expect(fields({ criteria: { industry: true }, route: 'chapter', year: null })).toEqual(['route']);
    expect(onList({ route: 'own' })).toBe(true);
    expect(onList({ route: 'chapter' })).toBe(false);
  });

  it('evaluates existing plans on the four points with reasons', () => {
    const all = { redLine: { met: true, reason: '' }, farmland: { met: true, reason: '' }, scale: { met: true, reason: '' }, revitalization: { met: true, reason: '' } };
    expect(evaluationProblems('conforms', all)).toEqual([]);
    expect(evaluationProblems('supplement', all).map((p) => p.field)).toEqual(['outcome']);
    const farmland = { ...all, farmland: { met: false, reason: '' } };
    expect(evaluationProblems('supplement', farmland).map((p) => p.field)).toEqual(['answers.farmland']);
    expect(evaluationProblems('supplement', { ...all, farmland: { met: false, reason: '占用永久基本农田 2 处' } })).toEqual([]);
    expect(evaluationProblems('conforms', { ...all, farmland: { met: false, reason: '占用永久基本农田 2 处' } }).map((p) => p.field)).toEqual(['outcome']);
    expect(evaluationProblems('recompile', { redLine: all.redLine }).map((p) => p.field)).toEqual(['answers.farmland', 'answers.scale', 'answers.revitalization']);
  });

  it('runs the seven steps in the printed order', () => {
    expect(STEPS.map((s) => s.label)).toEqual(['组织编制', '方案确认', '技术论证', '村级审议', '公示公告', '规划报批', '备案']);
    expect(nextStep('vote')).toBe('notice');
    expect(nextStep('notice')).toBe('approve');
    expect(nextStep('file')).toBeNull();
    expect(groupLacks(['township', 'designer'])).toEqual(['县人民政府有关部门', '村民代表']);
    expect(groupLacks(['township', 'department', 'designer', 'villager'])).toEqual([]);
  });

  it('asks approval only after 30 days in the village, with both papers', () => {
    const cal = new WorkCalendar();
    // Posted Monday 1 August 2022: the 30th day after is Wednesday 31 August; the request may go on 1 September.
    expect(noticeLastDay(cal, '2022-08-01')).toBe('2022-08-31');
    expect(noticeHasRun('2022-08-31', '2022-08-31')).toBe(false);
    expect(noticeHasRun('2022-08-31', '2022-09-01')).toBe(true);
    // Posted 1 September: the 30th day is 1 October, in the National Day holiday; the notice runs to Saturday 8 October,
    // a 调休 working day.
    expect(noticeLastDay(cal, '2022-09-01')).toBe('2022-10-08');
    expect(APPROVAL_ATTACHMENTS.map((a) => a.label)).toEqual(['村民委员会审议意见', '村民会议或村民代表会议讨论通过的决议']);
    expect(attachmentsMissing(['resolution'])).toEqual(['村民委员会审议意见']);
    expect(attachmentsMissing(['resolution', 'committeeOpinion'])).toEqual([]);
  });

  it('counts 20 and 30 working days after approval over the National Day 调休', () => {
    // Approved Monday 26 September 2022. 1–7 October off; Saturday 8 and Sunday 9 October worked (调休).
    // 27–30 Sep = 4, 8–9 Oct = 6, 10–14 = 11, 17–21 = 16, 24–27 = 20; 28 Oct = 21, 31 Oct–4 Nov = 26, 7–10 Nov = 30.
    expect(deadlines(new WorkCalendar(), '2022-09-26')).toEqual({ publish: '2022-10-27', submit: '2022-11-10' });
  });

  it('falls due for its implementation evaluation five years after approval', () => {
    expect(evaluationDue('2022-10-10')).toBe('2027-10-10');
    expect(evaluationDue('2024-02-29')).toBe('2029-02-28');
  });
});
