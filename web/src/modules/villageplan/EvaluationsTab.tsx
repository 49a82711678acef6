/** Existing plans evaluated on the document's four points (符合要求 / 需补充完善 / 重新编制), each answered with a reason. */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useAuth } from '../../auth';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import type { EvaluateInput, PlanEvaluation } from './contract';
import { KEYS, useMeta, useOwnVillages } from './forms';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Answer = { met?: 'yes' | 'no'; reason?: string };
interface Values {
  villageId: number;
  planName: string;
  planYear: number;
  outcome: EvaluateInput['outcome'];
  answers: Record<string, Answer>;
}

/** What the form sends: each answered point as { met, reason } (an unanswered point is left to the server to name). */
export function evaluateBody(v: Values): EvaluateInput {
  const answers: Record<string, { met: boolean; reason: string }> = {};
  for (const [code, a] of Object.entries(v.answers ?? {})) if (a?.met) answers[code] = { met: a.met === 'yes', reason: a.reason?.trim() ?? '' };
  return { villageId: v.villageId, planName: v.planName, planYear: v.planYear, outcome: v.outcome, answers: answers as EvaluateInput['answers'] };
}

function EvaluateForm() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const meta = useMeta();
  const villages = useOwnVillages(open);
  const { run, pending } = useRun([KEYS.evaluations, KEYS.dashboard]);
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => send('POST', '/api/villageplan/evaluations', evaluateBody(v)), '已记录规划评估')) {
      setOpen(false);
      form.resetFields();
    }
  };
  return (
    <>
      <Button type="primary" data-form="evaluate" onClick={() => setOpen(true)}>
        评估现有规划
      </Button>
      <Modal open={open} title="评估已编制的村庄规划" okText="提交" confirmLoading={pending} onOk={() => void submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} name="villageplan-evaluate" layout="vertical">
          <Form.Item name="villageId" label="村" rules={[{ required: true, message: '请选择村' }]}>
            <Select options={villages} showSearch optionFilterProp="label" notFoundContent="没有本乡（镇）的村可选" />
          </Form.Item>
          <Form.Item name="planName" label="原规划名称" rules={[{ required: true, message: '请填写原规划名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="planYear" label="编制年份" rules={[{ required: true, message: '请填写编制年份' }]}>
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
          {(meta?.evaluationCriteria ?? []).map((c) => (
            <Space key={c.code} orientation="vertical" style={{ width: '100%' }}>
              <Form.Item name={['answers', c.code, 'met']} label={c.label} rules={[{ required: true, message: `请回答：${c.label}` }]} style={{ marginBottom: 4 }}>
                <Radio.Group options={[{ value: 'yes', label: '是' }, { value: 'no', label: '否' }]} />
              </Form.Item>
              <Form.Item name={['answers', c.code, 'reason']} rules={[{ required: true, message: `请填写理由：${c.label}` }]}>
                <Input placeholder="理由" />
              </Form.Item>
            </Space>
          ))}
          <Form.Item name="outcome" label="评估结论" rules={[{ required: true, message: '请选择评估结论' }]}>
            <Radio.Group options={(meta?.evaluationOutcomes ?? []).map((o) => ({ value: o.code, label: o.label }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The evaluations with their answers; a township records new ones. */
export function EvaluationsTab() {
  const { can } = useAuth();
  const { data, loading } = useData<{ items: PlanEvaluation[] }>(KEYS.evaluations, '/api/villageplan/evaluations');
  return (
    <>
      {can('villageplan.township') && <EvaluateForm />}
      <ResponsiveTable<PlanEvaluation>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: can('villageplan.township') ? '尚无规划评估：点「评估现有规划」对已编制的村庄规划逐项评估' : '尚无规划评估：乡（镇）评估已编制的村庄规划后显示在这里' }}
        columns={[
          { title: '乡（镇）', dataIndex: 'township' },
          { title: '村', dataIndex: 'village', cardTitle: true },
          { title: '原规划', render: (_, e) => `${e.planName}（${e.planYear}）` },
          { title: '结论', dataIndex: 'outcomeLabel' },
          { title: '处理', dataIndex: 'effect' },
          { title: '评估内容', render: (_, e) => e.answers.map((a) => `${a.label}：${a.met ? '是' : '否'}（${a.reason}）`).join('；') },
        ]}
      />
    </>
  );
}
