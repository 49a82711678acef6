/**
 * 验收与结算: an organisation's season — its works with the area to accept on each, the acceptance steps the server
 * offers this actor (乡镇初验 to the plots' township, 县级验收 to the centre), the step log; then the centre's sample and
 * settlement sheet.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { formatMoney, WhyDisabled } from '../../platform/kit';
import { StepTimeline } from '../../platform/Timeline';
import { ResponsiveTable } from '../../platform/ResponsiveTable';
import type { StepAction } from '../../platform/contract';
import type { AcceptRequest, TrusteeshipContract, TrusteeshipOrg, TrusteeshipSeason, TrusteeshipWork } from './contract';
import { KEYS, SEASON } from './keys';

type Sheet = {
  settled: boolean;
  hold: string | null;
  lines: { workId: number; farmer: string; stage: string; areaMu: string; subsidyFen: number; paidFen: number; note: string | null }[];
  totalFen: number;
  upper: string;
  byStage: { stage: string; works: number; areaMu: string; paidFen: number; upper: string }[];
  reading: string;
};

/** One acceptance step: its note field and button as the server declares them; the items come from the table. */
function AcceptStep({ action: a, items }: { action: StepAction; items: AcceptRequest['items'] }) {
  const [note, setNote] = useState('');
  const { run, pending } = useRun([KEYS.all]);
  const field = a.fields.find((f) => f.name === 'note');
  const accept = () => run(() => send<{ noticeEnd: string }>('POST', a.path, { ...a.body, note, items } as AcceptRequest), (r) => `验收已记录，公示至 ${r.noticeEnd}`);
  const why = !a.allowed ? (a.reason ?? '当前不能办理此步') : !items.length ? '没有等待本级验收的作业' : note.trim().length < 2 ? `请填写${field?.label ?? '验收意见'}` : null;
  const button = (
    <Button type="primary" loading={pending} disabled={!!why} onClick={() => void accept()}>
      {a.label}
    </Button>
  );
  return (
    <Space wrap>
      <Input aria-label={field?.label ?? '验收意见'} placeholder={field?.placeholder} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 300 }} disabled={!a.allowed} />
      <WhyDisabled reason={why}>{button}</WhyDisabled>
    </Space>
  );
}

export function AcceptanceTab({ orgs }: { orgs: TrusteeshipOrg[] }) {
  const { can } = useAuth();
  const [orgId, setOrgId] = useState<number | null>(null);
  const [areas, setAreas] = useState<Record<number, string>>({});
  const [seed, setSeed] = useState('');
  const contracts = useData<{ items: TrusteeshipContract[] }>(KEYS.contracts, `/api/trusteeship/contracts?season=${SEASON}`);
  const mine = (contracts.data?.items ?? []).filter((c) => c.orgId === orgId);
  // The organisation's works across its contracts, under the works' key: a step on any of them reloads this table.
  const works = useQuery({
    queryKey: [...KEYS.allWorks, 'org', orgId, mine.map((c) => c.id).join(',')],
    enabled: orgId !== null,
    queryFn: async () => (await Promise.all(mine.map((c) => send<{ items: TrusteeshipWork[] }>('GET', `/api/trusteeship/contracts/${c.id}/works`)))).flatMap((r) => r.items),
  });
  const season = useData<TrusteeshipSeason>(KEYS.season(orgId ?? 0), orgId ? `/api/trusteeship/orgs/${orgId}/acceptance?season=${SEASON}` : null);
  // The settlement is the centre's; another bureau holding the permission is refused by the server and sees no sheet.
  const centre = can('trusteeship.centre');
  const sheet = useData<Sheet>(KEYS.sheet(orgId ?? 0), centre && orgId ? `/api/trusteeship/orgs/${orgId}/sheet?season=${SEASON}` : null);
  const { run } = useRun([KEYS.all]);
  const list = works.data ?? [];
  const area = (w: TrusteeshipWork) => areas[w.id] ?? w.townshipAreaMu ?? w.areaMu;
  // Each level accepts the works waiting for it: confirmed ones at the township, township-accepted ones at the county.
  const itemsFor = (level: string) => list.filter((w) => (level === 'township' ? w.status === 'confirmed' : w.status === 'township')).map((w) => ({ workId: w.id, areaMu: area(w) }));
  const draw = () => run(() => send<{ drawn: { orgId: number }[] }>('POST', '/api/trusteeship/samplings', { season: SEASON, seed }), (r) => `抽中：${r.drawn.map((d) => orgs.find((o) => o.id === d.orgId)?.name ?? d.orgId).join('、')}`);
  const sample = (passed: boolean) => run(() => send('POST', `/api/trusteeship/samplings/${SEASON}/results`, { orgId: orgId!, passed }), '抽验结果已录入');
  const settle = () => run(() => send('POST', `/api/trusteeship/orgs/${orgId}/settle`, { season: SEASON }), '已结算');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select aria-label="服务组织" placeholder="选择服务组织" style={{ width: 320 }} value={orgId} onChange={(v) => (setOrgId(v), setAreas({}))} notFoundContent="尚无与县中心签订托管合同的服务组织" options={orgs.filter((o) => o.countyContractNo).map((o) => ({ value: o.id, label: o.name }))} />
      {orgId && (
        <>
          <Table size="small" rowKey="id" pagination={false} scroll={{ x: 'max-content' }} dataSource={list} loading={works.isFetching} locale={{ emptyText: '该组织本季尚无作业：服务组织登记作业、农户确认后在这里验收' }} columns={[
            { title: '环节', dataIndex: 'stageName' },
            { title: '日期', dataIndex: 'workDate' },
            { title: '确认面积（亩）', dataIndex: 'areaMu' },
            { title: '状态', dataIndex: 'statusLabel' },
            { title: '初验/县验（亩）', render: (_: unknown, w: TrusteeshipWork) => `${w.townshipAreaMu ?? '—'} / ${w.countyAreaMu ?? '—'}` },
            { title: '本次验收面积', render: (_: unknown, w: TrusteeshipWork) => <Input size="small" aria-label={`验收面积 ${w.stageName}`} value={area(w)} onChange={(e) => setAreas((a) => ({ ...a, [w.id]: e.target.value }))} style={{ width: 90 }} /> },
          ]} />
          {season.data && (
            <Card size="small" title={`本季验收：${season.data.statusLabel}`}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {season.data.actions.map((a) => (
                  <AcceptStep key={a.step} action={a} items={itemsFor(a.step)} />
                ))}
                <StepTimeline entries={season.data.timeline} empty="尚未验收" />
              </Space>
            </Card>
          )}
        </>
      )}
      {centre && (
        <Card size="small" title="市级抽验（不低于服务主体数量的 10%）">
          <Space wrap>
            <Input aria-label="抽验种子" placeholder="种子：如抽验日期与批次" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 220 }} />
            <WhyDisabled reason={seed.trim().length < 4 && '先填写至少 4 个字的种子，如抽验日期与批次'}><Button disabled={seed.trim().length < 4} onClick={() => void draw()}>随机抽取</Button></WhyDisabled>
            {orgId && <Button onClick={() => void sample(true)}>本组织抽验合格</Button>}
            {orgId && <Button danger onClick={() => void sample(false)}>本组织抽验不合格</Button>}
          </Space>
        </Card>
      )}
      {sheet.data && (
        <Card size="small" title="补助结算单" extra={<Space><Button size="small" href={`/api/trusteeship/orgs/${orgId}/sheet.xlsx?season=${SEASON}`}>Excel</Button><Button size="small" href={`/api/trusteeship/orgs/${orgId}/sheet/print?season=${SEASON}`} target="_blank">打印</Button><Button size="small" href={`/api/trusteeship/orgs/${orgId}/sheet/pdf?season=${SEASON}`}>PDF</Button></Space>}>
          {sheet.data.hold && <Alert type="info" showIcon title={`暂不能结算：${sheet.data.hold}`} style={{ marginBottom: 8 }} />}
          <ResponsiveTable size="small" rowKey="workId" pagination={false} dataSource={sheet.data.lines} locale={{ emptyText: '尚无通过县级验收的作业，结算单为空' }} columns={[
            { title: '农户', dataIndex: 'farmer' },
            { title: '环节', dataIndex: 'stage' },
            { title: '面积（亩）', dataIndex: 'areaMu' },
            { title: '应补（元）', dataIndex: 'subsidyFen', render: formatMoney },
            { title: '实补（元）', dataIndex: 'paidFen', render: formatMoney },
            { title: '说明', dataIndex: 'note' },
          ]} />
          {sheet.data.byStage.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 12 }}>按环节兑付</Typography.Title>
              <ResponsiveTable size="small" rowKey="stage" pagination={false} dataSource={sheet.data.byStage} locale={{ emptyText: '尚无通过县级验收的作业' }} columns={[
                { title: '环节', dataIndex: 'stage' },
                { title: '作业（项）', dataIndex: 'works' },
                { title: '验收面积（亩）', dataIndex: 'areaMu' },
                { title: '实补（元）', dataIndex: 'paidFen', render: formatMoney },
                { title: '大写', dataIndex: 'upper' },
              ]} />
              <Typography.Text type="secondary">{sheet.data.reading}</Typography.Text>
            </>
          )}
          <Descriptions size="small" style={{ marginTop: 8 }} items={[{ key: 't', label: '合计', children: `${formatMoney(sheet.data.totalFen)} 元（${sheet.data.upper}）` }, { key: 's', label: '状态', children: sheet.data.settled ? '已结算' : '未结算' }]} />
          {!sheet.data.settled && <WhyDisabled reason={sheet.data.hold ?? (!sheet.data.lines.length && '尚无通过县级验收的作业可结算')}><Button type="primary" disabled={!!sheet.data.hold || !sheet.data.lines.length} onClick={() => void settle()}>结算并报县财政局</Button></WhyDisabled>}
        </Card>
      )}
      {!orgId && <Typography.Text type="secondary">选择服务组织后显示其本季作业、验收与结算。</Typography.Text>}
    </Space>
  );
}
