/**
 * 登记地块: the boundary drawn on the map (or pasted as GeoJSON), checked against the plan before it is entered — its
 * computed area, what the use's cap has left, the housing share after it — then the parcel's use, method and users.
 * The server refuses by field what the rules forbid; its message is shown as it is.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import { send } from '../../api';
import { MapView, type PolygonGeometry } from '../../platform/MapView';
import { useRun } from '../../platform/data';
import { WhyDisabled } from '../../platform/kit';
import type { LandCheck, LandMeta, LandParcel, LandParcelBody } from './contract';

type Values = Omit<LandParcelBody, 'boundary'>;
const KEYS = [['land'] as const];

export function ParcelForm({ meta, parcels, onClose }: { meta: LandMeta; parcels: readonly LandParcel[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [boundary, setBoundary] = useState<PolygonGeometry | null>(null);
  const [pasted, setPasted] = useState('');
  const [check, setCheck] = useState<LandCheck | null>(null);
  const { run, pending } = useRun(KEYS);
  const use = Form.useWatch('use', form);
  const housing = Form.useWatch('housingType', form);

  const precheck = async (g: PolygonGeometry, u = use, h = housing) => {
    setBoundary(g);
    if (!u) return setCheck(null);
    await run(async () => {
      const c = await send<LandCheck>('POST', '/api/land/parcels/check?year=2022', { use: u, housingType: h ?? null, boundary: g });
      setCheck(c);
      // The declared area starts from the boundary's; the office may adjust it within the tolerance.
      form.setFieldValue('area', c.area);
    });
  };
  const paste = () => {
    try {
      const g = JSON.parse(pasted) as PolygonGeometry & { geometry?: PolygonGeometry };
      void precheck(g.type === 'Polygon' ? g : (g.geometry as PolygonGeometry));
    } catch {
      setCheck({ area: '0', useLeft: '', totalLeft: '', shareAfter: { basisPoints: null, meets: true }, warnings: ['GeoJSON 格式错误：应为 Polygon'] });
    }
  };
  const save = async () => {
    const v = await form.validateFields();
    if (!boundary) return setCheck({ area: '0', useLeft: '', totalLeft: '', shareAfter: { basisPoints: null, meets: true }, warnings: ['请先在地图上绘制或粘贴地块边界'] });
    const ok = await run(() => send('POST', '/api/land/parcels?year=2022', { ...v, subUse: v.subUse ?? null, housingType: v.housingType ?? null, project: v.project ?? '', priorities: v.priorities ?? [], boundary } satisfies LandParcelBody), '已登记地块，列入供应计划');
    if (ok) onClose();
  };
  const subUses = meta.uses.find((u) => u.code === use)?.subUses ?? [];
  return (
    <Drawer open size={Math.min(760, window.innerWidth)} title="登记地块" onClose={onClose} extra={<Button type="primary" loading={pending} onClick={() => void save()}>登记</Button>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <MapView height={320} layers={parcels.map((p) => ({ id: p.id, geometry: p.boundary, label: p.code, color: '#8c8c8c' }))} draft={boundary} onDraw={(g) => void precheck(g)} />
        <Space.Compact style={{ width: '100%' }}>
          <Input aria-label="边界（GeoJSON）" placeholder='或粘贴 GeoJSON Polygon：{"type":"Polygon","coordinates":[[[经度,纬度],…]]}' value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <WhyDisabled reason={!pasted.trim() && '先在左侧粘贴 GeoJSON 边界'}><Button onClick={paste} disabled={!pasted.trim()}>使用此边界</Button></WhyDisabled>
        </Space.Compact>
        {check && (
          <Alert
            data-testid="parcel-check"
            type={check.warnings.length ? 'warning' : 'success'}
            showIcon
            title={check.warnings.length ? check.warnings.join('；') : `边界计算面积 ${check.area} 公顷；该用途剩余 ${check.useLeft} 公顷，总量剩余 ${check.totalLeft} 公顷`}
            description={check.shareAfter.basisPoints !== null ? `登记后保障性安居工程和中小套型普通商品住房用地占住房用地 ${(check.shareAfter.basisPoints / 100).toFixed(2)}%` : undefined}
          />
        )}
        <Form form={form} layout="vertical" name="land-parcel" initialValues={{ intendingUsers: 1, location: meta.locations[0] }} onValuesChange={(c: Partial<Values>) => boundary && (c.use || c.housingType !== undefined) && void precheck(boundary, c.use ?? use, c.housingType ?? housing)}>
          <Space wrap>
            <Form.Item name="code" label="地块编号" rules={[{ required: true, message: '请填写地块编号' }]}><Input style={{ width: 160 }} /></Form.Item>
            <Form.Item name="name" label="地块名称" rules={[{ required: true, message: '请填写地块名称' }]}><Input style={{ width: 260 }} /></Form.Item>
            <Form.Item name="location" label="所在地" rules={[{ required: true, message: '请选择所在乡镇或开发区' }]}><Select style={{ width: 180 }} options={meta.locations.map((l) => ({ value: l, label: l }))} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="use" label="用途" rules={[{ required: true, message: '请选择用途' }]}><Select style={{ width: 200 }} options={meta.uses.map((u) => ({ value: u.code, label: u.name }))} /></Form.Item>
            <Form.Item name="subUse" label="细分用途"><Select allowClear style={{ width: 160 }} notFoundContent={use ? '该用途没有细分用途' : '先选择用途'} options={subUses.map((u) => ({ value: u.code, label: u.name }))} /></Form.Item>
            {use === 'residential' && <Form.Item name="housingType" label="住房类型" rules={[{ required: true, message: '请选择住房类型' }]}><Select style={{ width: 200 }} options={meta.housingTypes.map((h) => ({ value: h.code, label: h.name }))} /></Form.Item>}
          </Space>
          <Space wrap>
            <Form.Item name="area" label="面积（公顷）" extra={meta.areaTolerance} rules={[{ required: true, message: '请填写面积' }, { pattern: /^\d{1,6}(\.\d{1,4})?$/, message: '公顷，最多四位小数' }]}><Input style={{ width: 160 }} /></Form.Item>
            <Form.Item name="method" label="供应方式" rules={[{ required: true, message: '请选择供应方式' }]}><Select style={{ width: 140 }} options={meta.methods.map((m) => ({ value: m.code, label: m.name }))} /></Form.Item>
            <Form.Item name="intendingUsers" label="意向用地者（个）" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0} max={1000} /></Form.Item>
          </Space>
          <Form.Item name="project" label="项目"><Input /></Form.Item>
          {/* 「优先保证重点建设项目和基础设施项目用地，优先供应存量建设用地」: what the parcel serves, shown on the dashboard. */}
          <Form.Item name="priorities" label="优先保障"><Checkbox.Group options={meta.priorities.map((p) => ({ value: p.code, label: p.name }))} /></Form.Item>
          <Tag>{meta.openSaleRule}</Tag>
        </Form>
      </Space>
    </Drawer>
  );
}
