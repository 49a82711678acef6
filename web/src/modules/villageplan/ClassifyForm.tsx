/** A township classifies one of its villages: the class, the document's criteria as a checklist, the way it is planned, the reason. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { send } from '../../api';
import { useRun } from '../../platform/data';
import type { ClassifyInput } from './contract';
import { KEYS, useMeta, useOwnVillages } from './forms';

interface Values {
  villageId: number;
  cls: ClassifyInput['cls'];
  criteria?: string[];
  flags?: ('resettlementInsideBoundary' | 'adjacentToBoundary')[];
  route: ClassifyInput['route'];
  exception?: string;
  reason: string;
  year?: number | null;
}

/** What the form sends: the checklist as the server's record of booleans, an empty exception as null. */
export function classifyBody(v: Values): ClassifyInput {
  return {
    villageId: v.villageId,
    cls: v.cls,
    criteria: Object.fromEntries((v.criteria ?? []).map((c) => [c, true])),
    resettlementInsideBoundary: (v.flags ?? []).includes('resettlementInsideBoundary'),
    adjacentToBoundary: (v.flags ?? []).includes('adjacentToBoundary'),
    route: v.route,
    exception: v.exception?.trim() ? v.exception.trim() : null,
    reason: v.reason?.trim() ?? '',
    year: v.year ?? null,
  };
}

/** The button and form for 「提出村庄分类」; the server checks the criteria and answers in Chinese when they do not hold. */
export function ClassifyForm() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const meta = useMeta();
  const villages = useOwnVillages(open);
  const { run, pending } = useRun([KEYS.classifications, KEYS.list, KEYS.dashboard]);
  const cls = Form.useWatch('cls', form);
  const route = Form.useWatch('route', form);
  const target = meta?.target;
  const rule = meta?.classes.find((c) => c.code === cls)?.rule;

  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => send('POST', '/api/villageplan/classifications', classifyBody(v)), '已提交村庄分类，待县自然资源局审核')) {
      setOpen(false);
      form.resetFields();
    }
  };
  return (
    <>
      <Button type="primary" data-form="classify" onClick={() => setOpen(true)}>
        提出村庄分类
      </Button>
      <Modal open={open} title="提出村庄分类" okText="提交" confirmLoading={pending} onOk={() => void submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} name="villageplan-classify" layout="vertical" initialValues={{ route: 'own', criteria: [], flags: [] }}>
          <Form.Item name="villageId" label="村" rules={[{ required: true, message: '请选择村' }]}>
            <Select options={villages} showSearch optionFilterProp="label" placeholder="本乡（镇）的行政村" notFoundContent="没有本乡（镇）的村可选" />
          </Form.Item>
          <Form.Item name="cls" label="村庄类型" rules={[{ required: true, message: '请选择村庄类型' }]}>
            <Radio.Group
              options={(meta?.classes ?? []).map((c) => ({ value: c.code, label: c.label }))}
              // A class with a rule (搬迁撤并类, 「原则上不单独编制」): the form proposes the township plan's chapter, the township may still record an exception.
              onChange={(e) => form.setFieldValue('route', meta?.classes.find((c) => c.code === e.target.value)?.rule ? 'chapter' : 'own')}
            />
          </Form.Item>
          {rule && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${rule}，纳入乡镇级国土空间规划专章；确需单独编制的，须填写例外理由。`} />}
          <Form.Item name="criteria" label="符合的条件（综合性村庄规划的编制范围）">
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={(meta?.criteria ?? []).map((c) => ({ value: c.code, label: c.label }))} />
          </Form.Item>
          <Form.Item name="flags" label="城镇开发边界">
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={[
                { value: 'resettlementInsideBoundary', label: '安置点在城镇开发边界内' },
                { value: 'adjacentToBoundary', label: '紧邻城镇开发边界' },
              ]}
            />
          </Form.Item>
          <Form.Item name="route" label="编制方式" rules={[{ required: true, message: '请选择编制方式' }]}>
            <Select notFoundContent="正在读取编制方式" options={(meta?.routes ?? []).map((r) => ({ value: r.code, label: r.label }))} />
          </Form.Item>
          {cls === 'relocation' && route !== 'chapter' && (
            <Form.Item name="exception" label="单独编制的例外理由" rules={[{ required: true, message: '请填写单独编制的例外理由' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
          <Form.Item name="reason" label="分类理由" rules={[{ required: true, message: '请填写分类理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="year" label={`编制时序（年，${target ? `${target.firstYear}–${target.lastYear}` : ''}；专章可不填）`}>
            <InputNumber min={target?.firstYear} max={target?.lastYear} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
