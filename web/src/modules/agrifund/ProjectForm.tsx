import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import type { FundMeta, FundProjectDetail, FundTree } from './contract';
import { PROJECTS } from './ProjectDetail';

interface Values {
  itemCode: string;
  name: string;
  townshipId: number;
  villageId?: number | null;
  implementingUnit: string;
  amountWan: string;
  targets: string;
  milestones: { name: string; dueDate: Dayjs; sharePct: number }[];
}

/** 项目申报: sub-item, township and village, unit, amount in 万元, targets and the planned milestones (shares add to 100%). */
export function ProjectForm({ meta, onClose }: { meta: FundMeta; onClose: (id?: number) => void }) {
  const [form] = Form.useForm<Values>();
  const tree = useData<FundTree>(['agrifund', 'tree', null], '/api/agrifund/tree');
  const { run, pending } = useRun([PROJECTS, ['agrifund', 'tree'], ['agrifund', 'kpis']]);
  const town = Form.useWatch('townshipId', form);
  const submit = async (v: Values) => {
    let id: number | undefined;
    const ok = await run(async () => {
      const r = await send<FundProjectDetail>('POST', '/api/agrifund/projects', {
        ...v, villageId: v.villageId ?? null,
        milestones: v.milestones.map((m) => ({ name: m.name, dueDate: m.dueDate.format('YYYY-MM-DD'), shareBp: Math.round(m.sharePct * 100) })),
      });
      id = r.id;
    }, '已申报');
    if (ok) onClose(id);
  };
  return (
    <Modal open title="项目申报" onCancel={() => onClose()} footer={null} width={Math.min(640, window.innerWidth)}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ townshipId: meta.townships.length === 1 ? meta.townships[0].id : undefined, milestones: [{ name: '开工', sharePct: 40 }, { name: '完工', sharePct: 60 }] }}>
        <Form.Item name="itemCode" label="资金安排子项" rules={[{ required: true, message: '请选择资金安排子项' }]}>
          <Select notFoundContent={tree.loading ? '正在读取资金安排' : '资金安排尚无子项：县里录入资金安排后可选'} options={(tree.data?.categories ?? []).flatMap((c) => c.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}（${i.amountWan} 万元）` })))} />
        </Form.Item>
        <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}><Input /></Form.Item>
        <Form.Item name="townshipId" label="乡（镇）" rules={[{ required: true, message: '请选择乡镇' }]}>
          <Select options={meta.townships.map((t) => ({ value: t.id, label: t.name }))} />
        </Form.Item>
        <Form.Item name="villageId" label="村（可不选）">
          <Select allowClear notFoundContent={town ? '该乡镇没有可选的村' : '先选择乡（镇）'} options={meta.villages.filter((v) => v.townshipId === town).map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.Item name="implementingUnit" label="实施单位" rules={[{ required: true, message: '请填写实施单位' }]}><Input /></Form.Item>
        <Form.Item name="amountWan" label="项目金额（万元，最多四位小数）" rules={[{ required: true, message: '请填写项目金额' }]}><Input inputMode="decimal" /></Form.Item>
        <Form.Item name="targets" label="绩效目标" rules={[{ required: true, message: '请填写绩效目标' }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '节点名称' }]}><Input placeholder="节点名称" style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '计划日期' }]}><DatePicker placeholder="计划日期" /></Form.Item>
                  <Form.Item>
                    <Space.Compact>
                      <Form.Item noStyle name={[f.name, 'sharePct']} rules={[{ required: true, message: '比例' }]}><InputNumber aria-label="拨付比例" min={0.01} max={100} step={0.01} style={{ width: 90 }} /></Form.Item>
                      <Space.Addon>%</Space.Addon>
                    </Space.Compact>
                  </Form.Item>
                  <Button size="small" onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button size="small" onClick={() => add({ name: '', sharePct: 0 })}>添加进度节点</Button>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={pending} style={{ marginTop: 12, display: 'block' }}>提交申报</Button>
      </Form>
    </Modal>
  );
}

/** 「两个一律」: the county publishes one township's allocation result or project arrangement as a public notice. */
export function DiscloseButton({ meta }: { meta: FundMeta }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ townshipId: number; kind: string }>();
  const { run, pending } = useRun([]);
  return (
    <>
      <Button onClick={() => setOpen(true)}>公告公示</Button>
      <Modal open={open} title="“两个一律”公告公示" onCancel={() => setOpen(false)} footer={null}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'allocation' }} onFinish={(v) => void run(() => send('POST', '/api/agrifund/disclosures', v), '已发布公示').then((ok) => ok && setOpen(false))}>
          <Form.Item name="townshipId" label="乡（镇）" rules={[{ required: true, message: '请选择乡镇' }]}><Select options={meta.townships.map((t) => ({ value: t.id, label: t.name }))} /></Form.Item>
          <Form.Item name="kind" label="公开类别"><Select options={meta.disclosures.map((d) => ({ value: d.code, label: d.name }))} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>发布</Button>
        </Form>
      </Modal>
    </>
  );
}
