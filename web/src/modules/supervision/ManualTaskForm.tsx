/**
 * 手工添加任务: the office reads a task off a clause that extraction did not give (the document, its plan and clause,
 * what is to be done, who leads and by when); it is a proposal like any other, confirmed by 确认交办.
 */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { WhyDisabled } from '../../platform/kit';
import type { ManualTaskBody, SupervisionTaskDetail } from './contract';

interface Values {
  part?: string;
  clause: string;
  heading: string;
  text: string;
  lead?: number[];
  support?: number[];
  deadline?: Dayjs | null;
}

export function ManualTaskForm({ docNumber, onAdded }: { docNumber: string | null; onAdded: (id: number) => void }) {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const units = useData<{ items: { id: number; name: string; kind: string }[] }>(['directory', 'units'], open && can('directory.read') ? '/api/directory/units' : null);
  const doc = useData<{ parts: { title: string }[] }>(['gazette', 'document', docNumber ?? ''], open && docNumber ? `/api/gazette/documents/${encodeURIComponent(docNumber)}` : null);
  const { run, pending } = useRun([['supervision']]);
  const noUnits = units.loading ? '正在加载…' : '没有相符的单位';
  const unitOptions = (units.data?.items ?? []).filter((u) => u.kind !== 'village').map((u) => ({ value: u.id, label: u.name }));
  const submit = async () => {
    const v = await form.validateFields();
    let added: SupervisionTaskDetail | null = null;
    const body: ManualTaskBody = { docNumber: docNumber!, part: v.part ?? null, clause: v.clause.trim(), heading: v.heading.trim(), text: v.text.trim(), lead: v.lead ?? [], support: v.support ?? [], deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null, recurrence: null };
    if (!(await run(async () => (added = await send<SupervisionTaskDetail>('POST', '/api/supervision/tasks', body)), '已添加任务（待确认交办）'))) return;
    setOpen(false);
    form.resetFields();
    if (added) onAdded((added as SupervisionTaskDetail).id);
  };
  return (
    <>
      <WhyDisabled reason={!docNumber && '请先选择公文'}>
        <Button disabled={!docNumber} onClick={() => setOpen(true)}>手工添加任务</Button>
      </WhyDisabled>
      <Modal open={open} title={`手工添加任务：${docNumber ?? ''}`} okText="添加" confirmLoading={pending} onOk={() => void submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} layout="vertical" name="manual-task">
          {(doc.data?.parts.length ?? 0) > 0 && (
            <Form.Item name="part" label="所在方案">
              <Select allowClear placeholder="该公文印发的方案" options={doc.data!.parts.map((p) => ({ value: p.title, label: p.title }))} />
            </Form.Item>
          )}
          <Form.Item name="clause" label="所在条款" rules={[{ required: true, whitespace: true, message: '请填写所在条款（如 三、（一）2.）' }]}>
            <Input placeholder="如 三、（一）2." />
          </Form.Item>
          <Form.Item name="heading" label="任务" rules={[{ required: true, whitespace: true, message: '请填写任务' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="text" label="原文条款" rules={[{ required: true, whitespace: true, message: '请填写原文条款' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="lead" label="牵头单位">
            <Select mode="multiple" showSearch optionFilterProp="label" notFoundContent={noUnits} options={unitOptions} />
          </Form.Item>
          <Form.Item name="support" label="配合单位">
            <Select mode="multiple" showSearch optionFilterProp="label" notFoundContent={noUnits} options={unitOptions} />
          </Form.Item>
          <Form.Item name="deadline" label="核定时限">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
