/** 验收与拨付: the township's money, its request for acceptance, the county's spot checks and the three payments. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { WhyDisabled, formatMoney } from '../../platform/kit';
import { useData, useRun } from '../../platform/data';
import { SPOT_CHECK_PERCENT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { Unit } from '../directory/contract';
import type { ToiletPayments, ToiletSpotDraw } from './contract';
import { TOILETS } from './HouseholdPanel';
import { chinaDate } from '../../platform/time';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Stage = ToiletPayments['stages'][number];
type Drawn = ToiletSpotDraw['households'][number];

/** One drawn household's check: its own opinion, so typing in one row never fills another's. */
function CheckCell({ h }: { h: Drawn }) {
  const [note, setNote] = useState('');
  const { run } = useRun([TOILETS]);
  const check = (passed: boolean) => void run(() => send('POST', `/api/toilets/households/${h.id}/spot-check`, { passed, note }), '抽查结果已记录');
  return (
    <Space wrap>
      <Input size="small" aria-label="抽查意见" placeholder="抽查意见" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 180 }} />
      <WhyDisabled reason={note.trim().length < 2 && '请先填写抽查意见（至少 2 个字）'}>
        <Button size="small" disabled={note.trim().length < 2} onClick={() => check(true)}>合格</Button>
      </WhyDisabled>
      <WhyDisabled reason={note.trim().length < 2 && '请先填写抽查意见（至少 2 个字）'}>
        <Button size="small" danger disabled={note.trim().length < 2} onClick={() => check(false)}>不合格</Button>
      </WhyDisabled>
    </Space>
  );
}

export function PaymentsTab({ units }: { units: Unit[] }) {
  const { user, can } = useAuth();
  // A township reads its own; the county picks one. The county's steps are the office's (the server refuses others).
  const own = can('toilets.township') ? (user?.unitId ?? null) : null;
  const county = can('toilets.county');
  const [picked, setPicked] = useState<number | null>(null);
  const townshipId = own ?? picked;
  const p = useData<ToiletPayments>([...TOILETS, 'payments', townshipId], townshipId ? `/api/toilets/townships/${townshipId}/payments` : null);
  // The draw is the server's record, made once per application: the page shows it rather than keeping its own.
  const recorded = useData<{ draw: ToiletSpotDraw | null }>([...TOILETS, 'spot-draw', townshipId], county && townshipId && p.data?.acceptanceRequestedAt ? `/api/toilets/townships/${townshipId}/spot-draw` : null);
  const drawn = recorded.data?.draw ?? null;
  const [seed, setSeed] = useState('');
  const { run } = useRun([TOILETS]);
  const release = (stage: number) => void run(() => send('POST', `/api/toilets/townships/${townshipId}/payments`, { stage }), '已拨付');
  const request = () => void run(() => send('POST', '/api/toilets/acceptance-request'), '已向县农业农村局提出验收申请');
  const draw = () => void run(() => send('POST', `/api/toilets/townships/${townshipId}/spot-draw`, { seed }), '抽查名单已抽取并记录');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!own && <Select aria-label="乡镇" placeholder="选择乡镇" style={{ width: 200 }} value={picked} onChange={setPicked} notFoundContent="组织机构中没有乡镇" options={units.filter((u) => u.kind === 'township').map((u) => ({ value: u.id, label: u.name }))} />}
      {!townshipId && <Typography.Text type="secondary">选择乡镇后，查看其改厕资金、验收申请、抽查和三笔拨付</Typography.Text>}
      {p.data && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={[
            { key: 'a', label: '总资金（签订协议农户的计划补助）', children: `${formatMoney(p.data.allocationFen)} 元（${p.data.households} 户）` },
            { key: 'b', label: '开工 / 完工 / 验收', children: `${p.data.started} / ${p.data.completed} / ${p.data.accepted} 户` },
            { key: 'c', label: '验收核定补助', children: `${formatMoney(p.data.acceptedTotalFen)} 元（省级 ${formatMoney(p.data.acceptedSplit.provinceFen)}，县级 ${formatMoney(p.data.acceptedSplit.countyFen)}）` },
            { key: 'd', label: '已拨付', children: `${formatMoney(p.data.paidFen)} 元` },
            { key: 'e', label: '验收申请', children: (p.data.acceptanceRequestedAt ? chinaDate(p.data.acceptanceRequestedAt) : '未提出') },
            { key: 'f', label: '抽查验收', children: `${p.data.spotChecks.done} / ${p.data.spotChecks.need} 户${p.data.spotChecks.failed ? `，不合格 ${p.data.spotChecks.failed}` : ''}` },
          ]} />
          <ResponsiveTable size="small" rowKey="stage" pagination={false} scroll={{ x: true }} dataSource={p.data.stages} locale={{ emptyText: '该乡镇还没有签订协议的改厕户，暂无拨付' }} columns={[
            { title: '拨付', render: (_: unknown, s: Stage) => `第 ${s.stage} 笔：${s.name}` },
            { title: '比例', dataIndex: 'percent', render: (v: number, s: Stage) => (s.stage === 3 ? `${v}%（以审核为准结算）` : `${v}%`) },
            { title: '金额（元）', dataIndex: 'amountFen', render: formatMoney },
            { title: '条件', render: (_: unknown, s: Stage) => (s.paid ? <Tag color="green">已拨付 {s.paidAt ? chinaDate(s.paidAt) : ''}</Tag> : s.hold ? <Tag color="orange">{s.hold}</Tag> : <Tag color="blue">条件已满足</Tag>) },
            { title: '', render: (_: unknown, s: Stage) => (county && !s.paid && !s.hold ? <Button size="small" type="primary" onClick={() => release(s.stage)}>拨付</Button> : null) },
          ]} />
          {own && !p.data.acceptanceRequestedAt && <Button onClick={request}>向县农业农村局提出验收申请</Button>}
          {county && p.data.acceptanceRequestedAt && (
            <Card size="small" title={`抽查验收（不少于 ${SPOT_CHECK_PERCENT}%）`}>
              {drawn ? (
                <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`抽查名单：${drawn.by} 于 ${new Date(drawn.at).toLocaleString('zh-CN', { hour12: false })} 按种子「${drawn.seed}」从 ${drawn.of} 座中抽取 ${drawn.size} 户（每次验收申请只抽取一次，只有名单内的户可录入抽查结果）`} />
              ) : (
                <Space wrap style={{ marginBottom: 8 }}>
                  <Input aria-label="抽查种子" placeholder="种子：如抽查日期与批次" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 220 }} />
                  <WhyDisabled reason={seed.trim().length < 4 && '请先填写种子（至少 4 个字，如抽查日期与批次）'}>
                    <Button disabled={seed.trim().length < 4} onClick={draw}>抽取</Button>
                  </WhyDisabled>
                </Space>
              )}
              <ResponsiveTable size="small" rowKey="id" pagination={false} dataSource={drawn?.households ?? []} locale={{ emptyText: drawn ? '名单中没有户' : '尚未抽取：填写种子抽取后，名单内各户列在这里，逐户录入抽查结果' }} columns={[
                { title: '户主', dataIndex: 'headName' },
                { title: '厕所编号', dataIndex: 'toiletNo' },
                { title: '模式', dataIndex: 'modeName' },
                { title: '抽查结果', render: (_: unknown, h: Drawn) => (h.check ? <Tag color={h.check.passed ? 'green' : 'red'}>{h.check.passed ? '合格' : '不合格'}：{h.check.note}</Tag> : <Tag>待抽查</Tag>) },
                { title: '', render: (_: unknown, h: Drawn) => <CheckCell h={h} /> },
              ]} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
