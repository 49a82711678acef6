/**
 * One household's file: its record, photos and papers, the steps the server offers this actor now (each with its own
 * form), the completion form with the attachment's checks, the five signatures, and the step log.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Tag } from 'antd';
import { send } from '../../api';
import { WhyDisabled, formatMoney } from '../../platform/kit';
import { Attachments } from '../../platform/Attachments';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import { useData, useRun, type DataKey } from '../../platform/data';
import type { StepAction } from '../../platform/contract';
import { CHECKS, CONCRETE_GRADES, MODES_FOR, OLD_PARTS, ROOFS } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { ToiletCompleteRequest, ToiletHouseholdDetail } from './contract';
import { chinaMinute } from '../../platform/time';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Tender = { id: number; item: string; winner: string; priceFen: number; documentNo: string };
/** Every toilets read sits under this key: a step changes the household, its list, the coverage and the quotas. */
export const TOILETS: DataKey = ['toilets'];
const PHOTOS: [string, string][] = [['before', '改造前'], ['during', '施工中'], ['after', '施工后']];

/** The household's own steps, their forms fitted to it (its modes; the township's tenders for an old toilet). */
function fitted(h: ToiletHouseholdDetail, actions: readonly StepAction[], tenders: readonly Tender[]): StepAction[] {
  const modes: readonly string[] = MODES_FOR[h.currentType as keyof typeof MODES_FOR] ?? [];
  return actions
    .filter((a) => a.step !== 'complete' && a.step !== 'accept')
    .map((a) => ({
      ...a,
      fields: a.fields
        .filter((f) => f.name !== 'tenderId' || h.mode === 'old')
        .map((f) =>
          a.step === 'select' && f.name === 'mode'
            ? { ...f, options: (f.options ?? []).filter((o) => modes.includes(o.value)) }
            : f.name === 'tenderId'
              ? { ...f, required: true, options: tenders.map((t) => ({ value: String(t.id), label: `${t.item}：${formatMoney(t.priceFen)} 元（${t.winner}）` })) }
              : f,
        ),
    }));
}

/** 完工登记: the toilet's number and the checks of its mode, measured (the kit's form has no nested values). */
function CompleteForm({ h, action }: { h: ToiletHouseholdDetail; action: StepAction }) {
  const [form] = Form.useForm();
  const { run, pending } = useRun([TOILETS]);
  const checks = CHECKS.filter((c) => (c.modes as readonly string[]).includes(h.mode ?? ''));
  const submit = (v: Record<string, string>) => {
    const values = Object.fromEntries(checks.map((c) => [c.code, v[c.code]]).filter(([, x]) => x));
    const body: ToiletCompleteRequest = { toiletNo: v.toiletNo, completedOn: v.completedOn, values, concrete: (v.concrete ?? null) as ToiletCompleteRequest['concrete'], roof: (v.roof ?? null) as ToiletCompleteRequest['roof'] };
    void run(() => send('POST', action.path, body), `已办理：${action.label}`);
  };
  return (
    <Card size="small" title="完工登记（技术指标实测）">
      {!action.allowed && <Alert type="warning" showIcon title={action.reason} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 520 }}>
        <Form.Item name="toiletNo" label="厕所编号" rules={[{ required: true, message: '请填写厕所编号' }]}><Input /></Form.Item>
        <Form.Item name="completedOn" label="完工日期（YYYY-MM-DD）" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '如 2022-06-20' }]}><Input /></Form.Item>
        {checks.map((c) => (
          <Form.Item key={c.code} name={c.code} label={`${c.text}（${c.unit}）`}><Input inputMode="decimal" /></Form.Item>
        ))}
        {checks.some((c) => c.code === 'foundation') && <Form.Item name="concrete" label="混凝土强度等级"><Select options={CONCRETE_GRADES.map((g) => ({ value: g, label: g }))} /></Form.Item>}
        {h.mode === 'old' && <Form.Item name="roof" label="屋顶"><Select options={ROOFS.map((g) => ({ value: g, label: g }))} /></Form.Item>}
        <WhyDisabled reason={!action.allowed && (action.reason ?? '现在还不能完工登记')}>
          <Button type="primary" htmlType="submit" loading={pending} disabled={!action.allowed}>{action.label}</Button>
        </WhyDisabled>
      </Form>
    </Card>
  );
}

/** 五方签字验收: each party's row with its signature, or the button of whoever may record it now. */
function Signatures({ h }: { h: ToiletHouseholdDetail }) {
  const [signer, setSigner] = useState('');
  const { run } = useRun([TOILETS]);
  const mine = h.actions.filter((a) => a.step === 'accept' && a.allowed);
  const sign = (a: StepAction) => void run(() => send('POST', a.path, { ...a.body, signerName: signer.trim() || null }), `已办理：${a.label}`);
  return (
    <Card size="small" title="五方签字验收">
      <ResponsiveTable size="small" rowKey="party" pagination={false} dataSource={h.signatures} locale={{ emptyText: '完工登记后，五方在这里逐一签字' }} columns={[
        { title: '签字方', dataIndex: 'name' },
        { title: '签字人', dataIndex: 'signer', render: (v: string | null) => v ?? '—' },
        { title: '方式', dataIndex: 'via', render: (v: string | null) => (v === 'app' ? '本人确认' : v === 'paper' ? '据纸质验收单录入' : '—') },
        { title: '时间', dataIndex: 'at', render: (v: string | null) => (v ? chinaMinute(v) : '—') },
        {
          title: '',
          render: (_: unknown, s: { party: string; name: string }) => {
            const a = mine.find((x) => x.body.party === s.party);
            return a ? <Button size="small" onClick={() => sign(a)}>{s.name}签字</Button> : null;
          },
        },
      ]} />
      {mine.length > 0 && <Input aria-label="签字人姓名" placeholder="施工队、监理签字人姓名（据纸质验收单）" value={signer} onChange={(e) => setSigner(e.target.value)} style={{ marginTop: 8, maxWidth: 320 }} />}
    </Card>
  );
}

export function HouseholdPanel({ id }: { id: number }) {
  const d = useData<ToiletHouseholdDetail>([...TOILETS, 'households', id], `/api/toilets/households/${id}`);
  const h = d.data;
  const needsTender = !!h?.actions.some((a) => a.step === 'start') && h.mode === 'old';
  const tenders = useData<{ items: Tender[] }>([...TOILETS, 'tenders'], needsTender ? '/api/toilets/tenders' : null);
  if (!h) return null;
  const complete = h.actions.find((a) => a.step === 'complete');
  const may = (slot: string) => h.uploads.includes(slot);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered items={[
        { key: 'a', label: '户主', children: `${h.headName}（${h.idNo}）` },
        { key: 'b', label: '联系电话', children: h.phone },
        { key: 'c', label: '现有厕所', children: `${h.currentTypeName}${h.pits > 1 ? ` ${h.pits} 坑位` : ''}` },
        { key: 'd', label: '改厕模式', children: h.modeName ?? '—' },
        { key: 'e', label: '补助', children: h.subsidyFen !== null ? `${formatMoney(h.subsidyFen)} 元（验收核定）` : h.plannedFen !== null ? `${formatMoney(h.plannedFen)} 元（计划）` : '—' },
        { key: 'f', label: '省 : 县', children: h.split ? `${formatMoney(h.split.provinceFen)} : ${formatMoney(h.split.countyFen)}` : '—' },
        { key: 'g', label: '协议', children: h.agreementNo ?? '—' },
        { key: 'h', label: '施工 / 监理', children: h.builderName ? `${h.builderName}${h.supervisorName ? ` / ${h.supervisorName}` : ''}` : '—' },
        { key: 'i', label: '厕所编号', children: h.toiletNo ?? '—' },
      ]} />
      {h.checks && (
        <ResponsiveTable size="small" rowKey="code" pagination={false} dataSource={h.checks} locale={{ emptyText: '该改厕模式没有需要实测的技术指标' }} columns={[
          { title: '技术指标（附件：改厕模式及标准）', dataIndex: 'text' },
          { title: '实测', dataIndex: 'value', render: (v: string | null) => v ?? '—' },
          { title: '结果', dataIndex: 'passed', render: (v: boolean, c: { part: string }) => <Tag color={v ? 'green' : 'red'}>{v ? '达标' : c.part === 'superstructure' ? `厕屋不达标（不补 ${OLD_PARTS.superstructureFen / 100} 元）` : '不达标'}</Tag> },
        ]} />
      )}
      <Space wrap align="start">
        {PHOTOS.map(([phase, label]) => (
          <Card key={phase} size="small" title={`${label}照片`} style={{ minWidth: 220 }}>
            <Attachments entity="toilet_photo" entityId={`${id}.${phase}`} accept=".jpg,.jpeg,.png" label="上传照片（JPEG/PNG，5 MB 内）" canAttach={may(`toilet_photo:${phase}`)} invalidates={[TOILETS]} />
          </Card>
        ))}
        <Card size="small" title="《农村改厕协议》" style={{ minWidth: 220 }}>
          <Attachments entity="toilet_paper" entityId={`${id}.agreement`} label="上传签字扫描件" canAttach={may('toilet_paper:agreement')} invalidates={[TOILETS]} />
        </Card>
        <Card size="small" title="五方签字验收单" style={{ minWidth: 220 }}>
          <Attachments entity="toilet_paper" entityId={`${id}.acceptance`} label="上传验收单扫描件" canAttach={may('toilet_paper:acceptance')} invalidates={[TOILETS]} />
        </Card>
      </Space>
      <StepActions actions={fitted(h, h.actions, tenders.data?.items ?? [])} invalidates={[TOILETS]} />
      {complete && <CompleteForm h={h} action={complete} />}
      {(h.status === 'completed' || h.status === 'accepted') && <Signatures h={h} />}
      <Card size="small" title="办理记录">
        <StepTimeline entries={h.timeline} />
      </Card>
    </Space>
  );
}
