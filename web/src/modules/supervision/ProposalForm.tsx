/**
 * The office's correction of a proposal before it is assigned: lead units from the directory (「各乡镇人民政府」 and the
 * like at one click) and the deadline it fixes, with 确认交办 beside them: what is typed here is what 交办 confirms
 * (saved first when changed). Shown where the task's actions offer 确认交办.
 */
import { useState } from 'react';
import { Button, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { WhyDisabled } from '../../platform/kit';
import type { StepAction } from '../../platform/contract';
import type { SupervisionTaskDetail, TaskCorrection } from './contract';

export function ProposalForm({ task: t, confirm }: { task: SupervisionTaskDetail; confirm: StepAction }) {
  const { can } = useAuth();
  const units = useData<{ items: { id: number; name: string; kind: string }[] }>(['directory', 'units'], can('directory.read') ? '/api/directory/units' : null);
  const [lead, setLead] = useState<number[] | null>(null);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const { run, pending } = useRun([['supervision']]);
  const leads = lead ?? t.units.filter((u) => u.part === 'lead').map((u) => u.unitId);
  const everyTownship = t.unknownUnits.find((n) => /^各乡/.test(n));
  const changed = lead !== null || deadline !== null;
  // The dates a 需核定 note offers (「从严为 2023-05-31，亦可读作 2023-06-30」, 「起 …，止 …」).
  const readings = t.disputed ? [...new Set(t.disputed.match(/\d{4}-\d{2}-\d{2}/g) ?? [])] : [];
  const correction = (): TaskCorrection => ({
    lead: leads,
    support: t.units.filter((u) => u.part === 'support').map((u) => u.unitId),
    deadline: deadline ? deadline.format('YYYY-MM-DD') : t.deadline,
    recurrence: t.recurrence,
  });
  const reset = () => {
    setLead(null);
    setDeadline(null);
  };
  const save = async () => {
    if (await run(() => send('PUT', `/api/supervision/tasks/${t.id}`, correction()), '已保存修改')) reset();
  };
  const assign = async () => {
    const ok = await run(async () => {
      if (changed) await send('PUT', `/api/supervision/tasks/${t.id}`, correction());
      return send('POST', confirm.path, confirm.body);
    }, `已办理：${confirm.label}`);
    if (ok) reset();
  };
  // The server's guard (no lead, no deadline) is answered by what is typed: a lead or a date chosen here lifts it.
  const lifted = changed && leads.length > 0 && (!!deadline || !!t.deadline || !!t.recurrence);
  const allowed = confirm.allowed || lifted;
  const button = (
    <Button type="primary" loading={pending} disabled={!allowed} data-step="confirm" onClick={() => void assign()}>
      {confirm.label}
    </Button>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="task-correct">
      <Select mode="multiple" aria-label="牵头单位" placeholder="牵头单位" style={{ width: '100%' }} value={leads} onChange={setLead} showSearch optionFilterProp="label" notFoundContent={units.loading ? '正在加载…' : '没有相符的单位'} options={(units.data?.items ?? []).filter((u) => u.kind !== 'village').map((u) => ({ value: u.id, label: u.name }))} />
      {everyTownship && (
        // 「各乡镇人民政府」 and the like name every township: one click puts them all in, the office then takes out any it means to spare.
        <Button size="small" onClick={() => setLead([...new Set([...leads, ...(units.data?.items ?? []).filter((u) => u.kind === 'township').map((u) => u.id)])])}>
          「{everyTownship}」：各乡镇均为牵头单位
        </Button>
      )}
      <DatePicker aria-label="核定时限" value={deadline} onChange={setDeadline} placeholder={t.deadline ?? '核定时限'} />
      {readings.length > 1 && (
        // 需核定: each reading the text allows, one click to take it (交办 as it stands takes the one shown).
        <Space wrap data-testid="task-readings">
          {readings.map((d) => (
            <Button key={d} size="small" type={(deadline?.format('YYYY-MM-DD') ?? t.deadline) === d ? 'primary' : 'default'} ghost={(deadline?.format('YYYY-MM-DD') ?? t.deadline) === d} onClick={() => setDeadline(dayjs(d))}>
              按 {d}
            </Button>
          ))}
        </Space>
      )}
      <Space wrap>
        <WhyDisabled reason={!changed && '还没有修改：改了牵头单位或时限后可保存'}>
          <Button loading={pending} disabled={!changed} onClick={() => void save()}>保存修改</Button>
        </WhyDisabled>
        <WhyDisabled reason={!allowed && (confirm.reason ?? '请先选定牵头单位和核定时限')}>{button}</WhyDisabled>
      </Space>
    </Space>
  );
}
