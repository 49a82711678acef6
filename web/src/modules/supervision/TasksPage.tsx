/**
 * 督办任务: the county office extracts a document's tasks, corrects and confirms them (交办); the units that hold a
 * task sign for it, report progress and ask for more time; the office accepts (办结销号) or sends it back.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Badge, Button, Checkbox, Descriptions, Drawer, Input, InputNumber, List, Segmented, Select, Space, Table, Tag, Typography, DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { PageHeader, useAction, useApi } from '../../platform/kit';
import { Attachments } from '../../platform/Attachments';
import type { SupervisionTask, SupervisionTaskDetail, TaskCorrection, TaskExtension, TaskFinish, TaskReport } from './contract';

const LIGHT: Record<SupervisionTask['light'], 'success' | 'warning' | 'error' | 'default'> = { green: 'success', yellow: 'warning', red: 'error', grey: 'default' };

function TaskDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { can, user } = useAuth();
  const [consolidated, setConsolidated] = useState(false);
  const task = useApi<SupervisionTaskDetail>(`/api/supervision/tasks/${id}`);
  const units = useApi<{ items: { id: number; name: string; kind: string }[] }>(can('directory.read') ? '/api/directory/units' : null);
  const [text, setText] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const [values, setValues] = useState<(number | null)[]>([]);
  const [extendTo, setExtendTo] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [lead, setLead] = useState<number[] | null>(null);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const done = () => {
    task.reload();
    onChanged();
  };
  const [act, acting] = useAction(async (method: 'POST' | 'PUT', path: string, body?: unknown) => {
    await send(method, `/api/supervision/tasks/${id}${path}`, body);
    done();
  }, '已办理');
  const [decide] = useAction(async (extId: number, approve: boolean) => {
    await send('POST', `/api/supervision/extensions/${extId}/decide`, { approve });
    done();
  }, '已审批');
  const t = task.data;
  const manage = can('supervision.manage');
  const work = can('supervision.work');
  return (
    <Drawer open width={Math.min(720, window.innerWidth)} onClose={onClose} title={t ? `${t.docNumber} ${t.path.join('')} ${t.heading}` : '督办任务'}>
      {t && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered items={[
            { key: 's', label: '状态', children: <Badge status={LIGHT[t.light]} text={t.statusLabel} /> },
            { key: 'd', label: '时限', children: <>{t.extendedTo ? `${t.extendedTo}（已延期，原 ${t.deadline}）` : (t.deadline ?? '—')}{t.deadlineText && <Typography.Text type="secondary">（原文：{t.deadlineText}）</Typography.Text>}{t.recurrence && <Tag style={{ marginLeft: 8 }}>{t.recurrence}</Tag>}</> },
            { key: 'u', label: '责任单位', children: t.units.map((u) => <Tag key={u.unitId} color={u.role === 'lead' ? 'blue' : undefined}>{u.role === 'lead' ? '牵头 ' : '配合 '}{u.unitName}{u.signedAt ? ' ✓已签收' : ''}</Tag>) },
            { key: 'p', label: '原文单位', children: <>{t.unitsText || '（原文未写）'}{t.unknownUnits.length > 0 && <Alert style={{ marginTop: 4 }} type="warning" showIcon message={`目录中未找到：${t.unknownUnits.join('、')}`} />}</> },
            { key: 'g', label: '量化指标', children: t.targets.length ? t.targets.map((g, i) => <div key={i}>{g.metric} {g.comparison} {g.value}{g.unit}</div>) : '—' },
          ]} />
          {t.notices.length > 0 && (
            <Alert type={t.notices.some((n) => n.kind === 'order') ? 'error' : 'warning'} showIcon message={t.notices.map((n) => `${n.kind === 'order' ? '督办单' : '催办'}：${n.unitName}（时限 ${n.due}）`).join('；')} />
          )}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.text}</Typography.Paragraph>
          <Link to={`/documents/${encodeURIComponent(t.docNumber)}`}>查看原文条款</Link>
          {t.status !== 'proposed' && (
            <>
              <Typography.Text strong>附件（照片、验收单等）</Typography.Text>
              <Attachments entity="supervision_task" entityId={t.id} canAttach={t.status !== 'done' && t.units.some((u) => u.unitId === user?.unitId)} />
            </>
          )}
          {manage && t.status === 'proposed' && (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="task-correct">
              <Select mode="multiple" aria-label="牵头单位" placeholder="牵头单位" style={{ width: '100%' }} value={lead ?? t.units.filter((u) => u.role === 'lead').map((u) => u.unitId)} onChange={setLead} showSearch optionFilterProp="label" options={(units.data?.items ?? []).filter((u) => u.kind !== 'village').map((u) => ({ value: u.id, label: u.name }))} />
              {t.unknownUnits.some((n) => /^各乡/.test(n)) && (
                // 「各乡镇人民政府」 and the like name every township: one click puts them all in, the office then takes out any it means to spare.
                <Button size="small" onClick={() => setLead([...new Set([...(lead ?? t.units.filter((u) => u.role === 'lead').map((u) => u.unitId)), ...(units.data?.items ?? []).filter((u) => u.kind === 'township').map((u) => u.id)])])}>
                  「{t.unknownUnits.find((n) => /^各乡/.test(n))}」：各乡镇均为牵头单位
                </Button>
              )}
              <DatePicker aria-label="核定时限" value={deadline} onChange={setDeadline} placeholder={t.deadline ?? '核定时限'} />
              <Space>
                <Button loading={acting} onClick={() => void act('PUT', '', { lead: lead ?? t.units.filter((u) => u.role === 'lead').map((u) => u.unitId), support: t.units.filter((u) => u.role === 'support').map((u) => u.unitId), deadline: deadline ? deadline.format('YYYY-MM-DD') : t.deadline, recurrence: t.recurrence } satisfies TaskCorrection)}>保存修改</Button>
                <Button type="primary" loading={acting} onClick={() => void act('POST', '/confirm')}>确认交办</Button>
              </Space>
            </Space>
          )}
          {work && t.status !== 'proposed' && t.status !== 'done' && (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="task-work">
              <Button onClick={() => void act('POST', '/sign')}>签收</Button>
              <Input.TextArea aria-label="办理情况" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="办理情况" />
              <Space wrap>
                <InputNumber aria-label="完成进度" min={0} max={100} value={percent} onChange={setPercent} addonAfter="%" />
                {t.targets.map((g, i) => <InputNumber key={i} aria-label={`报送值 ${g.metric}`} placeholder={g.metric.slice(0, 10)} value={values[i] ?? null} onChange={(v) => setValues((a) => { const b = [...a]; b[i] = v; return b; })} addonAfter={g.unit} />)}
              </Space>
              {t.units.some((u) => u.role === 'lead' && u.unitId === user?.unitId) && t.units.some((u) => u.role === 'support') && (
                <Checkbox checked={consolidated} onChange={(e) => setConsolidated(e.target.checked)}>牵头单位汇总报送（含配合单位办理情况）</Checkbox>
              )}
              <Button type="primary" disabled={text.trim().length < 2 || percent === null} onClick={() => void act('POST', '/reports', { text, percent: percent!, values: t.targets.map((_, i) => values[i] ?? null), consolidated } satisfies TaskReport)}>报送进展</Button>
              <Space wrap>
                <DatePicker aria-label="延期至" value={extendTo} onChange={setExtendTo} />
                <Input aria-label="延期理由" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="延期理由" style={{ width: 220 }} />
                <Button disabled={!extendTo || reason.trim().length < 4} onClick={() => void act('POST', '/extensions', { to: extendTo!.format('YYYY-MM-DD'), reason } satisfies TaskExtension)}>申请延期</Button>
              </Space>
            </Space>
          )}
          {manage && t.status !== 'proposed' && t.status !== 'done' && (
            <Space wrap>
              <Input aria-label="复核意见" value={note} onChange={(e) => setNote(e.target.value)} placeholder="复核意见" style={{ width: 260 }} />
              <Button type="primary" disabled={note.trim().length < 2} onClick={() => void act('POST', '/finish', { accept: true, note } satisfies TaskFinish)}>办结销号</Button>
              <Button danger disabled={note.trim().length < 2} onClick={() => void act('POST', '/finish', { accept: false, note } satisfies TaskFinish)}>退回</Button>
            </Space>
          )}
          <List size="small" header="办理记录" dataSource={[...t.reports.map((r) => ({ key: `r${r.id}`, at: r.at, line: `${r.by}：${r.kind === 'progress' ? `进展 ${r.percent}% ` : r.kind === 'consolidated' ? `汇总 ${r.percent}% ` : r.kind === 'accepted' ? '办结销号 ' : '退回 '}${r.text}`, ext: null as SupervisionTaskDetail['extensions'][number] | null })), ...t.extensions.map((e) => ({ key: `e${e.id}`, at: e.requestedAt, line: `${e.requestedBy}：申请延期至 ${e.to}（${e.reason}）— ${e.status === 'pending' ? '待审批' : e.status === 'approved' ? '已批准' : '未批准'}`, ext: e }))].sort((a, b) => a.at.localeCompare(b.at))} renderItem={(x) => (
            <List.Item extra={manage && x.ext?.status === 'pending' ? <Space><Button size="small" onClick={() => void decide(x.ext!.id, true)}>批准</Button><Button size="small" onClick={() => void decide(x.ext!.id, false)}>不批准</Button></Space> : null}>
              <Typography.Text>{x.line}</Typography.Text>
            </List.Item>
          )} />
        </Space>
      )}
    </Drawer>
  );
}

/** The task list, filtered by state; the office also extracts from the registry here. */
export function TasksPage() {
  const { can } = useAuth();
  const [status, setStatus] = useState<'assigned' | 'proposed' | 'done'>(can('supervision.manage') ? 'proposed' : 'assigned');
  const [page, setPage] = useState(1);
  // A link from a document page opens its task (?task=id).
  const [params] = useSearchParams();
  const [open, setOpen] = useState<number | null>(params.get('task') ? Number(params.get('task')) : null);
  const [docNumber, setDocNumber] = useState<string | null>(null);
  const list = useApi<{ items: SupervisionTask[]; total: number }>(`/api/supervision/tasks?status=${status}&page=${page}&pageSize=50`);
  const docs = useApi<{ items: { docNumber: string; title: string }[] }>(can('supervision.manage') ? '/api/gazette/documents?pageSize=100' : null);
  const [extract, extracting] = useAction(async () => {
    const r = await send<{ found: number; added: number; flagged: number }>('POST', '/api/supervision/extract', { docNumber });
    list.reload();
    return r;
  }, (r) => `抽取 ${r.found} 项，新增 ${r.added} 项待确认（${r.flagged} 项单位或时限待核定）`);
  return (
    <>
      <PageHeader title="督办任务" extra={<Button href="/api/supervision/tasks.xlsx">导出督办台账</Button>} />
      {can('supervision.manage') && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="extract">
          <Select aria-label="公文" showSearch placeholder="选择公文" style={{ width: 360 }} value={docNumber} onChange={setDocNumber} optionFilterProp="label" options={(docs.data?.items ?? []).map((d) => ({ value: d.docNumber, label: `${d.docNumber} ${d.title}` }))} />
          <Button type="primary" loading={extracting} disabled={!docNumber} onClick={() => void extract()}>抽取督办任务</Button>
        </Space>
      )}
      <Segmented value={status} onChange={(v) => { setStatus(v as typeof status); setPage(1); }} options={[...(can('supervision.manage') ? [{ value: 'proposed', label: '待确认' }] : []), { value: 'assigned', label: '办理中' }, { value: 'done', label: '已办结' }]} style={{ marginBottom: 12 }} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(t) => ({ onClick: () => setOpen(t.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '状态', dataIndex: 'statusLabel', render: (v: string, t: SupervisionTask) => <Badge status={LIGHT[t.light]} text={v} /> },
          { title: '文号', dataIndex: 'docNumber' },
          { title: '条款', render: (_: unknown, t: SupervisionTask) => t.path.join('') },
          { title: '任务', render: (_: unknown, t: SupervisionTask) => t.heading || t.text.slice(0, 40) },
          { title: '牵头单位', render: (_: unknown, t: SupervisionTask) => t.units.filter((u) => u.role === 'lead').map((u) => u.unitName).join('、') || <Tag color="warning">待核定</Tag> },
          { title: '时限', render: (_: unknown, t: SupervisionTask) => t.nextDue ?? t.recurrence ?? '—' },
        ]}
      />
      {open !== null && <TaskDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />}
    </>
  );
}
