/**
 * 督办任务: the county office extracts a document's tasks, corrects and confirms them (交办); the units that hold a
 * task sign for it, report progress and ask for more time; the office accepts (办结销号) or sends it back. Which of
 * these a user may do on a task comes from the task's own actions (TaskDrawer).
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Badge, Button, Segmented, Select, Space, Tag } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { PageHeader, WhyDisabled } from '../../platform/kit';
import type { SupervisionTask } from './contract';
import { LIGHT, STATE_OPTIONS, type TaskState } from './legend';
import { ManualTaskForm } from './ManualTaskForm';
import { TaskDrawer } from './TaskDrawer';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** What each state's list says while it holds no task: what would bring one there. */
const EMPTY: Record<TaskState, string> = {
  proposed: '没有待确认的任务：选择公文后「抽取督办任务」或「手工添加任务」，在这里核对并确认交办',
  assigned: '没有办理中的任务：县政府办公室交办后列在这里，责任单位在此签收、报送进展',
  done: '还没有办结的任务：县政府办公室办结销号后列在这里',
};

/** The task list, filtered by state; the office also extracts from the registry here. */
export function TasksPage() {
  const { can } = useAuth();
  const office = can('supervision.manage');
  const [status, setStatus] = useState<TaskState>(office ? 'proposed' : 'assigned');
  const [page, setPage] = useState(1);
  // A link from a document page opens its task (?task=id).
  const [params] = useSearchParams();
  const [open, setOpen] = useState<number | null>(params.get('task') ? Number(params.get('task')) : null);
  const [docNumber, setDocNumber] = useState<string | null>(null);
  const list = useData<{ items: SupervisionTask[]; total: number }>(['supervision', 'tasks'], `/api/supervision/tasks?status=${status}&page=${page}&pageSize=50`);
  // The picker searches every document on the server (the exact 文号 first), not a page of the newest.
  const [q, setQ] = useState('');
  const docs = useData<{ items: { docNumber: string; title: string; tasks: number }[] }>(['supervision', 'documents', q], office ? `/api/supervision/documents?q=${encodeURIComponent(q)}` : null);
  const { run, pending } = useRun([['supervision']]);
  // Why a document gave nothing stays on the page beside 手工添加任务, not in a message that fades.
  const [nothing, setNothing] = useState<string | null>(null);
  const extract = () =>
    run(
      async () => {
        const r = await send<{ found: number; added: number; flagged: number; reason: string | null }>('POST', '/api/supervision/extract', { docNumber });
        setNothing(r.found ? null : r.reason);
        return r;
      },
      (r) => `抽取 ${r.found} 项，新增 ${r.added} 项待确认（${r.flagged} 项单位或时限待核定）${r.found && r.reason ? `：${r.reason}` : ''}`,
    );
  return (
    <>
      <PageHeader title="督办任务" extra={<Button href="/api/supervision/tasks.xlsx">导出督办台账</Button>} />
      {office && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="extract">
          <Select aria-label="公文" showSearch placeholder="选择公文（文号或标题）" style={{ width: 'min(420px, calc(100vw - 32px))' }} value={docNumber} onChange={(v: string) => { setDocNumber(v); setNothing(null); }} filterOption={false} onSearch={setQ} notFoundContent={docs.loading ? '正在检索…' : q ? '没有相符的公文：换个文号或标题中的词' : '输入文号或标题中的词查找公文'} options={(docs.data?.items ?? []).map((d) => ({ value: d.docNumber, label: `${d.docNumber} ${d.title}${d.tasks ? `（已有 ${d.tasks} 项任务）` : ''}` }))} />
          <WhyDisabled reason={!docNumber && '请先选择公文'}>
            <Button type="primary" loading={pending} disabled={!docNumber} onClick={() => void extract()}>抽取督办任务</Button>
          </WhyDisabled>
          <ManualTaskForm docNumber={docNumber} onAdded={(id) => { setStatus('proposed'); setOpen(id); }} />
        </Space>
      )}
      {office && nothing && <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={`${docNumber ?? ''} 未抽取到任务`} description={nothing} closable onClose={() => setNothing(null)} data-testid="extract-nothing" />}
      {/* Proposals are the office's work in progress: units see tasks once assigned. */}
      <Segmented value={status} onChange={(v) => { setStatus(v as TaskState); setPage(1); }} options={STATE_OPTIONS.filter((o) => office || o.value !== 'proposed')} style={{ marginBottom: 12 }} />
      <ResponsiveTable
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: EMPTY[status] }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(t) => ({ onClick: () => setOpen(t.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '状态', dataIndex: 'statusLabel', render: (v: string, t: SupervisionTask) => <Badge status={LIGHT[t.light]} text={v} /> },
          { title: '文号', dataIndex: 'docNumber' },
          { title: '条款', render: (_: unknown, t: SupervisionTask) => t.clause },
          { title: '任务', render: (_: unknown, t: SupervisionTask) => t.heading || t.text.slice(0, 40), cardTitle: true },
          { title: '牵头单位', render: (_: unknown, t: SupervisionTask) => t.units.filter((u) => u.part === 'lead').map((u) => u.unitName).join('、') || <Tag color="warning">待核定</Tag> },
          { title: '时限', render: (_: unknown, t: SupervisionTask) => t.nextDue ?? t.recurrence ?? '—' },
        ]}
      />
      {open !== null && <TaskDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
