/** The farmer's phone: contracts on my plots, each piece of work to confirm or dispute, and what I pay after the subsidy. */
import { useState } from 'react';
import { Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { formatMoney, PageHeader, useAction, useApi } from '../../platform/kit';
import type { TrusteeshipContract, TrusteeshipWork } from './contract';

const FARMER = { pending: '待确认', confirmed: '已确认', disputed: '有异议' } as const;

function Works({ contract }: { contract: TrusteeshipContract }) {
  const works = useApi<{ items: TrusteeshipWork[] }>(`/api/trusteeship/contracts/${contract.id}/works`);
  const [note, setNote] = useState('');
  const [answer] = useAction(async (id: number, confirm: boolean) => {
    await send('POST', `/api/trusteeship/works/${id}/answer`, { confirm, note: note || null });
    works.reload();
  }, '已提交');
  return (
    <List
      size="small"
      dataSource={works.data?.items ?? []}
      locale={{ emptyText: '服务组织尚未填写作业确认单' }}
      renderItem={(w) => (
        <List.Item data-testid="farmer-work">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{w.stageName}</Typography.Text>
              <span>{w.workDate}</span>
              <span>{w.areaMu} 亩{w.passes > 1 ? ` × ${w.passes} 次` : ''}</span>
              <Tag color={w.farmerStatus === 'confirmed' ? 'green' : w.farmerStatus === 'disputed' ? 'red' : 'gold'}>{FARMER[w.farmerStatus]}</Tag>
            </Space>
            <span>服务价 {formatMoney(w.priceFen)} 元，财政补助 {formatMoney(w.subsidyFen)} 元，我付 <b>{formatMoney(w.farmerPaysFen)}</b> 元</span>
            {w.farmerStatus === 'pending' && (
              <Space wrap>
                <Input aria-label="异议说明" placeholder="有异议时请说明" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 200 }} />
                <Button type="primary" onClick={() => void answer(w.id, true)}>确认作业</Button>
                <Button danger disabled={note.trim().length < 2} onClick={() => void answer(w.id, false)}>提出异议</Button>
              </Space>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function FarmerPage() {
  const contracts = useApi<{ items: TrusteeshipContract[] }>('/api/trusteeship/contracts?season=2022');
  return (
    <>
      <PageHeader title="我的托管">交政办发〔2022〕16号：服务组织只向农户收取补助后的差价。</PageHeader>
      {contracts.data && !contracts.data.items.length && <Empty description="没有托管合同" />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {(contracts.data?.items ?? []).map((c) => (
          <Card key={c.id} size="small" title={`${c.location} · ${c.crop} · ${c.areaMu} 亩`} data-testid="farmer-contract">
            <Typography.Paragraph type="secondary">作业期限 {c.periodFrom} 至 {c.periodTo}；{c.quality}</Typography.Paragraph>
            <Works contract={c} />
          </Card>
        ))}
      </Space>
    </>
  );
}
