/**
 * 资金与结算 (交政办发〔2022〕13号 四、（二）（三）): the tranches the 工信局 releases to the platform's account and what
 * redemptions drew on it; settlement statements 平台报送 → 县工信局审核 → 县财政局备案 → 结算, each by its own body.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Input, InputNumber, Popover, Row, Space, Statistic, Steps } from 'antd';
import type { Dayjs } from 'dayjs';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import { WhyDisabled, formatMoney } from '../../platform/kit';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import type { Funds, Statement, TrancheRequest } from './contract';
import { chinaMinute } from '../../platform/time';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** The fund and the statements: a tranche reloads the fund, a statement's step the statements (and the fund's use). */
const FUNDS = ['vouchers', 'funds'] as const;
const STATEMENTS = ['vouchers', 'statements'] as const;

/** The tab's content; each statement's buttons are the step the server offers this reader on it (its `actions`). */
export function FundsPanel() {
  const funds = useData<Funds>(FUNDS, '/api/vouchers/funds');
  const statements = useData<{ items: Statement[] }>(STATEMENTS, '/api/vouchers/statements');
  const [amount, setAmount] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const releasing = useRun([FUNDS]);
  const reporting = useRun([STATEMENTS]);
  const release = () => releasing.run(() => send<Funds, TrancheRequest>('POST', '/api/vouchers/funds/tranches', { amountFen: Math.round(amount! * 100), note }), '已拨付');
  const report = () => reporting.run(() => send('POST', '/api/vouchers/statements', { from: period![0].format('YYYY-MM-DD'), to: period![1].format('YYYY-MM-DD') }), '结算单已报送');
  const f = funds.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {f && (
        <Row gutter={16}>
          <Col xs={12} md={6}><Statistic title="财政资金（元）" value={formatMoney(f.budgetFen)} /></Col>
          <Col xs={12} md={6}><Statistic title="已拨付至平台专户（元）" value={formatMoney(f.releasedFen)} /></Col>
          <Col xs={12} md={6}><Statistic title="已核销（元）" value={formatMoney(f.usedFen)} /></Col>
          <Col xs={12} md={6}><Statistic title="专户余额（元）" value={formatMoney(f.balanceFen)} /></Col>
        </Row>
      )}
      {f?.warning && <Alert type="warning" showIcon title="已核销金额接近已拨付资金：余额不足时核销将被拒绝，请县工信局拨付下一批资金" />}
      <Card size="small" title="分批次拨付（县工信局）">
        <Space wrap>
          <Space.Compact>
            <InputNumber aria-label="拨付金额（元）" min={0.01} precision={2} value={amount} onChange={setAmount} />
            <Space.Addon>元</Space.Addon>
          </Space.Compact>
          <Input aria-label="拨付说明" value={note} onChange={(e) => setNote(e.target.value)} placeholder="批次、依据" style={{ width: 240 }} />
          <WhyDisabled reason={!amount ? '请填写拨付金额' : note.trim().length < 2 && '请填写拨付说明（批次、依据，至少 2 个字）'}>
            <Button type="primary" loading={releasing.pending} disabled={!amount || note.trim().length < 2} onClick={() => void release()}>拨付</Button>
          </WhyDisabled>
        </Space>
        <ResponsiveTable size="small" rowKey="id" pagination={false} style={{ marginTop: 8 }} dataSource={f?.tranches ?? []} locale={{ emptyText: '尚未拨付：县工信局每拨付一批资金至平台专户，逐批记在这里' }} columns={[
          { title: '批次', render: (_: unknown, _r: unknown, i: number) => `第 ${i + 1} 批` },
          { title: '金额（元）', dataIndex: 'amountFen', render: formatMoney },
          { title: '说明', dataIndex: 'note' },
          { title: '经办', dataIndex: 'by' },
          { title: '时间', dataIndex: 'at', render: (v: string) => chinaMinute(v) },
        ]} />
      </Card>
      <Card size="small" title="结算单（平台报送 → 县工信局审核 → 县财政局备案 → 结算）">
        <Space wrap style={{ marginBottom: 8 }}>
          <DatePicker.RangePicker aria-label="结算期间" value={period} onChange={(v) => setPeriod(v as [Dayjs, Dayjs] | null)} />
          <WhyDisabled reason={!period && '请先选择结算期间'}>
            <Button loading={reporting.pending} disabled={!period} onClick={() => void report()}>报送结算单（投放平台）</Button>
          </WhyDisabled>
        </Space>
        <ResponsiveTable
          size="small"
          rowKey="id"
          scroll={{ x: true }}
          dataSource={statements.data?.items ?? []}
          locale={{ emptyText: '还没有结算单：投放平台按结算期间报送后列在这里，再由县工信局审核、县财政局备案' }}
          columns={[
            { title: '期间', render: (_: unknown, s: Statement) => `${s.from} 至 ${s.to}` },
            { title: '笔数', dataIndex: 'count' },
            { title: '结算金额（元）', dataIndex: 'redeemedFen', render: formatMoney },
            { title: '大写', dataIndex: 'redeemedUpper' },
            {
              title: '进度',
              render: (_: unknown, s: Statement) => <Steps size="small" current={s.steps.findIndex((x) => !x.by) === -1 ? 4 : s.steps.findIndex((x) => !x.by)} items={s.steps.map((x) => ({ title: x.label, content: x.by ?? '' }))} />,
            },
            {
              title: '',
              render: (_: unknown, s: Statement) => (
                <Space>
                  <StepActions actions={s.actions ?? []} invalidates={[STATEMENTS]} />
                  <Popover title="办理记录" trigger="click" content={<StepTimeline entries={s.timeline ?? []} />}>
                    <Button size="small">办理记录</Button>
                  </Popover>
                  <Button size="small" href={`/api/vouchers/statements/${s.id}/xlsx`}>Excel</Button>
                  <Button size="small" href={`/api/vouchers/statements/${s.id}/print`} target="_blank">打印</Button>
                  <Button size="small" href={`/api/vouchers/statements/${s.id}/pdf`}>PDF</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
