/** A township opens a plan case (组织编制) for one or several of its villages: the working group and the planning unit with its 资质. */
import { useState } from 'react';
import { Button, Form, Input, Modal, Select } from 'antd';
import { send } from '../../api';
import { useRun } from '../../platform/data';
import type { OpenInput } from './contract';
import { KEYS, useMeta, useOwnVillages } from './forms';

interface Values {
  villageIds: number[];
  members: Record<string, string | undefined>;
  unitName: string;
  unitQualification: string;
  unitGrade: string;
}

/** What the form sends: one member per line of each kind of the working group (the server names a kind that is missing). */
export function openBody(v: Values): OpenInput {
  const members = Object.entries(v.members ?? {}).flatMap(([kind, names]) =>
    (names ?? '').split(/[\n；;、]/).map((n) => n.trim()).filter(Boolean).map((name) => ({ kind: kind as OpenInput['members'][number]['kind'], name })),
  );
  return { villageIds: v.villageIds, members, unitName: v.unitName?.trim() ?? '', unitQualification: v.unitQualification?.trim() ?? '', unitGrade: v.unitGrade?.trim() ?? '' };
}

/** The button and form for 「组织编制」. */
export function OpenCaseForm() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const meta = useMeta();
  const villages = useOwnVillages(open);
  const { run, pending } = useRun([KEYS.cases, KEYS.list, KEYS.dashboard]);
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => send('POST', '/api/villageplan/cases', openBody(v)), '已组织编制')) {
      setOpen(false);
      form.resetFields();
    }
  };
  return (
    <>
      <Button type="primary" data-form="open-case" onClick={() => setOpen(true)}>
        组织编制
      </Button>
      <Modal open={open} title="组织编制村庄规划" okText="提交" confirmLoading={pending} onOk={() => void submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} name="villageplan-open" layout="vertical">
          <Form.Item name="villageIds" label="规划单元（一个或几个行政村）" rules={[{ required: true, message: '请选择规划单元的行政村' }]}>
            <Select mode="multiple" options={villages} optionFilterProp="label" notFoundContent="没有本乡（镇）的村可选" />
          </Form.Item>
          {(meta?.workingGroup ?? []).map((k) => (
            <Form.Item key={k.code} name={['members', k.code]} label={`编制工作组：${k.label}（多人用“、”分隔）`}>
              <Input />
            </Form.Item>
          ))}
          <Form.Item name="unitName" label="规划编制单位" rules={[{ required: true, message: '请填写规划编制单位' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitQualification" label="资质证书编号" rules={[{ required: true, message: '请填写资质证书编号' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitGrade" label="资质等级" rules={[{ required: true, message: '请填写资质等级' }]}>
            <Input placeholder="甲级、乙级或丙级" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
