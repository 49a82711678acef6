/**
 * 审计抽查 (交政办发〔2022〕8号 六、（二）): the 县审计局 draws a share of the year's paid projects by a recorded seed,
 * concludes on each, and refers findings to the 县纪委监委, which receives and closes them. Buttons come from each
 * row's `actions`.
 */
import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { StepActions } from '../../platform/StepActions';
import { useData, useRun } from '../../platform/data';
import { chinaTime } from '../../platform/time';
import { wan4, type FundAuditDraw, type FundAudits, type FundDrawBody, type FundLead, type FundMeta } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const KEYS = [['agrifund', 'audits'] as const, ['agrifund', 'leads'] as const];
const LEAD_COLORS = { referred: 'gold', received: 'blue', closed: 'green' } as const;

export function AuditsTab() {
  const meta = useData<FundMeta>(['agrifund', 'meta'], '/api/agrifund/meta');
  const audits = useData<FundAudits>(['agrifund', 'audits'], '/api/agrifund/audits?year=2022');
  const leads = useData<{ items: FundLead[] }>(['agrifund', 'leads'], '/api/agrifund/leads');
  const { run, pending } = useRun(KEYS);
  const [form] = Form.useForm<{ percent: number; seed?: string }>();
  const [drawn, setDrawn] = useState<string | null>(null);
  const min = audits.data?.minPercent ?? 10;

  const draw = async (v: { percent: number; seed?: string }) => {
    const body: FundDrawBody = { year: 2022, percent: v.percent, ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}) };
    await run(async () => {
      const made = await send<FundAuditDraw>('POST', '/api/agrifund/audits', body);
      setDrawn(`第 ${made.seq} 次抽查：抽中 ${made.projects.length} 个项目（种子 ${made.seed}）`);
    }, '已抽取');
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {audits.data && <Alert type="info" showIcon title={audits.data.rule} description={`每次抽取当年已拨付资金的项目，比例不低于 ${min}%（文件未规定比例，按县里其他抽验「不低于10%」的做法）；抽取所用的种子随结果记录，任何人可据以复核抽取未经人为挑选。`} />}
      {meta.data?.mayAudit && (
        <Card size="small" title="抽取抽查项目">
          <Form form={form} layout="inline" initialValues={{ percent: min }} onFinish={(v) => void draw(v)}>
            <Form.Item name="percent" label="抽查比例（%）" rules={[{ required: true, message: '请填写比例' }]}>
              <InputNumber min={min} max={100} />
            </Form.Item>
            <Form.Item name="seed" label="种子（可不填）">
              <Input placeholder="不填则随机生成" style={{ width: 180 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={pending}>抽取</Button>
          </Form>
          {drawn && <Typography.Paragraph type="success" style={{ marginTop: 8, marginBottom: 0 }}>{drawn}</Typography.Paragraph>}
        </Card>
      )}
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>抽查记录</Typography.Title>
        <a href="/api/agrifund/audits.xlsx?year=2022">导出审计抽查台账（Excel）</a>
      </Space>
      {!audits.loading && !audits.data?.draws.length && <Empty description={meta.data?.mayAudit ? '尚未抽查：在上方填写比例后点「抽取」' : '审计部门尚未开展抽查'} />}
      {audits.data?.draws.map((d) => (
        <Card key={d.id} size="small" data-testid={`audit-draw-${d.seq}`} title={`第 ${d.seq} 次抽查`} extra={d.reproducible ? <Tag color="green">按种子复核一致</Tag> : <Tag color="red">复核不一致</Tag>}>
          {/* On a phone the card's title keeps one line: who, when and how it was drawn go beneath it. */}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{`${chinaTime(d.at)}　${d.by}　从 ${d.population} 个已拨付项目中抽取 ${d.percent}%，种子「${d.seed}」`}</Typography.Paragraph>
          <ResponsiveTable
            size="small"
            rowKey="projectId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={d.projects}
            locale={{ emptyText: '当年尚无已拨付资金的项目，本次未抽中项目' }}
            columns={[
              { title: '项目', dataIndex: 'name' },
              { title: '乡（镇）', dataIndex: 'township' },
              { title: '已拨付（万元）', dataIndex: 'paidWan', align: 'right', render: (v: string) => wan4(v) },
              { title: '结论', render: (_, p) => (p.check ? <Space orientation="vertical" size={0}><span><Tag color={p.check.passed ? 'green' : 'red'}>{p.check.passed ? '通过' : '未通过'}</Tag>{p.check.finding}</span>{p.check.lead && <Typography.Text type="secondary">移交县纪委监委：{p.check.lead.statusLabel}</Typography.Text>}</Space> : '待出具') },
              { title: '办理', render: (_, p) => <StepActions actions={p.actions} invalidates={KEYS} size="small" /> },
            ]}
          />
        </Card>
      ))}
      <Typography.Title level={5}>移交县纪委监委的线索</Typography.Title>
      <ResponsiveTable<FundLead>
        data-testid="audit-leads"
        size="small"
        rowKey="id"
        loading={leads.loading}
        scroll={{ x: 'max-content' }}
        dataSource={leads.data?.items ?? []}
        locale={{ emptyText: '暂无移交的线索：抽查未通过且属违法违纪的，审计人员在结论中选择移交' }}
        columns={[
          { title: '项目', render: (_, l) => `${l.projectName}（${l.township}）` },
          { title: '问题', dataIndex: 'summary' },
          { title: '移交', render: (_, l) => `${l.referredBy} ${chinaTime(l.referredAt)}` },
          { title: '状态', render: (_, l) => <Tag color={LEAD_COLORS[l.status]}>{l.statusLabel}</Tag> },
          { title: '查处结果', render: (_, l) => l.outcome ?? '—' },
          { title: '办理', render: (_, l) => <StepActions actions={l.actions} invalidates={KEYS} size="small" /> },
        ]}
      />
    </Space>
  );
}
