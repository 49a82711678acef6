/** 录入年度计划: a later year's plan from its own document (文号, the total and each use's cap in 公顷). */
import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { send } from '../../api';
import { useRun } from '../../platform/data';
import type { LandMeta } from './contract';

type Values = { year: string; source: string; total: string; caps: Record<string, string> };
const HECTARES = { pattern: /^\d{1,6}(\.\d{1,4})?$/, message: '公顷，最多四位小数' };

export function PlanButton({ meta }: { meta: LandMeta }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { run, pending } = useRun([['land']]);
  const save = async () => {
    const v = await form.validateFields();
    if (await run(() => send('POST', '/api/land/plans', { ...v, year: Number(v.year) }), `已录入 ${v.year} 年度供应计划`)) setOpen(false);
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>录入其他年度计划</Button>
      <Modal open={open} title="录入年度国有建设用地供应计划（依该年度文件）" okText="保存" confirmLoading={pending} onOk={() => void save()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} layout="vertical" name="land-plan">
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }, { pattern: /^20\d{2}$/, message: '如 2023' }]}><Input /></Form.Item>
          <Form.Item name="source" label="依据文件文号" rules={[{ required: true, message: '请填写计划依据的文件文号' }]}><Input placeholder="如 交政发〔2023〕×号" /></Form.Item>
          <Form.Item name="total" label="供应总量（公顷）" rules={[{ required: true, message: '请填写供应总量' }, HECTARES]}><Input /></Form.Item>
          {meta.uses.map((u) => (
            <Form.Item key={u.code} name={['caps', u.code]} label={`${u.name}（公顷）`} rules={[{ required: true, message: `请填写${u.name}指标` }, HECTARES]}><Input /></Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
