/** The farmer's phone: contracts on my plots, each piece of work to confirm or dispute (its own buttons and form), and what I pay after the subsidy. */
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { useData } from '../../platform/data';
import { formatMoney, PageHeader } from '../../platform/kit';
import { StepActions } from '../../platform/StepActions';
import { RecordList } from '../../platform/RecordList';
import type { TrusteeshipContract, TrusteeshipWork } from './contract';
import { KEYS, SEASON } from './keys';

function Works({ contract }: { contract: TrusteeshipContract }) {
  const works = useData<{ items: TrusteeshipWork[] }>(KEYS.works(contract.id), `/api/trusteeship/contracts/${contract.id}/works`);
  return (
    <RecordList
      size="small"
      items={works.data?.items ?? []}
      rowKey="id"
      emptyText="服务组织尚未填写作业确认单：作业完成后由服务组织填写，您在这里确认或提出异议"
      itemRender={(w) => (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="farmer-work">
          <Space wrap>
            <Typography.Text strong>{w.stageName}</Typography.Text>
            <span>{w.workDate}</span>
            <span>{w.areaMu} 亩{w.passes > 1 ? ` × ${w.passes} 次` : ''}</span>
            <Tag color={w.farmerStatus === 'confirmed' ? 'green' : w.farmerStatus === 'disputed' ? 'red' : 'gold'}>{w.farmerStatusLabel}</Tag>
          </Space>
          <span>服务价 {formatMoney(w.priceFen)} 元，财政补助 {formatMoney(w.subsidyFen)} 元，我付 <b>{formatMoney(w.farmerPaysFen)}</b> 元</span>
          <StepActions actions={w.actions} invalidates={[KEYS.works(contract.id)]} />
        </Space>
      )}
    />
  );
}

export function FarmerPage() {
  const contracts = useData<{ items: TrusteeshipContract[] }>(KEYS.contracts, `/api/trusteeship/contracts?season=${SEASON}`);
  return (
    <>
      <PageHeader title="我的托管">交政办发〔2022〕16号：服务组织只向农户收取补助后的差价。</PageHeader>
      {contracts.data && !contracts.data.items.length && <Empty description="本季没有您的托管合同：服务组织与您签订合同并登记后显示在这里" />}
      <Space orientation="vertical" style={{ width: '100%' }}>
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
