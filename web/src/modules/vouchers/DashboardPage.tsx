import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, InputNumber, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, send } from '../../api';
import { useAuth } from '../../auth';
import type { Campaign } from './common';
import { WhyDisabled, formatMoney } from '../../platform/kit';
import { BarsChart } from '../../platform/EChart';
import type { Oversight, Report } from './contract';
import { OversightPanel } from './OversightPanel';
import { FundsPanel } from './FundsPanel';
import { ResponsiveTable } from '../../platform/ResponsiveTable';



function Chart({ report }: { report: Report }) {
  return (
    <BarsChart
      height={300}
      categories={report.byCategory.map((c) => c.category.replace('消费券', ''))}
      series={[
        { name: '领取量', data: report.byCategory.map((c) => c.领取量) },
        { name: '核销量', data: report.byCategory.map((c) => c.核销量) },
      ]}
    />
  );
}

const moneyCols = [
  { title: '投放量', dataIndex: '投放量' },
  { title: '领取量', dataIndex: '领取量' },
  { title: '核销量', dataIndex: '核销量' },
  { title: '核销率', dataIndex: '核销率', render: (v: number) => `${v}%` },
  { title: '核销率（按投放量）', dataIndex: '核销率（按投放量）', render: (v: number) => `${v}%` },
  { title: '订单金额（元）', dataIndex: '订单金额', render: formatMoney },
  { title: '核销金额（元）', dataIndex: '核销金额', render: formatMoney },
  { title: '核销商家数', dataIndex: '核销商家数' },
  { title: '拉动比', dataIndex: '拉动比' },
];

/** The campaign's days: from its first round's opening (or the document's date before launch) to its end. */
function campaignPeriod(c: Campaign): [Dayjs, Dayjs] {
  const first = c.rounds[0]?.opensAt ?? c.documentDate;
  return [dayjs(first.slice(0, 10)), dayjs(c.endsOn)];
}

/** 消费券看板: the document's report fields, settlement, quotas and anti-fraud leads. */
export function DashboardPage() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const [report, setReport] = useState<Report | null>(null);
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  // Null until the campaign is known: the settlement range opens on its first round and closes on its last day.
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [settlement, setSettlement] = useState<{ items: { day: string; merchant: string; count: number; orderFen: number; redeemedFen: number }[]; totalFen: number } | null>(null);
  const [fraud, setFraud] = useState<Oversight | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [launchOn, setLaunchOn] = useState<Dayjs | null>(null);
  const [extendTo, setExtendTo] = useState<Dayjs | null>(null);
  const extend = async () => {
    try {
      const r = await send<{ endsOn: string; rounds: number }>('POST', '/api/vouchers/campaign/end', { to: extendTo!.format('YYYY-MM-DD') });
      message.success(`活动已延长至 ${r.endsOn}，共 ${r.rounds} 轮`);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const launch = async () => {
    try {
      const r = await send<{ rounds: number }>('POST', '/api/vouchers/launch', { date: launchOn!.format('YYYY-MM-DD') });
      message.success(`活动已启动：共 ${r.rounds} 轮`);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const load = async () => {
    try {
      setReport(await api<Report>('/api/vouchers/report'));
      const c = await api<Campaign>('/api/vouchers/campaign');
      setCampaign(c);
      const period = range ?? campaignPeriod(c);
      if (!range) setRange(period);
      setSettlement(await api(`/api/vouchers/settlement?from=${period[0].format('YYYY-MM-DD')}&to=${period[1].format('YYYY-MM-DD')}`));
      // The leads are for 公安、市场监管 and 工信局 only; other officials simply do not get the tab.
      if (can('vouchers.oversight') && (await api<{ allowed: boolean }>('/api/vouchers/fraud/access')).allowed) setFraud(await api<Oversight>('/api/vouchers/fraud'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range]);
  const setReleased = async (roundId: number, kindId: number, released: number | null) => {
    if (released === null) return;
    try {
      await send('PUT', `/api/vouchers/rounds/${roundId}/quotas/${kindId}`, { released });
      message.success('已调整投放量');
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const roundStatus = async (roundId: number, status: 'paused' | 'ended') => {
    try {
      await send('POST', `/api/vouchers/rounds/${roundId}/status`, { status });
      message.success(status === 'paused' ? '本轮已暂停领券' : '本轮已结束');
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      {campaign && campaign.rounds.length > 0 && can('vouchers.manage') && (
        <Card size="small" title="调整活动截止日期（根据活动开展情况可结合实际进行调整）">
          <Space wrap>
            <Typography.Text type="secondary">现在截止于 {campaign.endsOn}；只能延长，新增各轮投放量从 0 起，由专班逐轮投放。</Typography.Text>
            <DatePicker aria-label="新的截止日期" value={extendTo} onChange={setExtendTo} />
            <WhyDisabled reason={!extendTo && '请先选择新的截止日期'}>
              <Button disabled={!extendTo} onClick={() => void extend()}>
                延长活动
              </Button>
            </WhyDisabled>
          </Space>
        </Card>
      )}
      {campaign && !campaign.rounds.length && (
        <Card size="small" title="消费券活动尚未启动" data-testid="launch">
          <Typography.Paragraph>
            方案要求「县政府择日宣布活动启动」：选择宣布启动的日期（须晚于方案成文日期 {campaign.documentDate}），此后至 {campaign.endsOn} 的每个周六上午 10:00 投放一轮；最后一轮的券在 {campaign.endsOn} 22:00 失效。
          </Typography.Paragraph>
          {can('vouchers.manage') ? (
            <Space wrap>
              <DatePicker aria-label="启动日期" value={launchOn} onChange={setLaunchOn} disabledDate={(d) => d.format('YYYY-MM-DD') <= campaign.documentDate} defaultPickerValue={dayjs(campaign.documentDate).add(1, 'day')} />
              <WhyDisabled reason={!launchOn && '请先选择宣布启动的日期'}>
                <Button type="primary" disabled={!launchOn} onClick={() => void launch()}>
                  启动活动
                </Button>
              </WhyDisabled>
            </Space>
          ) : (
            <Typography.Text type="secondary">由县工信局（活动工作专班办公室）启动。</Typography.Text>
          )}
        </Card>
      )}
      {can('vouchers.manage') &&
        campaign?.rounds
          .filter((r) => r.status === 'paused')
          .map((r) => (
            <Alert
              key={r.id}
              type="warning"
              showIcon
              title={`第 ${r.seq} 轮已暂停领券`}
              action={
                <Button size="small" onClick={() => send('POST', `/api/vouchers/rounds/${r.id}/status`, { status: 'scheduled' }).then(() => (message.success('已恢复'), load()))}>
                  恢复
                </Button>
              }
            />
          ))}
      {report && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="领取量（张）" value={report.total.领取量} data-testid="stat-claimed" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="核销量（张）" value={report.total.核销量} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="核销金额（元）" value={formatMoney(report.total.核销金额)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="拉动比（订单÷核销）" value={report.total.拉动比} />
            </Card>
          </Col>
        </Row>
      )}
      <Card>
        <Tabs
          items={[
            {
              key: 'report',
              label: '投放核销',
              children: report && (
                <>
                  <Chart report={report} />
                  <Space style={{ marginBottom: 8 }}>
                    <Button href="/api/vouchers/report.xlsx">导出 Excel</Button>
                  </Space>
                  <ResponsiveTable size="small" rowKey="category" pagination={false} dataSource={report.byCategory} columns={[{ title: '类别', dataIndex: 'category' }, ...moneyCols]} scroll={{ x: 900 }} locale={{ emptyText: '方案尚未设置消费券类别' }} />
                  <Typography.Title level={5}>按轮次、券种</Typography.Title>
                  <ResponsiveTable
                    size="small"
                    rowKey={(r) => `${r.round}-${r.kind}-${r.category}`}
                    dataSource={report.byRoundKind.filter((r) => r.领取量 > 0 || r.round === campaign?.currentRound?.seq)}
                    columns={[{ title: '轮次', dataIndex: 'round' }, { title: '类别', dataIndex: 'category' }, { title: '券种', dataIndex: 'kind' }, ...moneyCols]}
                    scroll={{ x: 1000 }}
                    locale={{ emptyText: campaign && !campaign.rounds.length ? '活动尚未启动：启动后每轮投放、领取和核销按券种统计在这里' : '还没有居民领券：领券后按轮次、券种统计在这里' }}
                  />
                </>
              ),
            },
            {
              key: 'settlement',
              label: '结算',
              children: (
                <>
                  <Space wrap style={{ marginBottom: 8 }}>
                    <DatePicker.RangePicker aria-label="结算日期" value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
                    <WhyDisabled reason={!range && '请先选择结算日期'}>
                      <Button disabled={!range} href={range ? `/api/vouchers/settlement.xlsx?from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}` : undefined}>导出结算单</Button>
                    </WhyDisabled>
                    <Typography.Text strong>应结算合计：{formatMoney(settlement?.totalFen ?? 0)} 元（按实际核销金额）</Typography.Text>
                  </Space>
                  <ResponsiveTable
                    size="small"
                    rowKey={(r) => `${r.day}-${r.merchant}`}
                    dataSource={settlement?.items ?? []}
                    locale={{ emptyText: range ? `${range[0].format('YYYY-MM-DD')} 至 ${range[1].format('YYYY-MM-DD')} 没有核销：商户核销后按日、按商户列在这里，可换个日期范围` : '选择结算日期后，按日、按商户列出核销金额' }}
                    columns={[
                      { title: '日期', dataIndex: 'day' },
                      { title: '商户', dataIndex: 'merchant', cardTitle: true },
                      { title: '笔数', dataIndex: 'count' },
                      { title: '订单金额（元）', dataIndex: 'orderFen', render: formatMoney },
                      { title: '核销金额（元）', dataIndex: 'redeemedFen', render: formatMoney },
                    ]}
                  />
                </>
              ),
            },
            ...(can('vouchers.manage') && campaign?.currentRound
              ? [
                  {
                    key: 'quota',
                    label: `第 ${campaign.currentRound.seq} 轮投放量`,
                    children: (
                      <>
                      <Space style={{ marginBottom: 8 }}>
                        <Button onClick={() => roundStatus(campaign.currentRound!.id, 'paused')}>暂停本轮领券</Button>
                        <Button danger onClick={() => roundStatus(campaign.currentRound!.id, 'ended')}>结束本轮</Button>
                      </Space>
                      <Table
                        size="small"
                        rowKey="id"
                        pagination={false}
                        scroll={{ x: 'max-content' }}
                        dataSource={campaign.categories.flatMap((c) => c.kinds.map((k) => ({ ...k, category: c.name })))}
                        locale={{ emptyText: '方案尚未设置券种，本轮没有可调整的投放量' }}
                        columns={[
                          { title: '类别', dataIndex: 'category' },
                          { title: '券种', dataIndex: 'label' },
                          { title: '剩余', dataIndex: 'remaining' },
                          {
                            title: '投放量',
                            dataIndex: 'released',
                            render: (v: number, k: { id: number }) => <InputNumber min={0} defaultValue={v} onBlur={(e) => setReleased(campaign.currentRound!.id, k.id, Number((e.target as HTMLInputElement).value))} />,
                          },
                        ]}
                      />
                      </>
                    ),
                  },
                ]
              : []),
            { key: 'funds', label: '资金与结算', children: <FundsPanel /> },
            ...(fraud
              ? [
                  {
                    key: 'fraud',
                    label: `异常线索与资格（${fraud.items.length}）`,
                    children: <OversightPanel data={fraud} reload={() => void load()} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
