/**
 * The county's two edits of the allocation (交政办发〔2022〕8号): a revision of the tree, made as a new version with its
 * ties shown as they are typed (the server refuses one that breaks a total), and a funding source recorded against a
 * sub-item (省/市/县, 当年/结转, 存量/增量). Shown to whom the server's meta says may make them.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { send } from '../../api';
import { useRun } from '../../platform/data';
import { WhyDisabled } from '../../platform/kit';
import { unitsToWan, wanUnits, type FundMeta, type FundRevision, type FundSourceBody, type FundTree } from './contract';

const KEYS = [['agrifund', 'tree'] as const, ['agrifund', 'sources'] as const];
/** A 万元 figure as typed: at most four decimals (what the server takes), else null. */
const typed = (s: string) => (/^\d{1,9}(\.\d{1,4})?$/.test(s.trim()) ? wanUnits(s.trim()) : null);

/** 修订资金安排: every line's amount editable, the ties checked as typed, a note required; saved as the next version. */
export function RevisionButton({ tree }: { tree: FundTree }) {
  const [open, setOpen] = useState(false);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [total, setTotal] = useState(tree.totalWan);
  const [note, setNote] = useState('');
  const { run, pending } = useRun(KEYS);
  const amount = (code: string, printed: string) => amounts[code] ?? printed;
  const cats = tree.categories.map((c) => ({ ...c, amountWan: amount(c.code, c.amountWan), items: c.items.map((i) => ({ code: i.code, name: i.name, amountWan: amount(i.code, i.amountWan) })) }));
  const bad = cats.flatMap((c) => [c, ...c.items]).filter((l) => typed(l.amountWan) === null).map((l) => l.code);
  const catTies = cats.map((c) => ({ code: c.code, name: c.name, ok: typed(c.amountWan) === c.items.reduce((a, i) => a + (typed(i.amountWan) ?? 0), 0) }));
  const sum = cats.reduce((a, c) => a + (typed(c.amountWan) ?? 0), 0);
  const totalOk = typed(total) === sum;
  const missing = bad.length ? '金额格式有误' : !catTies.every((t) => t.ok) ? '子项合计与类别金额不符' : !totalOk ? '各类别合计与总规模不符' : note.trim().length < 2 ? '请填写调整说明' : null;
  const ready = missing === null;
  const save = async () => {
    const body: FundRevision = { year: tree.year, totalWan: total.trim(), note: note.trim(), tree: cats.map((c) => ({ code: c.code, name: c.name, amountWan: c.amountWan.trim(), items: c.items.map((i) => ({ ...i, amountWan: i.amountWan.trim() })) })) };
    if (await run(() => send('POST', '/api/agrifund/tree', body), '已修订：新版本已保存，原版本保留可查')) setOpen(false);
  };
  const rows = cats.flatMap((c) => [{ key: c.code, code: c.code, name: c.name, amountWan: c.amountWan, level: '类别' }, ...c.items.map((i) => ({ key: i.code, ...i, level: '子项' }))]);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>修订资金安排</Button>
      <Modal open={open} width={Math.min(820, window.innerWidth)} title={`修订 ${tree.year} 年资金安排（将保存为第 ${Math.max(...tree.versions) + 1} 版）`} okText="保存新版本" okButtonProps={{ disabled: !ready, loading: pending }} onOk={() => void save()} onCancel={() => setOpen(false)} footer={(_, { OkBtn, CancelBtn }) => <><CancelBtn /><span style={{ display: 'inline-block', marginInlineStart: 8 }}><WhyDisabled reason={missing}><OkBtn /></WhyDisabled></span></>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>总规模（万元）</span>
            <Input aria-label="总规模（万元）" style={{ width: 160 }} value={total} onChange={(e) => setTotal(e.target.value)} status={typed(total) === null ? 'error' : undefined} />
            <Tag color={totalOk ? 'green' : 'red'}>{totalOk ? '各类别合计与总规模相符' : `各类别合计 ${unitsToWan(sum)} 万元，与总规模不符`}</Tag>
          </Space>
          {catTies.filter((t) => !t.ok).map((t) => <Alert key={t.code} type="error" showIcon title={`${t.code} ${t.name}：子项合计与类别金额不符`} />)}
          {bad.length > 0 && <Alert type="error" showIcon title={`金额格式错误（万元，最多四位小数）：${bad.join('、')}`} />}
          <Table size="small" pagination={false} scroll={{ x: 'max-content', y: 360 }} dataSource={rows} locale={{ emptyText: '本年度资金安排尚无类别和子项' }} columns={[
            { title: '编号', dataIndex: 'code' },
            { title: '层级', dataIndex: 'level' },
            { title: '名称', dataIndex: 'name' },
            { title: '安排资金（万元）', render: (_, r) => <Input aria-label={`${r.code} 安排资金`} size="small" style={{ width: 140 }} value={r.amountWan} status={typed(r.amountWan) === null ? 'error' : undefined} onChange={(e) => setAmounts({ ...amounts, [r.code]: e.target.value })} /> },
          ]} />
          <Input.TextArea aria-label="调整说明" placeholder="调整说明（依据的文件、会议等）" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        </Space>
      </Modal>
    </>
  );
}

/** 录入资金来源: a sub-item's money by where it comes from. */
export function SourceButton({ tree, meta }: { tree: FundTree; meta: FundMeta }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Omit<FundSourceBody, 'year'>>();
  const { run, pending } = useRun(KEYS);
  const save = async () => {
    const v = await form.validateFields();
    if (await run(() => send('POST', '/api/agrifund/sources', { ...v, year: tree.year, amountWan: String(v.amountWan).trim() }), '已录入资金来源')) {
      setOpen(false);
      form.resetFields();
    }
  };
  const opts = (xs: { code: string; name: string }[]) => xs.map((x) => ({ value: x.code, label: x.name }));
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>录入资金来源</Button>
      <Modal open={open} title="录入资金来源" okText="保存" confirmLoading={pending} onOk={() => void save()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} layout="vertical" name="agrifund-source">
          <Form.Item name="code" label="资金安排项" rules={[{ required: true, message: '请选择资金安排项' }]}>
            <Select showSearch optionFilterProp="label" notFoundContent="没有该资金安排子项" options={tree.categories.flatMap((c) => c.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })))} />
          </Form.Item>
          <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择省级、市级或县级' }]}><Select options={opts(meta.levels)} /></Form.Item>
          <Form.Item name="yearKind" label="年度" rules={[{ required: true, message: '请选择当年安排或结转资金' }]}><Select options={opts(meta.years)} /></Form.Item>
          <Form.Item name="stockKind" label="存量/增量" rules={[{ required: true, message: '请选择存量资金或增量资金' }]}><Select options={opts(meta.stocks)} /></Form.Item>
          <Form.Item name="amountWan" label="金额（万元）" rules={[{ required: true, message: '请填写金额' }, { pattern: /^\d{1,9}(\.\d{1,4})?$/, message: '万元，最多四位小数' }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
