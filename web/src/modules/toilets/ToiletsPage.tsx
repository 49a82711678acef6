/**
 * 农村改厕 (交政办发〔2022〕10号): villages survey; townships choose households within their quota, put the list on notice,
 * sign agreements, record works and acceptance; the 县农业农村局 checks and pays; everyone reports on the schedule.
 * The server decides who may do what; each tab shows what the role works on. Works on a phone for village staff.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Progress, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { csrfToken, send } from '../../api';
import { useAuth } from '../../auth';
import { formatMoney, PageHeader, useAction, useApi } from '../../platform/kit';
import { Attachments } from '../../platform/Attachments';
import { ExportButton } from '../../platform/ExportButton';
import { BarsChart } from '../../platform/EChart';
import { CHECKS, CONCRETE_GRADES, CURRENT_TYPES, MODES, MODES_FOR, NOTICE_DAYS, OLD_PARTS, PARTIES, PAYMENT_PERCENTS_TEXT, REPORT_SCHEDULE_TEXT, ROOFS, SPOT_CHECK_PERCENT, WHOLE_VILLAGE_PERCENT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { ToiletBatch, ToiletCompleteRequest, ToiletHousehold, ToiletHouseholdDetail, ToiletImportJob, ToiletPayments, ToiletScheduleItem, ToiletSpotDraw, ToiletStartRequest, ToiletSurveyRequest, ToiletsTotals } from './contract';
import type { Unit } from '../directory/contract';

type Coverage = ToiletsTotals['villages'][number];
type Quota = { township: string; townshipId: number | null; hint: string | null; buckets: { bucket: string; label: string; cap: number; used: number }[] };
type BatchRow = { id: number; village: string; noticeId: number; noticeEnd: string; households: number; ended: boolean };
type Tender = { id: number; item: string; winner: string; priceFen: number; documentNo: string };
const pct = (permille: number) => `${(permille / 10).toFixed(1)}%`;
const STATUS_COLORS: Record<string, string> = { surveyed: 'default', selected: 'blue', agreed: 'cyan', started: 'gold', completed: 'purple', accepted: 'green', withdrawn: 'red' };
const PHOTOS: [string, string][] = [['before', '改造前'], ['during', '施工中'], ['after', '施工后']];

/** One household's file: its photos and papers, and the next step for whoever may take it. */
function HouseholdPanel({ id, onChange }: { id: number; onChange: () => void }) {
  const { user } = useAuth();
  const d = useApi<ToiletHouseholdDetail>(`/api/toilets/households/${id}`);
  const tenders = useApi<{ items: Tender[] }>(user?.role === 'township_official' ? '/api/toilets/tenders' : null);
  const [mode, setMode] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [agreementNo, setAgreementNo] = useState('');
  const [signer, setSigner] = useState('');
  const [startForm] = Form.useForm();
  const [doneForm] = Form.useForm();
  const after = () => {
    d.reload();
    onChange();
  };
  const [act] = useAction(async (path: string, body: unknown) => {
    await send('POST', `/api/toilets/households/${id}/${path}`, body);
    after();
  }, '已办理');
  const h = d.data;
  if (!h) return null;
  const township = user?.role === 'township_official';
  const village = user?.role === 'village_committee';
  const checks = CHECKS.filter((c) => (c.modes as readonly string[]).includes(h.mode ?? ''));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered items={[
        { key: 'a', label: '户主', children: `${h.headName}（${h.idNo}）` },
        { key: 'b', label: '联系电话', children: h.phone },
        { key: 'c', label: '现有厕所', children: `${h.currentTypeName}${h.pits > 1 ? ` ${h.pits} 坑位` : ''}` },
        { key: 'd', label: '改厕模式', children: h.modeName ?? '—' },
        { key: 'e', label: '补助', children: h.subsidyFen !== null ? `${formatMoney(h.subsidyFen)} 元（验收核定）` : h.plannedFen !== null ? `${formatMoney(h.plannedFen)} 元（计划）` : '—' },
        { key: 'f', label: '省 : 县', children: h.split ? `${formatMoney(h.split.provinceFen)} : ${formatMoney(h.split.countyFen)}` : '—' },
        { key: 'g', label: '协议', children: h.agreementNo ?? '—' },
        { key: 'h', label: '施工 / 监理', children: h.builderName ? `${h.builderName}${h.supervisorName ? ` / ${h.supervisorName}` : ''}` : '—' },
        { key: 'i', label: '厕所编号', children: h.toiletNo ?? '—' },
      ]} />
      {h.checks && (
        <Table size="small" rowKey="code" pagination={false} dataSource={h.checks} columns={[
          { title: '技术指标（附件：改厕模式及标准）', dataIndex: 'text' },
          { title: '实测', dataIndex: 'value', render: (v: string | null) => v ?? '—' },
          { title: '结果', dataIndex: 'passed', render: (v: boolean, c: { part: string }) => <Tag color={v ? 'green' : 'red'}>{v ? '达标' : c.part === 'superstructure' ? `厕屋不达标（不补 ${OLD_PARTS.superstructureFen / 100} 元）` : '不达标'}</Tag> },
        ]} />
      )}
      <Space wrap align="start">
        {PHOTOS.map(([phase, label]) => (
          <Card key={phase} size="small" title={`${label}照片`} style={{ minWidth: 220 }}>
            <Attachments entity="toilet_photo" entityId={`${id}.${phase}`} accept=".jpg,.jpeg,.png" label="上传照片（JPEG/PNG，5 MB 内）" canAttach={phase === 'before' ? (township || village) && h.status === 'surveyed' : township && h.status === 'started'} />
          </Card>
        ))}
        <Card size="small" title="《农村改厕协议》" style={{ minWidth: 220 }}>
          <Attachments entity="toilet_paper" entityId={`${id}.agreement`} label="上传签字扫描件" canAttach={(township || village) && h.status === 'selected'} />
        </Card>
        <Card size="small" title="五方签字验收单" style={{ minWidth: 220 }}>
          <Attachments entity="toilet_paper" entityId={`${id}.acceptance`} label="上传验收单扫描件" canAttach={(township || village) && (h.status === 'completed' || h.status === 'accepted')} />
        </Card>
      </Space>
      {township && h.status === 'surveyed' && h.wish && !h.sanitary && (
        <Space wrap>
          <Select aria-label="改厕模式" placeholder="改厕模式" style={{ width: 260 }} value={mode} onChange={setMode} options={MODES.filter((m) => (MODES_FOR[h.currentType as keyof typeof MODES_FOR] ?? []).includes(m.code)).map((m) => ({ value: m.code, label: `${m.name}（${m.standardFen / 100} 元/${m.unit}）` }))} />
          <Input aria-label="非整村推进理由" placeholder="非整村推进村的，写明理由" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 240 }} />
          <Button type="primary" disabled={!mode} onClick={() => void act('select', { mode, priorityNote: reason || null })}>确定为改厕户</Button>
        </Space>
      )}
      {township && (h.status === 'selected' || h.status === 'agreed') && (
        <Space wrap><Input aria-label="退出原因" placeholder="农户退出原因" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 220 }} /><Button danger disabled={reason.trim().length < 2} onClick={() => void act('withdraw', { reason })}>退出（指标退回）</Button></Space>
      )}
      {(township || village) && h.status === 'selected' && (
        <Space wrap><Input aria-label="协议编号" placeholder="协议编号" value={agreementNo} onChange={(e) => setAgreementNo(e.target.value)} style={{ width: 180 }} /><Button type="primary" disabled={agreementNo.trim().length < 2} onClick={() => void act('agreement', { agreementNo })}>签订协议</Button></Space>
      )}
      {township && h.status === 'agreed' && (
        <Card size="small" title="开工登记">
          <Form form={startForm} layout="vertical" initialValues={{ builderKind: 'team' }} onFinish={(v: ToiletStartRequest) => void act('start', v)} style={{ maxWidth: 520 }}>
            <Form.Item name="builderKind" label="施工主体"><Select options={[{ value: 'team', label: '统一组织施工队' }, { value: 'self', label: '农户自行实施' }]} /></Form.Item>
            <Form.Item name="builderName" label="施工队"><Input /></Form.Item>
            <Form.Item name="supervisorName" label="工程监理（大三格、水冲必填）"><Input /></Form.Item>
            {h.mode === 'old' && <Form.Item name="tenderId" label="材料中标记录（价格以中标价为准）"><Select options={(tenders.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.item}：${formatMoney(t.priceFen)} 元（${t.winner}）` }))} /></Form.Item>}
            <Form.Item name="startedOn" label="开工日期（YYYY-MM-DD）" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '如 2022-06-09' }]}><Input /></Form.Item>
            <Button type="primary" htmlType="submit">登记开工</Button>
          </Form>
        </Card>
      )}
      {township && h.status === 'started' && (
        <Card size="small" title="完工登记（技术指标实测）">
          <Form form={doneForm} layout="vertical" onFinish={(v: Record<string, string>) => {
            const values = Object.fromEntries(checks.map((c) => [c.code, v[c.code]]).filter(([, x]) => x));
            void act('complete', { toiletNo: v.toiletNo, completedOn: v.completedOn, values, concrete: v.concrete ?? null, roof: v.roof ?? null } as ToiletCompleteRequest);
          }} style={{ maxWidth: 520 }}>
            <Form.Item name="toiletNo" label="厕所编号" rules={[{ required: true, message: '请填写厕所编号' }]}><Input /></Form.Item>
            <Form.Item name="completedOn" label="完工日期（YYYY-MM-DD）" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '如 2022-06-20' }]}><Input /></Form.Item>
            {checks.map((c) => (
              <Form.Item key={c.code} name={c.code} label={`${c.text}（${c.unit}）`}><Input inputMode="decimal" /></Form.Item>
            ))}
            {checks.some((c) => c.code === 'foundation') && <Form.Item name="concrete" label="混凝土强度等级"><Select options={CONCRETE_GRADES.map((g) => ({ value: g, label: g }))} /></Form.Item>}
            {h.mode === 'old' && <Form.Item name="roof" label="屋顶"><Select options={ROOFS.map((g) => ({ value: g, label: g }))} /></Form.Item>}
            <Button type="primary" htmlType="submit">登记完工</Button>
          </Form>
        </Card>
      )}
      {h.status === 'completed' || h.status === 'accepted' ? (
        <Card size="small" title="五方签字验收">
          <Table size="small" rowKey="party" pagination={false} dataSource={h.signatures} columns={[
            { title: '签字方', dataIndex: 'name' },
            { title: '签字人', dataIndex: 'signer', render: (v: string | null) => v ?? '—' },
            { title: '方式', dataIndex: 'via', render: (v: string | null) => (v === 'app' ? '本人确认' : v === 'paper' ? '据纸质验收单录入' : '—') },
            { title: '时间', dataIndex: 'at', render: (v: string | null) => v?.slice(0, 16).replace('T', ' ') ?? '—' },
            {
              title: '',
              render: (_: unknown, s: { party: string; signer: string | null }) =>
                s.signer || h.status !== 'completed' ? null : (township && ['builder', 'supervisor', 'township'].includes(s.party)) || (village && ['farmer', 'village'].includes(s.party)) ? (
                  <Button size="small" onClick={() => void act('sign', { party: s.party, signerName: signer || null })}>{PARTIES.find((p) => p.code === s.party)!.name}签字</Button>
                ) : null,
            },
          ]} />
          {township && h.status === 'completed' && <Input aria-label="签字人姓名" placeholder="施工队、监理签字人姓名（据纸质验收单）" value={signer} onChange={(e) => setSigner(e.target.value)} style={{ marginTop: 8, maxWidth: 320 }} />}
        </Card>
      ) : null}
    </Space>
  );
}

function Survey({ units }: { units: Unit[] }) {
  const { user } = useAuth();
  const [villageId, setVillageId] = useState<number | undefined>(user?.role === 'village_committee' ? (user.unitId ?? undefined) : undefined);
  // A county holds 100,000 households: the register is read a village at a time (a household sees its own).
  const list = useApi<{ items: ToiletHousehold[] }>(villageId || user?.role === 'resident' ? `/api/toilets/households${villageId ? `?villageId=${villageId}` : ''}` : null);
  const coverage = useApi<{ items: Coverage[] }>('/api/toilets/coverage');
  const [form] = Form.useForm();
  const [survey, surveying] = useAction(async (v: ToiletSurveyRequest) => {
    await send('POST', '/api/toilets/households', { ...v, villageId: villageId ?? v.villageId, username: v.username || null });
    list.reload();
    coverage.reload();
    form.resetFields();
  }, '已登记');
  const villages = units.filter((u) => u.kind === 'village' && (user?.role !== 'township_official' || u.parentId === user.unitId));
  const mine = coverage.data?.items.find((c) => c.villageId === villageId);
  const canSurvey = user?.role === 'village_committee' || user?.role === 'township_official' || user?.role === 'county_admin';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {user?.role !== 'village_committee' && user?.role !== 'resident' && <Select aria-label="村" showSearch optionFilterProp="label" placeholder="选择村，查看其改厕档案" style={{ width: 260 }} value={villageId} onChange={setVillageId} options={villages.map((v) => ({ value: v.id, label: v.name }))} />}
      {mine && (
        <Alert type={mine.reached ? 'success' : mine.canReach ? 'info' : 'warning'} showIcon message={`卫生厕所普及率 ${pct(mine.ratePermille)}（摸底 ${mine.households} 户，已达标 ${mine.sanitary} 户，改厕验收 ${mine.accepted} 户）；按农户意愿可达 ${pct(mine.reachablePermille)}${mine.canReach ? `，可整村推进（≥ ${WHOLE_VILLAGE_PERCENT}%）` : ''}`} />
      )}
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={list.data?.items ?? []}
        expandable={{ expandedRowRender: (h: ToiletHousehold) => <HouseholdPanel id={h.id} onChange={() => { list.reload(); coverage.reload(); }} /> }}
        columns={[
          { title: '户主', dataIndex: 'headName' },
          { title: '村', dataIndex: 'villageId', render: (id: number) => units.find((u) => u.id === id)?.name ?? id, responsive: ['md'] },
          { title: '现有厕所', dataIndex: 'currentTypeName', responsive: ['sm'] },
          { title: '意愿', render: (_: unknown, h: ToiletHousehold) => (h.sanitary ? '已达标' : h.wish ? '愿改' : '不愿改') },
          { title: '状态', dataIndex: 'statusLabel', render: (v: string, h: ToiletHousehold) => <Tag color={STATUS_COLORS[h.status]}>{v}</Tag> },
          { title: '模式', dataIndex: 'modeName', render: (v: string | null) => v ?? '—', responsive: ['md'] },
        ]}
      />
      {canSurvey && (
        <Card size="small" title="摸底登记">
          <Form form={form} layout="vertical" onFinish={(v) => void survey(v as ToiletSurveyRequest)} initialValues={{ currentType: 'old', wish: true, sanitary: false, members: 4, pits: 1 }} style={{ maxWidth: 560 }}>
            {user?.role !== 'village_committee' && !villageId && <Form.Item name="villageId" label="所在村" rules={[{ required: true, message: '请选择村' }]}><Select showSearch optionFilterProp="label" options={villages.map((v) => ({ value: v.id, label: v.name }))} /></Form.Item>}
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
            <Button type="primary" htmlType="submit" loading={surveying}>登记</Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>登记后展开该户，上传改造前厕所照片（存档备案，作为改厕依据）。</Typography.Paragraph>
          </Form>
        </Card>
      )}
    </Space>
  );
}

function Selection() {
  const { user } = useAuth();
  const coverage = useApi<{ items: Coverage[] }>('/api/toilets/coverage');
  const quotas = useApi<{ items: Quota[] }>('/api/toilets/quotas');
  const batches = useApi<{ items: BatchRow[] }>('/api/toilets/batches');
  const tenders = useApi<{ items: Tender[] }>('/api/toilets/tenders');
  const [batchId, setBatchId] = useState<number | null>(null);
  const batch = useApi<ToiletBatch>(batchId ? `/api/toilets/batches/${batchId}` : null);
  const [resolution, setResolution] = useState('');
  const [tenderForm] = Form.useForm();
  const township = user?.role === 'township_official';
  const [publish] = useAction(async (villageId: number) => {
    const b = await send<ToiletBatch>('POST', `/api/toilets/villages/${villageId}/notice`);
    batches.reload();
    return b;
  }, (b) => `已公示，公示期至 ${b.noticeEnd}`);
  const [resolve] = useAction(async (objectionId: number) => {
    await send('POST', `/api/toilets/batches/${batchId}/objections/${objectionId}/resolve`, { resolution });
    batch.reload();
  }, '已记录处理结果');
  const [tender] = useAction(async (v: { item: string; winner: string; price: number; documentNo: string }) => {
    await send('POST', '/api/toilets/tenders', { item: v.item, winner: v.winner, priceFen: Math.round(v.price * 100), documentNo: v.documentNo });
    tenders.reload();
    tenderForm.resetFields();
  }, '中标结果已登记');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(quotas.data?.items ?? []).map((q) => (
        <Card key={q.township} size="small" title={`${q.township}指标${q.hint ? `（${q.hint}）` : ''}`}>
          <Space wrap size="large">
            {q.buckets.map((b) => (
              <div key={b.bucket} style={{ width: 160 }}>
                <Typography.Text>{b.label}：{b.used} / {b.cap} 座</Typography.Text>
                <Progress percent={Math.round((b.used * 100) / Math.max(1, b.cap))} size="small" status={b.used >= b.cap ? 'exception' : 'normal'} />
              </div>
            ))}
          </Space>
        </Card>
      ))}
      <Typography.Text strong>各村整村推进（乡镇优先安排改造整村推进率能达到 {WHOLE_VILLAGE_PERCENT}% 以上的村庄）</Typography.Text>
      <Table size="small" rowKey="villageId" scroll={{ x: true }} dataSource={coverage.data?.items ?? []} columns={[
        { title: '村', dataIndex: 'village' },
        { title: '摸底户数', dataIndex: 'households' },
        { title: '已达标', dataIndex: 'sanitary' },
        { title: '愿改', dataIndex: 'wishing' },
        { title: '已确定', dataIndex: 'chosen' },
        { title: '可达普及率', render: (_: unknown, v: Coverage) => <Tag color={v.canReach ? 'green' : 'default'}>{pct(v.reachablePermille)}{v.canReach ? ' 可整村推进' : ''}</Tag> },
        { title: '', render: (_: unknown, v: Coverage) => (township ? <Button size="small" onClick={() => void publish(v.villageId)}>公示本村改厕户名单</Button> : null) },
      ]} />
      <Typography.Text strong>公示（村务公开栏，不少于 {NOTICE_DAYS} 天）</Typography.Text>
      <Table size="small" rowKey="id" scroll={{ x: true }} dataSource={batches.data?.items ?? []} onRow={(b: BatchRow) => ({ onClick: () => setBatchId(b.id) })} columns={[
        { title: '村', dataIndex: 'village' },
        { title: '户数', dataIndex: 'households' },
        { title: '公示期至', dataIndex: 'noticeEnd' },
        { title: '状态', dataIndex: 'ended', render: (v: boolean) => <Tag color={v ? 'green' : 'blue'}>{v ? '已期满' : '公示中'}</Tag> },
        { title: '', render: (_: unknown, b: BatchRow) => <a href={`/notices/${b.noticeId}`}>查看公示</a> },
      ]} />
      {batch.data && (
        <Card size="small" title="异议及处理">
          {batch.data.objections.length === 0 ? <Typography.Text type="secondary">未收到异议</Typography.Text> : (
            <Table size="small" rowKey="id" pagination={false} dataSource={batch.data.objections} columns={[
              { title: '异议人', dataIndex: 'name' },
              { title: '内容', dataIndex: 'text' },
              { title: '处理结果', dataIndex: 'resolution', render: (v: string | null, o: { id: number }) => v ?? (township ? <Space><Input size="small" aria-label="处理结果" value={resolution} onChange={(e) => setResolution(e.target.value)} /><Button size="small" disabled={resolution.trim().length < 2} onClick={() => void resolve(o.id)}>记录</Button></Space> : '待处理') },
            ]} />
          )}
        </Card>
      )}
      <Card size="small" title="材料集中招标（价格以中标价为准）">
        <Table size="small" rowKey="id" pagination={false} dataSource={tenders.data?.items ?? []} columns={[
          { title: '材料', dataIndex: 'item' },
          { title: '中标单位', dataIndex: 'winner' },
          { title: '中标价（元/厕）', dataIndex: 'priceFen', render: formatMoney },
          { title: '文号', dataIndex: 'documentNo' },
        ]} />
        {township && (
          <Form form={tenderForm} layout="inline" onFinish={(v) => void tender(v)} style={{ marginTop: 8 }}>
            <Form.Item name="item" rules={[{ required: true, message: '材料' }]}><Input placeholder="高分子化粪池、管材、便池、冲水筒" /></Form.Item>
            <Form.Item name="winner" rules={[{ required: true, message: '中标单位' }]}><Input placeholder="中标单位" /></Form.Item>
            <Form.Item name="price" rules={[{ required: true, message: '中标价' }]}><InputNumber placeholder="元/厕" min={0.01} precision={2} /></Form.Item>
            <Form.Item name="documentNo" rules={[{ required: true, message: '文号' }]}><Input placeholder="中标通知书编号" /></Form.Item>
            <Button htmlType="submit">登记</Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}

function Payments({ units }: { units: Unit[] }) {
  const { user } = useAuth();
  const own = user?.role === 'township_official' ? (user.unitId ?? null) : null;
  const [townshipId, setTownshipId] = useState<number | null>(own);
  const p = useApi<ToiletPayments>(townshipId ? `/api/toilets/townships/${townshipId}/payments` : null);
  const county = user?.role === 'department_official' || user?.role === 'county_admin';
  // The draw is the server's record, made once per application: the page shows it rather than keeping its own.
  const recorded = useApi<{ draw: ToiletSpotDraw | null }>(county && townshipId && p.data?.acceptanceRequestedAt ? `/api/toilets/townships/${townshipId}/spot-draw` : null);
  const drawn = recorded.data?.draw ?? null;
  const [seed, setSeed] = useState('');
  const [note, setNote] = useState('');
  const [release] = useAction(async (stage: number) => {
    await send('POST', `/api/toilets/townships/${townshipId}/payments`, { stage });
    p.reload();
  }, '已拨付');
  const [request] = useAction(async () => {
    await send('POST', '/api/toilets/acceptance-request');
    p.reload();
  }, '已向县农业农村局提出验收申请');
  const [draw] = useAction(async () => {
    await send('POST', `/api/toilets/townships/${townshipId}/spot-draw`, { seed });
    recorded.reload();
  }, '抽查名单已抽取并记录');
  const [check] = useAction(async (id: number, passed: boolean) => {
    await send('POST', `/api/toilets/households/${id}/spot-check`, { passed, note });
    p.reload();
    recorded.reload();
  }, '抽查结果已记录');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!own && <Select aria-label="乡镇" placeholder="选择乡镇" style={{ width: 200 }} value={townshipId} onChange={setTownshipId} options={units.filter((u) => u.kind === 'township').map((u) => ({ value: u.id, label: u.name }))} />}
      {p.data && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={[
            { key: 'a', label: '总资金（签订协议农户的计划补助）', children: `${formatMoney(p.data.allocationFen)} 元（${p.data.households} 户）` },
            { key: 'b', label: '开工 / 完工 / 验收', children: `${p.data.started} / ${p.data.completed} / ${p.data.accepted} 户` },
            { key: 'c', label: '验收核定补助', children: `${formatMoney(p.data.acceptedTotalFen)} 元（省级 ${formatMoney(p.data.acceptedSplit.provinceFen)}，县级 ${formatMoney(p.data.acceptedSplit.countyFen)}）` },
            { key: 'd', label: '已拨付', children: `${formatMoney(p.data.paidFen)} 元` },
            { key: 'e', label: '验收申请', children: p.data.acceptanceRequestedAt?.slice(0, 10) ?? '未提出' },
            { key: 'f', label: '抽查验收', children: `${p.data.spotChecks.done} / ${p.data.spotChecks.need} 户${p.data.spotChecks.failed ? `，不合格 ${p.data.spotChecks.failed}` : ''}` },
          ]} />
          <Table size="small" rowKey="stage" pagination={false} scroll={{ x: true }} dataSource={p.data.stages} columns={[
            { title: '拨付', render: (_: unknown, s: ToiletPayments['stages'][number]) => `第 ${s.stage} 笔：${s.name}` },
            { title: '比例', dataIndex: 'percent', render: (v: number, s: ToiletPayments['stages'][number]) => (s.stage === 3 ? `${v}%（以审核为准结算）` : `${v}%`) },
            { title: '金额（元）', dataIndex: 'amountFen', render: formatMoney },
            { title: '条件', render: (_: unknown, s: ToiletPayments['stages'][number]) => (s.paid ? <Tag color="green">已拨付 {s.paidAt?.slice(0, 10)}</Tag> : s.hold ? <Tag color="orange">{s.hold}</Tag> : <Tag color="blue">条件已满足</Tag>) },
            { title: '', render: (_: unknown, s: ToiletPayments['stages'][number]) => (county && !s.paid && !s.hold ? <Button size="small" type="primary" onClick={() => void release(s.stage)}>拨付</Button> : null) },
          ]} />
          {own && !p.data.acceptanceRequestedAt && <Button onClick={() => void request()}>向县农业农村局提出验收申请</Button>}
          {county && p.data.acceptanceRequestedAt && (
            <Card size="small" title={`抽查验收（不少于 ${SPOT_CHECK_PERCENT}%）`}>
              {drawn ? (
                <Alert type="info" showIcon style={{ marginBottom: 8 }} message={`抽查名单：${drawn.by} 于 ${new Date(drawn.at).toLocaleString('zh-CN', { hour12: false })} 按种子「${drawn.seed}」从 ${drawn.of} 座中抽取 ${drawn.size} 户（每次验收申请只抽取一次，只有名单内的户可录入抽查结果）`} />
              ) : (
                <Space wrap style={{ marginBottom: 8 }}>
                  <Input aria-label="抽查种子" placeholder="种子：如抽查日期与批次" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 220 }} />
                  <Button disabled={seed.trim().length < 4} onClick={() => void draw()}>抽取</Button>
                </Space>
              )}
              {drawn && <Input aria-label="抽查意见" placeholder="抽查意见" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 220, marginBottom: 8 }} />}
              <Table size="small" rowKey="id" pagination={false} dataSource={drawn?.households ?? []} columns={[
                { title: '户主', dataIndex: 'headName' },
                { title: '厕所编号', dataIndex: 'toiletNo' },
                { title: '模式', dataIndex: 'modeName' },
                { title: '抽查结果', render: (_: unknown, h: ToiletSpotDraw['households'][number]) => (h.check ? <Tag color={h.check.passed ? 'green' : 'red'}>{h.check.passed ? '合格' : '不合格'}：{h.check.note}</Tag> : <Tag>待抽查</Tag>) },
                { title: '', render: (_: unknown, h: ToiletSpotDraw['households'][number]) => <Space><Button size="small" disabled={note.trim().length < 2} onClick={() => void check(h.id, true)}>合格</Button><Button size="small" danger disabled={note.trim().length < 2} onClick={() => void check(h.id, false)}>不合格</Button></Space> },
              ]} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}

function Reports() {
  const { user } = useAuth();
  const schedule = useApi<{ items: ToiletScheduleItem[] }>('/api/toilets/reports/schedule');
  const [note, setNote] = useState('');
  const [submit] = useAction(async (kind: string, period: string) => {
    const r = await send<{ late: boolean }>('POST', '/api/toilets/reports', { kind, period, note });
    schedule.reload();
    return r;
  }, (r) => (r.late ? '已报送（逾期）' : '已报送'));
  const mine = (x: ToiletScheduleItem) => x.unitId === user?.unitId;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{REPORT_SCHEDULE_TEXT}。报表数据由台账自动生成。</Typography.Text>
      {(user?.role === 'village_committee' || user?.role === 'township_official') && <Input aria-label="报送说明" placeholder="本期工作说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 480 }} />}
      <Table size="small" rowKey={(x) => `${x.kind}|${x.unitId}|${x.period}`} scroll={{ x: true }} dataSource={schedule.data?.items ?? []} columns={[
        { title: '报表', dataIndex: 'name' },
        { title: '单位', dataIndex: 'unit' },
        { title: '期次', dataIndex: 'period' },
        { title: '截止', dataIndex: 'due' },
        { title: '状态', dataIndex: 'state', render: (v: string, x: ToiletScheduleItem) => <Tag color={x.submittedAt ? (x.late ? 'orange' : 'green') : x.late ? 'red' : 'blue'}>{v}</Tag> },
        {
          title: '',
          render: (_: unknown, x: ToiletScheduleItem) => (
            <Space>
              {mine(x) && !x.submittedAt && <Button size="small" type="primary" onClick={() => void submit(x.kind, x.period)}>报送</Button>}
              {x.kind === 'monthly' && <a href={`/api/toilets/villages/${x.unitId}/roster.xlsx`}>花名册</a>}
            </Space>
          ),
        },
      ]} />
    </Space>
  );
}

function Dashboard() {
  const d = useApi<ToiletsTotals>('/api/toilets/dashboard');
  const t = d.data?.townships ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d.data && <Typography.Text>全县 2022 年改厕计划 {d.data.plan} 座（各乡镇指标与进度见下）</Typography.Text>}
      <BarsChart categories={t.map((x) => x.township)} series={[
        { name: '指标', data: t.map((x) => x.quota) },
        { name: '摸底', data: t.map((x) => x.surveyed) },
        { name: '协议', data: t.map((x) => x.agreed) },
        { name: '开工', data: t.map((x) => x.started) },
        { name: '完工', data: t.map((x) => x.completed) },
        { name: '验收', data: t.map((x) => x.accepted) },
      ]} />
      <Table size="small" rowKey="townshipId" pagination={false} scroll={{ x: true }} dataSource={t} columns={[
        { title: '乡镇', dataIndex: 'township' },
        { title: '指标', dataIndex: 'quota' },
        { title: '摸底', dataIndex: 'surveyed' },
        { title: '确定', dataIndex: 'selected' },
        { title: '协议', dataIndex: 'agreed' },
        { title: '开工', dataIndex: 'started' },
        { title: '完工', dataIndex: 'completed' },
        { title: '验收', dataIndex: 'accepted' },
        { title: '应拨（元）', dataIndex: 'dueFen', render: formatMoney },
        { title: '已拨（元）', dataIndex: 'paidFen', render: formatMoney },
      ]} />
      <Typography.Text strong>各村卫生厕所普及率（达到 {d.data?.threshold ?? WHOLE_VILLAGE_PERCENT}% 的村可获中央奖补：{d.data?.reached ?? 0} 个）</Typography.Text>
      <Table size="small" rowKey="villageId" scroll={{ x: true }} dataSource={d.data?.villages ?? []} columns={[
        { title: '乡镇', dataIndex: 'township' },
        { title: '村', dataIndex: 'village' },
        { title: '摸底户数', dataIndex: 'households' },
        { title: '普及率', dataIndex: 'ratePermille', render: (v: number, x: Coverage) => <Tag color={x.reached ? 'green' : 'default'}>{pct(v)}{x.reached ? ` 达 ${WHOLE_VILLAGE_PERCENT}%` : ''}</Tag> },
        { title: '可达', dataIndex: 'reachablePermille', render: pct },
      ]} />
    </Space>
  );
}

function Import() {
  const [job, setJob] = useState<ToiletImportJob | null>(null);
  const [keepGood, setKeepGood] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    if (!job || job.status !== 'validating') return;
    // A failed poll (the server restarting) polls again: the server then reports the import failed, with the reason.
    const timer = setTimeout(() => void send<ToiletImportJob>('GET', `/api/toilets/imports/${job.id}`).then(setJob, () => setJob({ ...job })), 500);
    return () => clearTimeout(timer);
  }, [job]);
  const [commit] = useAction(async () => setJob(await send<ToiletImportJob>('POST', `/api/toilets/imports/${job!.id}/commit`, { keepGood })), '已写入改厕名册');
  const [discard] = useAction(async () => setJob(await send<ToiletImportJob>('POST', `/api/toilets/imports/${job!.id}/discard`)), '已放弃');
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Text>
        按模板填写摸底名册（<a href="/api/toilets/imports/template.xlsx">下载模板</a>）。上传后逐行校验；有错误时可下载错误清单（每行写明原因），修改后重新导入，或选择只导入正确的行。确认前不写入任何数据。
      </Typography.Text>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File;
          const res = await fetch(`/api/toilets/imports?fileName=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken() }, body: f });
          const body = await res.json().catch(() => null);
          if (res.ok) {
            setRefused(null);
            setJob(body as ToiletImportJob);
            onSuccess?.(body);
          } else {
            const message: string = body?.error?.message ?? `上传失败（${res.status}）`;
            setRefused(message);
            onError?.(new Error(message));
          }
        }}
      >
        <Button icon={<UploadOutlined />}>上传摸底名册（.xlsx）</Button>
      </Upload>
      {refused && <Alert type="error" showIcon message="文件未导入" description={refused} />}
      {job && (
        <Card size="small" title={job.fileName}>
          <Progress percent={job.percent} status={job.status === 'failed' ? 'exception' : job.status === 'validating' ? 'active' : 'normal'} />
          {job.status === 'failed' ? (
            <Alert type="error" showIcon message="导入失败，未写入任何数据" description={job.message} action={<Button size="small" onClick={() => void discard()}>清除</Button>} />
          ) : (
            <Typography.Paragraph>已校验 {job.done} 行，错误 {job.errors} 行{job.committed ? `，已写入 ${job.committed} 户` : ''}。{job.message}</Typography.Paragraph>
          )}
          {job.errors > 0 && <a href={`/api/toilets/imports/${job.id}/errors.xlsx`}>下载错误清单</a>}
          {job.status === 'validated' && (
            <Space wrap style={{ marginTop: 8 }}>
              {job.errors > 0 && <Checkbox checked={keepGood} onChange={(e) => setKeepGood(e.target.checked)}>只导入正确的 {job.rows - job.errors} 行</Checkbox>}
              <Button type="primary" disabled={job.errors > 0 && !keepGood} onClick={() => void commit()}>确认导入</Button>
              <Button onClick={() => void discard()}>放弃</Button>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}

export function ToiletsPage() {
  const { user } = useAuth();
  const units = useApi<{ items: Unit[] }>('/api/directory/units');
  const all = units.data?.items ?? [];
  const office = user?.role === 'department_official' || user?.role === 'county_admin' || user?.role === 'auditor';
  const tab = new URLSearchParams(window.location.search).get('tab') ?? 'survey';
  return (
    <>
      <PageHeader title="农村改厕" extra={<ExportButton path="/api/exports/toilets/households">导出台账（Excel，已脱敏）</ExportButton>}>
        依据《交城县 2022 年农村改厕工作实施方案》（交政办发〔2022〕10号）：摸底登记 → 确定改厕户（指标内，整村推进优先）→ 公示不少于 {NOTICE_DAYS} 天 → 签订协议 → 施工 → 五方签字验收 → 县抽查 → 按 {PAYMENT_PERCENTS_TEXT} 拨付。
      </PageHeader>
      <Tabs
        defaultActiveKey={tab}
        items={[
          { key: 'survey', label: '摸底与档案', children: <Survey units={all} /> },
          ...(user?.role !== 'resident' ? [{ key: 'select', label: '指标与公示', children: <Selection /> }] : []),
          ...(user?.role === 'township_official' || office ? [{ key: 'payments', label: '验收与拨付', children: <Payments units={all} /> }] : []),
          { key: 'reports', label: '报表', children: <Reports /> },
          { key: 'dashboard', label: '看板', children: <Dashboard /> },
          ...(user?.role === 'township_official' || office ? [{ key: 'import', label: '导入摸底名册', children: <Import /> }] : []),
        ]}
      />
    </>
  );
}
