/**
 * 农业生产托管 (交政办发〔2022〕16号): service organisations apply and record contracts and work; townships recommend
 * and accept first; the 县现代农业发展服务中心 reviews, signs, accepts, samples and settles. The server decides who
 * may do what; each tab shows what the role works on.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { formatMoney, PageHeader, useAction, useApi } from '../../platform/kit';
import { Attachments } from '../../platform/Attachments';
import { BarsChart } from '../../platform/EChart';
import { CRITERIA as RULE_CRITERIA, CROPS, ORG_TYPES, STAGES_2022 } from '../../../../server/src/modules/trusteeship/trusteeship.rules.js';
import type { AcceptRequest, ContractRequest, OrgApplicationRequest, TrusteeshipContract, TrusteeshipOrg, TrusteeshipTotals, TrusteeshipWork, WorkRequest } from './contract';
import type { Unit } from '../directory/contract';

const SEASON = 2022;
// The document's lists, from the module's rules file (交政办发〔2022〕16号), numbered as the text numbers its criteria.
const CRITERIA: [string, string][] = RULE_CRITERIA.map((c, i) => [c.code, `${'一二三四五'[i]}、${c.text}`]);
const STAGES: [string, string][] = STAGES_2022.map((st) => [st.code, st.name]);

function Orgs({ units }: { units: Unit[] }) {
  const { user } = useAuth();
  const orgs = useApi<{ items: TrusteeshipOrg[] }>('/api/trusteeship/orgs');
  const [form] = Form.useForm();
  const [note, setNote] = useState('');
  const [contractNo, setContractNo] = useState('');
  const [apply, applying] = useAction(async (v: OrgApplicationRequest) => {
    await send('POST', '/api/trusteeship/orgs', v);
    orgs.reload();
    form.resetFields();
  }, '申请已提交');
  const [act] = useAction(async (id: number, path: string, body?: unknown) => {
    await send('POST', `/api/trusteeship/orgs/${id}/${path}`, body);
    orgs.reload();
  }, '已办理');
  const townships = units.filter((u) => u.kind === 'township');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={orgs.data?.items ?? []}
        expandable={{
          expandedRowRender: (o: TrusteeshipOrg) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={1} bordered items={CRITERIA.map(([k, label]) => ({ key: k, label, children: o.criteria[k] ?? '—' }))} />
              <Typography.Text strong>证明材料（营业执照、银行开户许可证、农机清单、场所照片等）</Typography.Text>
              <Attachments entity="trusteeship_org" entityId={o.id} canAttach={user?.role === 'service_org' && (o.status === 'applied' || o.status === 'recommended')} />
            </Space>
          ),
        }}
        columns={[
          { title: '服务组织', dataIndex: 'name' },
          { title: '类型', dataIndex: 'orgType' },
          { title: '乡镇', dataIndex: 'townshipId', render: (id: number) => units.find((u) => u.id === id)?.name ?? id },
          { title: '状态', dataIndex: 'statusLabel', render: (v: string, o: TrusteeshipOrg) => <Tag color={o.status === 'published' ? 'green' : o.status === 'rejected' ? 'red' : 'blue'}>{v}{o.noticeEnd && o.status === 'approved' ? `，至 ${o.noticeEnd}` : ''}</Tag> },
          { title: '县托管合同', dataIndex: 'countyContractNo', render: (v: string | null) => v ?? '—' },
          {
            title: '办理',
            render: (_: unknown, o: TrusteeshipOrg) => (
              <Space wrap>
                {user?.role === 'village_committee' && o.status === 'applied' && !o.villageRecommendedBy && <Button size="small" onClick={() => void act(o.id, 'recommend')}>村推荐</Button>}
                {user?.role === 'township_official' && o.status === 'applied' && <Button size="small" onClick={() => void act(o.id, 'recommend')}>推荐</Button>}
                {o.status === 'recommended' && user?.role !== 'township_official' && user?.role !== 'service_org' && (
                  <>
                    <Input size="small" aria-label="会审意见" placeholder="会审意见" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 140 }} />
                    <Button size="small" type="primary" disabled={note.trim().length < 2} onClick={() => void act(o.id, 'review', { approve: true, note })}>会审通过</Button>
                    <Button size="small" danger disabled={note.trim().length < 2} onClick={() => void act(o.id, 'review', { approve: false, note })}>不通过</Button>
                  </>
                )}
                {o.status === 'approved' && user?.role !== 'service_org' && <Button size="small" onClick={() => void act(o.id, 'publish')}>公示期满，公布</Button>}
                {o.status === 'published' && !o.countyContractNo && user?.role !== 'service_org' && (
                  <>
                    <Input size="small" aria-label="合同编号" placeholder="合同编号" value={contractNo} onChange={(e) => setContractNo(e.target.value)} style={{ width: 140 }} />
                    <Button size="small" disabled={contractNo.trim().length < 2} onClick={() => void act(o.id, 'county-contract', { contractNo })}>签订托管合同</Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {user?.role === 'service_org' && (
        <Card size="small" title="申请参加托管试点（逐条说明五项标准）">
          <Form form={form} layout="vertical" onFinish={(v) => void apply({ ...v, criteria: Object.fromEntries(CRITERIA.map(([k]) => [k, v[`c_${k}`] ?? ''])) } as OrgApplicationRequest)} style={{ maxWidth: 640 }}>
            <Form.Item name="name" label="服务组织名称" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
            <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true, len: 18, message: '18 位' }]}><Input /></Form.Item>
            <Form.Item name="orgType" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={ORG_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item>
            <Form.Item name="townshipId" label="所在乡（镇）" rules={[{ required: true, message: '请选择乡镇' }]}><Select options={townships.map((t) => ({ value: t.id, label: t.name }))} /></Form.Item>
            {CRITERIA.map(([k, label]) => (
              <Form.Item key={k} name={`c_${k}`} label={label} rules={[{ required: true, message: '请说明并写明证明材料' }]}><Input.TextArea rows={2} /></Form.Item>
            ))}
            <Button type="primary" htmlType="submit" loading={applying}>提交申请</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

function WorkPanel({ contract }: { contract: TrusteeshipContract }) {
  const { user } = useAuth();
  const works = useApi<{ items: TrusteeshipWork[] }>(`/api/trusteeship/contracts/${contract.id}/works`);
  const [stage, setStage] = useState<string | null>(null);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [area, setArea] = useState<string>('');
  const [passes, setPasses] = useState<number | null>(1);
  const [evidence, setEvidence] = useState('');
  const [record] = useAction(async () => {
    await send('POST', '/api/trusteeship/works', { contractId: contract.id, stage: stage as WorkRequest['stage'], workDate: date!.format('YYYY-MM-DD'), areaMu: area, passes: passes ?? 1, evidence } satisfies WorkRequest);
    works.reload();
  }, '作业确认单已填写，待农户确认');
  const [resolve] = useAction(async (id: number) => {
    await send('POST', `/api/trusteeship/works/${id}/answer`, { confirm: true, note: user?.role === 'township_official' ? '乡镇实地核实' : '农户签字纸质确认单' });
    works.reload();
  }, '已确认');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table size="small" rowKey="id" pagination={false} dataSource={works.data?.items ?? []} expandable={{ expandedRowRender: (w: TrusteeshipWork) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Attachments entity="trusteeship_work" entityId={w.id} canAttach={user?.role === 'service_org' && !w.townshipAreaMu} label="上传作业照片、监测面积记录" />
          {/* The organisation records the farmer's confirmation only with the signed paper form uploaded here. */}
          <Typography.Text strong>农户签字的纸质确认单</Typography.Text>
          <Attachments entity="trusteeship_work_paper" entityId={w.id} canAttach={user?.role === 'service_org' && w.farmerStatus === 'pending' && !w.townshipAreaMu} label="上传农户签字的确认单（扫描件或照片）" />
          {user?.role === 'service_org' && w.farmerStatus === 'pending' && <Button size="small" onClick={() => void resolve(w.id)}>按纸质确认单登记农户确认</Button>}
        </Space>
      ) }} columns={[
        { title: '环节', dataIndex: 'stageName' },
        { title: '日期', dataIndex: 'workDate' },
        { title: '面积（亩）', render: (_: unknown, w: TrusteeshipWork) => `${w.areaMu}${w.passes > 1 ? ` × ${w.passes} 次` : ''}` },
        { title: '农户', dataIndex: 'farmerStatus', render: (v: string) => ({ pending: '待确认', confirmed: '已确认', disputed: '有异议' })[v] },
        { title: '初验/县验（亩）', render: (_: unknown, w: TrusteeshipWork) => `${w.townshipAreaMu ?? '—'} / ${w.countyAreaMu ?? '—'}` },
        { title: '补助（元）', dataIndex: 'subsidyFen', render: formatMoney },
        { title: '', render: (_: unknown, w: TrusteeshipWork) => (w.farmerStatus === 'disputed' && user?.role === 'township_official' ? <Button size="small" onClick={() => void resolve(w.id)}>核实后确认</Button> : null) },
      ]} />
      {user?.role === 'service_org' && (
        <Space wrap>
          <Select aria-label="作业环节" placeholder="环节" style={{ width: 180 }} value={stage} onChange={setStage} options={contract.stages.map((s) => ({ value: s.code, label: s.name }))} />
          <DatePicker aria-label="作业日期" value={date} onChange={setDate} />
          <Input aria-label="作业面积（亩）" placeholder="面积（亩）" value={area} onChange={(e) => setArea(e.target.value)} style={{ width: 110 }} />
          <InputNumber aria-label="次数" min={1} max={10} value={passes} onChange={setPasses} addonAfter="次" style={{ width: 110 }} />
          <Input aria-label="作业凭证" placeholder="照片、监测面积记录" value={evidence} onChange={(e) => setEvidence(e.target.value)} style={{ width: 200 }} />
          <Button type="primary" disabled={!stage || !date || !area || evidence.trim().length < 2} onClick={() => void record()}>填写确认单</Button>
        </Space>
      )}
    </Space>
  );
}

function Contracts({ units, orgs }: { units: Unit[]; orgs: TrusteeshipOrg[] }) {
  const { user } = useAuth();
  const contracts = useApi<{ items: TrusteeshipContract[] }>(`/api/trusteeship/contracts?season=${SEASON}`);
  const [form] = Form.useForm();
  const [create, creating] = useAction(async (v: Record<string, unknown>) => {
    const [from, to] = v.period as [Dayjs, Dayjs];
    await send('POST', '/api/trusteeship/contracts', { ...v, season: SEASON, period: undefined, periodFrom: from.format('YYYY-MM-DD'), periodTo: to.format('YYYY-MM-DD'), farmerUsername: (v.farmerUsername as string) || null } as unknown as ContractRequest);
    contracts.reload();
    form.resetFields();
  }, '合同已登记，报县中心和乡镇备案');
  const signed = orgs.filter((o) => o.countyContractNo);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={contracts.data?.items ?? []}
        expandable={{ expandedRowRender: (c: TrusteeshipContract) => <WorkPanel contract={c} /> }}
        columns={[
          { title: '农户', dataIndex: 'farmerName' },
          { title: '身份证号', dataIndex: 'farmerIdNo' },
          { title: '地块', render: (_: unknown, c: TrusteeshipContract) => `${units.find((u) => u.id === c.villageId)?.name ?? ''} ${c.location}` },
          { title: '面积（亩）', dataIndex: 'areaMu' },
          { title: '作物', dataIndex: 'crop' },
          { title: '环节', render: (_: unknown, c: TrusteeshipContract) => c.stages.map((s) => s.name).join('、') },
          { title: '期限', render: (_: unknown, c: TrusteeshipContract) => `${c.periodFrom} 至 ${c.periodTo}` },
        ]}
      />
      {user?.role === 'service_org' && signed.length > 0 && (
        <Card size="small" title="登记与农户的托管服务合同">
          <Form form={form} layout="vertical" onFinish={(v) => void create(v)} style={{ maxWidth: 640 }} initialValues={{ orgId: signed[0].id }}>
            <Form.Item name="orgId" label="服务组织"><Select options={signed.map((o) => ({ value: o.id, label: o.name }))} /></Form.Item>
            <Space wrap>
              <Form.Item name="farmerName" label="农户姓名" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="farmerIdNo" label="身份证号" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="farmerPhone" label="手机号" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="farmerUsername" label="农户账号（可选）"><Input /></Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="villageId" label="地块所在村" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" style={{ width: 220 }} options={units.filter((u) => u.kind === 'village').map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
              <Form.Item name="location" label="地块位置" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="areaMu" label="面积（亩，两位小数）" rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: '如 12.50' }]}><Input /></Form.Item>
              <Form.Item name="crop" label="作物" rules={[{ required: true }]}><Select style={{ width: 120 }} options={CROPS.map((c) => ({ value: c, label: c }))} /></Form.Item>
            </Space>
            <Form.Item name="stages" label="服务环节" rules={[{ required: true }]}><Select mode="multiple" options={STAGES.map(([v, l]) => ({ value: v, label: l }))} /></Form.Item>
            <Form.Item name="period" label="作业期限" rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
            <Form.Item name="quality" label="质量要求" rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={creating}>登记合同</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

function Acceptance({ orgs }: { orgs: TrusteeshipOrg[] }) {
  const { user } = useAuth();
  const [orgId, setOrgId] = useState<number | null>(null);
  const contracts = useApi<{ items: TrusteeshipContract[] }>(`/api/trusteeship/contracts?season=${SEASON}`);
  const [works, setWorks] = useState<TrusteeshipWork[]>([]);
  const [areas, setAreas] = useState<Record<number, string>>({});
  const [note, setNote] = useState('');
  const [seed, setSeed] = useState('');
  const centre = user?.role !== 'township_official';
  const sheet = useApi<{ settled: boolean; hold: string | null; lines: { workId: number; farmer: string; stage: string; areaMu: string; subsidyFen: number; paidFen: number; note: string | null }[]; totalFen: number; upper: string }>(centre && orgId ? `/api/trusteeship/orgs/${orgId}/sheet?season=${SEASON}` : null);
  const [load] = useAction(async (id: number) => {
    setOrgId(id);
    const mine = (contracts.data?.items ?? []).filter((c) => c.orgId === id);
    const all = (await Promise.all(mine.map((c) => send<{ items: TrusteeshipWork[] }>('GET', `/api/trusteeship/contracts/${c.id}/works`)))).flatMap((r) => r.items);
    setWorks(all);
    setAreas(Object.fromEntries(all.map((w) => [w.id, w.townshipAreaMu ?? w.areaMu])));
  });
  const [accept] = useAction(async (level: 'township' | 'county') => {
    const items = works.filter((w) => (level === 'township' ? w.farmerStatus === 'confirmed' && !w.townshipAreaMu : !!w.townshipAreaMu && !w.countyAreaMu)).map((w) => ({ workId: w.id, areaMu: areas[w.id] }));
    const r = await send<{ noticeEnd: string }>('POST', '/api/trusteeship/acceptances', { orgId: orgId!, season: SEASON, level, note, items } satisfies AcceptRequest);
    await load(orgId!);
    sheet.reload();
    return r;
  }, (r) => `验收已记录，公示至 ${r.noticeEnd}`);
  const [draw] = useAction(async () => send<{ drawn: { orgId: number }[] }>('POST', '/api/trusteeship/samplings', { season: SEASON, seed }), (r) => `抽中：${r.drawn.map((d) => orgs.find((o) => o.id === d.orgId)?.name ?? d.orgId).join('、')}`);
  const [sample] = useAction(async (passed: boolean) => {
    await send('POST', `/api/trusteeship/samplings/${SEASON}/results`, { orgId: orgId!, passed });
    sheet.reload();
  }, '抽验结果已录入');
  const [settle] = useAction(async () => {
    await send('POST', `/api/trusteeship/orgs/${orgId}/settle`, { season: SEASON });
    sheet.reload();
  }, '已结算');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select aria-label="服务组织" placeholder="选择服务组织" style={{ width: 320 }} value={orgId} onChange={(v) => void load(v)} options={orgs.filter((o) => o.countyContractNo).map((o) => ({ value: o.id, label: o.name }))} />
      {orgId && (
        <>
          <Table size="small" rowKey="id" pagination={false} dataSource={works} columns={[
            { title: '环节', dataIndex: 'stageName' },
            { title: '日期', dataIndex: 'workDate' },
            { title: '确认面积（亩）', dataIndex: 'areaMu' },
            { title: '农户', dataIndex: 'farmerStatus', render: (v: string) => ({ pending: '待确认', confirmed: '已确认', disputed: '有异议' })[v] },
            { title: '初验/县验（亩）', render: (_: unknown, w: TrusteeshipWork) => `${w.townshipAreaMu ?? '—'} / ${w.countyAreaMu ?? '—'}` },
            { title: '本次验收面积', render: (_: unknown, w: TrusteeshipWork) => <Input size="small" aria-label={`验收面积 ${w.stageName}`} value={areas[w.id]} onChange={(e) => setAreas((a) => ({ ...a, [w.id]: e.target.value }))} style={{ width: 90 }} /> },
          ]} />
          <Space wrap>
            <Input aria-label="验收意见" placeholder="验收意见（实地查验、监管平台核对）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 300 }} />
            {!centre && <Button type="primary" disabled={note.trim().length < 2} onClick={() => void accept('township')}>乡镇初验</Button>}
            {centre && <Button type="primary" disabled={note.trim().length < 2} onClick={() => void accept('county')}>县级验收</Button>}
          </Space>
        </>
      )}
      {centre && (
        <Card size="small" title="市级抽验（不低于服务主体数量的 10%）">
          <Space wrap>
            <Input aria-label="抽验种子" placeholder="种子：如抽验日期与批次" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 220 }} />
            <Button disabled={seed.trim().length < 4} onClick={() => void draw()}>随机抽取</Button>
            {orgId && <Button onClick={() => void sample(true)}>本组织抽验合格</Button>}
            {orgId && <Button danger onClick={() => void sample(false)}>本组织抽验不合格</Button>}
          </Space>
        </Card>
      )}
      {centre && sheet.data && (
        <Card size="small" title="补助结算单" extra={<Space><Button size="small" href={`/api/trusteeship/orgs/${orgId}/sheet.xlsx?season=${SEASON}`}>Excel</Button><Button size="small" href={`/api/trusteeship/orgs/${orgId}/sheet/print?season=${SEASON}`} target="_blank">打印</Button><Button size="small" href={`/api/trusteeship/orgs/${orgId}/sheet/pdf?season=${SEASON}`}>PDF</Button></Space>}>
          {sheet.data.hold && <Alert type="info" showIcon message={`暂不能结算：${sheet.data.hold}`} style={{ marginBottom: 8 }} />}
          <Table size="small" rowKey="workId" pagination={false} dataSource={sheet.data.lines} columns={[
            { title: '农户', dataIndex: 'farmer' },
            { title: '环节', dataIndex: 'stage' },
            { title: '面积（亩）', dataIndex: 'areaMu' },
            { title: '应补（元）', dataIndex: 'subsidyFen', render: formatMoney },
            { title: '实补（元）', dataIndex: 'paidFen', render: formatMoney },
            { title: '说明', dataIndex: 'note' },
          ]} />
          <Descriptions size="small" style={{ marginTop: 8 }} items={[{ key: 't', label: '合计', children: `${formatMoney(sheet.data.totalFen)} 元（${sheet.data.upper}）` }, { key: 's', label: '状态', children: sheet.data.settled ? '已结算' : '未结算' }]} />
          {!sheet.data.settled && <Button type="primary" disabled={!!sheet.data.hold || !sheet.data.lines.length} onClick={() => void settle()}>结算并报县财政局</Button>}
        </Card>
      )}
    </Space>
  );
}

/** Accepted area and subsidy paid by stage. */
function StageChart({ rows }: { rows: TrusteeshipTotals['byStage'] }) {
  return (
    <BarsChart
      axes={['亩', '元']}
      categories={rows.map((r) => r.label.replace('作业', ''))}
      series={[
        { name: '作业面积（亩）', data: rows.map((r) => Number(r.areaMu)) },
        { name: '县验面积（亩）', data: rows.map((r) => Number(r.acceptedMu)) },
        { name: '已拨补助（元）', data: rows.map((r) => r.paidFen / 100), right: true },
      ]}
    />
  );
}

function Dashboard() {
  const d = useApi<TrusteeshipTotals>(`/api/trusteeship/dashboard?season=${SEASON}`);
  const cols = [
    { title: '项目', dataIndex: 'label' },
    { title: '作业单', dataIndex: 'works' },
    { title: '作业面积（亩）', dataIndex: 'areaMu' },
    { title: '县验面积（亩）', dataIndex: 'acceptedMu' },
    { title: '农户确认', dataIndex: 'confirmed' },
    { title: '乡镇初验', dataIndex: 'township' },
    { title: '县级验收', dataIndex: 'county' },
    { title: '已拨补助（元）', dataIndex: 'paidFen', render: formatMoney },
  ];
  if (!d.data) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="按环节：面积与补助"><StageChart rows={d.data.byStage} /></Card>
      {(['byCrop', 'byStage', 'byTownship', 'byOrg'] as const).map((k) => (
        <Card key={k} size="small" title={{ byCrop: '按作物', byStage: '按环节', byTownship: '按乡镇', byOrg: '按服务组织' }[k]}>
          <Table size="small" rowKey="key" pagination={false} dataSource={d.data![k]} columns={cols} />
        </Card>
      ))}
    </Space>
  );
}

export function TrusteeshipPage() {
  const { user } = useAuth();
  // Service organisations are not staff: they pick from the public divisions (townships and villages).
  const units = useApi<{ items: Unit[] }>(user?.role === 'service_org' ? '/api/directory/places' : '/api/directory/units');
  const orgs = useApi<{ items: TrusteeshipOrg[] }>('/api/trusteeship/orgs');
  const u = units.data?.items ?? [];
  const staff = user?.role !== 'service_org';
  return (
    <>
      <PageHeader title="农业生产托管" extra={<Space><Button href="/api/trusteeship/orgs.xlsx">服务组织台账</Button><Button href={`/api/trusteeship/works.xlsx?season=${SEASON}`}>作业台账</Button></Space>}>
        交政办发〔2022〕16号：服务组织申请 → 村和乡镇推荐 → 托管领导组会审 → 公示；乡镇初验与县级验收各公示不少于 5 个工作日，市级抽验不低于 10%；单季亩均补助不超过 100 元。
      </PageHeader>
      <Typography.Text type="secondary">本页按角色显示可办理的事项。</Typography.Text>
      <Tabs
        items={[
          { key: 'orgs', label: '服务组织', children: <Orgs units={u} /> },
          { key: 'contracts', label: '合同与作业', children: <Contracts units={u} orgs={orgs.data?.items ?? []} /> },
          ...(staff ? [{ key: 'accept', label: '验收与结算', children: <Acceptance orgs={orgs.data?.items ?? []} /> }, { key: 'dash', label: '看板', children: <Dashboard /> }] : []),
        ]}
      />
    </>
  );
}
