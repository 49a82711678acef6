/** 摸底与档案: a village's households (a household its own), each one's file when opened, and the survey form. */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { CURRENT_TYPES, WHOLE_VILLAGE_PERCENT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import { HOUSEHOLD_STATES } from '../../../../server/src/modules/toilets/toilets.states.js';
import type { Unit } from '../directory/contract';
import type { ToiletHousehold, ToiletSurveyRequest, ToiletsTotals } from './contract';
import { HouseholdPanel, TOILETS } from './HouseholdPanel';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Coverage = ToiletsTotals['villages'][number];
export const pct = (permille: number) => `${(permille / 10).toFixed(1)}%`;
const STATUS_COLORS: Record<keyof typeof HOUSEHOLD_STATES, string> = { surveyed: 'default', selected: 'blue', agreed: 'cyan', started: 'gold', completed: 'purple', accepted: 'green', withdrawn: 'red' };

export function SurveyTab({ units }: { units: Unit[] }) {
  const { user, can } = useAuth();
  // Where the user sits decides what the register shows: a village committee its village, a township its villages.
  const mine = units.find((u) => u.id === user?.unitId);
  const ownVillage = mine?.kind === 'village' ? mine.id : undefined;
  const registers = can('toilets.survey');
  const [picked, setPicked] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const villageId = ownVillage ?? picked;
  // A county holds 100,000 households: the county reads the register a village at a time; a township (its few
  // thousand) sees all its villages at once, filterable by village; a household sees its own.
  const wholeScope = !registers || mine?.kind === 'township';
  const query = new URLSearchParams({ ...(villageId ? { villageId: String(villageId) } : {}), ...(status ? { status } : {}) }).toString();
  const list = useData<{ items: ToiletHousehold[] }>([...TOILETS, 'households', 'list'], villageId || wholeScope ? `/api/toilets/households${query ? `?${query}` : ''}` : null);
  const coverage = useData<{ items: Coverage[] }>([...TOILETS, 'coverage'], registers ? '/api/toilets/coverage' : null);
  const [form] = Form.useForm();
  const { run, pending } = useRun([TOILETS]);
  const survey = async (v: ToiletSurveyRequest) => {
    if (await run(() => send('POST', '/api/toilets/households', { ...v, villageId: villageId ?? v.villageId, username: v.username || null }), '已登记')) form.resetFields();
  };
  const villages = units.filter((u) => u.kind === 'village' && (mine?.kind !== 'township' || u.parentId === mine.id));
  const here = coverage.data?.items.find((c) => c.villageId === villageId);
  const emptyText = () => {
    if (!villageId && !wholeScope) return '请先选择村：全县按村查看改厕档案（各乡镇的进度见「看板」）';
    if (status) return `没有「${HOUSEHOLD_STATES[status as keyof typeof HOUSEHOLD_STATES]?.label ?? status}」的户，可清除状态筛选`;
    if (villageId) return '该村还没有摸底登记的户：在下方「摸底登记」逐户登记';
    if (registers) return '本乡镇各村还没有摸底登记的户：村委会登记后列在这里，也可在下方「摸底登记」登记';
    return can('toilets.sign') ? '没有关联到您账号的改厕档案：村委会摸底登记时关联您的账号后，在这里查看' : '还没有摸底登记的户';
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {registers && !ownVillage && <Select aria-label="村" showSearch optionFilterProp="label" placeholder="选择村，查看其改厕档案" notFoundContent="没有相符的村" style={{ width: 260 }} value={picked} onChange={setPicked} options={villages.map((v) => ({ value: v.id, label: v.name }))} />}
        <Select aria-label="状态" allowClear placeholder="全部状态" style={{ width: 160 }} value={status} onChange={setStatus} options={Object.entries(HOUSEHOLD_STATES).map(([value, s]) => ({ value, label: s.label }))} />
      </Space>
      {here && (
        <Alert type={here.reached ? 'success' : here.canReach ? 'info' : 'warning'} showIcon title={`卫生厕所普及率 ${pct(here.ratePermille)}（摸底 ${here.households} 户，已达标 ${here.sanitary} 户，改厕验收 ${here.accepted} 户）；按农户意愿可达 ${pct(here.reachablePermille)}${here.canReach ? `，可整村推进（≥ ${WHOLE_VILLAGE_PERCENT}%）` : ''}`} />
      )}
      <ResponsiveTable
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        locale={{ emptyText: emptyText() }}
        expandable={{ expandedRowRender: (h: ToiletHousehold) => <HouseholdPanel id={h.id} /> }}
        columns={[
          { title: '户主', dataIndex: 'headName' },
          { title: '村', dataIndex: 'villageId', render: (id: number) => units.find((u) => u.id === id)?.name ?? id, responsive: ['md'] },
          { title: '现有厕所', dataIndex: 'currentTypeName', responsive: ['sm'] },
          { title: '意愿', render: (_: unknown, h: ToiletHousehold) => (h.sanitary ? '已达标' : h.wish ? '愿改' : '不愿改') },
          { title: '状态', dataIndex: 'statusLabel', render: (v: string, h: ToiletHousehold) => <Tag color={STATUS_COLORS[h.status]}>{v}</Tag> },
          { title: '模式', dataIndex: 'modeName', render: (v: string | null) => v ?? '—', responsive: ['md'] },
          { title: '待办', render: (_: unknown, h: ToiletHousehold) => h.actions.filter((a) => a.allowed).map((a) => a.label).join('、') || '—', responsive: ['lg'] },
        ]}
      />
      {registers && (
        <Card size="small" title="摸底登记">
          <Form form={form} layout="vertical" onFinish={(v) => void survey(v as ToiletSurveyRequest)} initialValues={{ currentType: 'old', wish: true, sanitary: false, members: 4, pits: 1 }} style={{ maxWidth: 560 }}>
            {!villageId && <Form.Item name="villageId" label="所在村" rules={[{ required: true, message: '请选择村' }]}><Select showSearch optionFilterProp="label" options={villages.map((v) => ({ value: v.id, label: v.name }))} /></Form.Item>}
            <Form.Item name="headName" label="户主姓名" rules={[{ required: true, message: '请填写户主姓名' }]}><Input /></Form.Item>
            <Form.Item name="idNo" label="身份证号" rules={[{ required: true, len: 18, message: '18 位' }]}><Input /></Form.Item>
            <Form.Item name="phone" label="联系电话" rules={[{ required: true, pattern: /^1\d{10}$/, message: '11 位手机号' }]}><Input inputMode="tel" /></Form.Item>
            <Form.Item name="address" label="住址" rules={[{ required: true, message: '请填写住址' }]}><Input /></Form.Item>
            <Form.Item name="members" label="家庭人口"><InputNumber min={0} max={50} /></Form.Item>
            <Form.Item name="currentType" label="现有厕所类型"><Select options={CURRENT_TYPES.map((t) => ({ value: t.code, label: t.name }))} /></Form.Item>
            <Form.Item name="pits" label="坑位数（集体厕所、公厕）"><InputNumber min={1} max={200} /></Form.Item>
            <Form.Item name="sanitary" valuePropName="checked"><Checkbox>已达卫生厕所标准</Checkbox></Form.Item>
            <Form.Item name="wish" valuePropName="checked"><Checkbox>农户愿意改厕</Checkbox></Form.Item>
            <Form.Item name="wishNote" label="意愿说明"><Input /></Form.Item>
            <Form.Item name="username" label="农户账号（可选，用于手机验收签字）"><Input /></Form.Item>
            <Button type="primary" htmlType="submit" loading={pending}>登记</Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>登记后展开该户，上传改造前厕所照片（存档备案，作为改厕依据）。</Typography.Paragraph>
          </Form>
        </Card>
      )}
    </Space>
  );
}
