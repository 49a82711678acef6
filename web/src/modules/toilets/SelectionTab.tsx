/** 指标与公示: the townships' quotas, the villages' coverage, the list's notice and its objections, the tenders. */
import { useState } from 'react';
import { Button, Card, Form, Input, Progress, Space, Tag, Typography } from 'antd';
import { yuanToFen } from '../../../../server/src/core/money.js';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { WhyDisabled, formatMoney } from '../../platform/kit';
import { useData, useRun } from '../../platform/data';
import { NOTICE_DAYS, WHOLE_VILLAGE_PERCENT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { ToiletBatch, ToiletsTotals } from './contract';
import { TOILETS } from './HouseholdPanel';
import { pct } from './SurveyTab';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Coverage = ToiletsTotals['villages'][number];
type Quota = { township: string; townshipId: number | null; hint: string | null; buckets: { bucket: string; label: string; cap: number; used: number }[] };
type BatchRow = { id: number; village: string; noticeId: number; noticeEnd: string; households: number; ended: boolean };
type Tender = { id: number; item: string; winner: string; priceFen: number; documentNo: string };

/** One objection's resolution: its own text, so typing in one row never fills another's. */
function Resolve({ batchId, objectionId }: { batchId: number; objectionId: number }) {
  const [text, setText] = useState('');
  const { run } = useRun([TOILETS]);
  return (
    <Space>
      <Input size="small" aria-label="处理结果" value={text} onChange={(e) => setText(e.target.value)} />
      <WhyDisabled reason={text.trim().length < 2 && '请先填写处理结果（至少 2 个字）'}>
        <Button size="small" disabled={text.trim().length < 2} onClick={() => void run(() => send('POST', `/api/toilets/batches/${batchId}/objections/${objectionId}/resolve`, { resolution: text }), '已记录处理结果')}>记录</Button>
      </WhyDisabled>
    </Space>
  );
}

export function SelectionTab() {
  const { can } = useAuth();
  // The township's own work: putting its villages' lists on notice, resolving objections, recording tenders.
  const township = can('toilets.township');
  const coverage = useData<{ items: Coverage[] }>([...TOILETS, 'coverage'], '/api/toilets/coverage');
  const quotas = useData<{ items: Quota[] }>([...TOILETS, 'quotas'], '/api/toilets/quotas');
  const batches = useData<{ items: BatchRow[] }>([...TOILETS, 'batches'], '/api/toilets/batches');
  const tenders = useData<{ items: Tender[] }>([...TOILETS, 'tenders'], '/api/toilets/tenders');
  const [batchId, setBatchId] = useState<number | null>(null);
  const batch = useData<ToiletBatch>([...TOILETS, 'batches', batchId], batchId ? `/api/toilets/batches/${batchId}` : null);
  const [tenderForm] = Form.useForm();
  const { run } = useRun([TOILETS]);
  const publish = (villageId: number) => void run(() => send<ToiletBatch>('POST', `/api/toilets/villages/${villageId}/notice`), (b) => `已公示，公示期至 ${b.noticeEnd}`);
  const tender = async (v: { item: string; winner: string; price: string; documentNo: string }) => {
    if (await run(() => send('POST', '/api/toilets/tenders', { item: v.item, winner: v.winner, priceFen: yuanToFen(v.price, 'price'), documentNo: v.documentNo }), '中标结果已登记')) tenderForm.resetFields();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
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
      <ResponsiveTable size="small" rowKey="villageId" scroll={{ x: true }} dataSource={coverage.data?.items ?? []} locale={{ emptyText: '还没有摸底登记的村：村委会摸底登记后，各村可达普及率列在这里' }} columns={[
        { title: '村', dataIndex: 'village' },
        { title: '摸底户数', dataIndex: 'households' },
        { title: '已达标', dataIndex: 'sanitary' },
        { title: '愿改', dataIndex: 'wishing' },
        { title: '已确定', dataIndex: 'chosen' },
        { title: '可达普及率', render: (_: unknown, v: Coverage) => <Tag color={v.canReach ? 'green' : 'default'}>{pct(v.reachablePermille)}{v.canReach ? ' 可整村推进' : ''}</Tag> },
        { title: '', render: (_: unknown, v: Coverage) => (township ? <Button size="small" onClick={() => publish(v.villageId)}>公示本村改厕户名单</Button> : null) },
      ]} />
      <Typography.Text strong>公示（村务公开栏，不少于 {NOTICE_DAYS} 天）</Typography.Text>
      <ResponsiveTable size="small" rowKey="id" scroll={{ x: true }} dataSource={batches.data?.items ?? []} locale={{ emptyText: township ? '还没有公示：在上表点「公示本村改厕户名单」后列在这里' : '乡镇尚未公示改厕户名单：公示后列在这里' }} onRow={(b: BatchRow) => ({ onClick: () => setBatchId(b.id) })} columns={[
        { title: '村', dataIndex: 'village' },
        { title: '户数', dataIndex: 'households' },
        { title: '公示期至', dataIndex: 'noticeEnd' },
        { title: '状态', dataIndex: 'ended', render: (v: boolean) => <Tag color={v ? 'green' : 'blue'}>{v ? '已期满' : '公示中'}</Tag> },
        { title: '', render: (_: unknown, b: BatchRow) => <a href={`/notices/${b.noticeId}`}>查看公示</a> },
      ]} />
      {batch.data && (
        <Card size="small" title="异议及处理">
          {batch.data.objections.length === 0 ? <Typography.Text type="secondary">未收到异议</Typography.Text> : (
            <ResponsiveTable size="small" rowKey="id" pagination={false} dataSource={batch.data.objections} columns={[
              { title: '异议人', dataIndex: 'name' },
              { title: '内容', dataIndex: 'text' },
              { title: '处理结果', dataIndex: 'resolution', render: (v: string | null, o: { id: number }) => v ?? (township ? <Resolve batchId={batch.data!.id} objectionId={o.id} /> : '待处理') },
            ]} />
          )}
        </Card>
      )}
      <Card size="small" title="材料集中招标（价格以中标价为准）">
        <ResponsiveTable size="small" rowKey="id" pagination={false} dataSource={tenders.data?.items ?? []} locale={{ emptyText: township ? '还没有登记中标结果：在下方登记集中招标的材料、中标单位和价格' : '乡镇尚未登记材料集中招标的中标结果' }} columns={[
          { title: '材料', dataIndex: 'item' },
          { title: '中标单位', dataIndex: 'winner' },
          { title: '中标价（元/厕）', dataIndex: 'priceFen', render: formatMoney },
          { title: '文号', dataIndex: 'documentNo' },
        ]} />
        {township && (
          <Form form={tenderForm} layout="inline" onFinish={(v) => void tender(v)} style={{ marginTop: 8 }}>
            <Form.Item name="item" rules={[{ required: true, message: '材料' }]}><Input placeholder="高分子化粪池、管材、便池、冲水筒" /></Form.Item>
            <Form.Item name="winner" rules={[{ required: true, message: '中标单位' }]}><Input placeholder="中标单位" /></Form.Item>
            <Form.Item name="price" rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: '中标价（元，最多两位小数）' }]}><Input inputMode="decimal" placeholder="元/厕" suffix="元" /></Form.Item>
            <Form.Item name="documentNo" rules={[{ required: true, message: '文号' }]}><Input placeholder="中标通知书编号" /></Form.Item>
            <Button htmlType="submit">登记</Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
