/**
 * 农业生产托管 (交政办发〔2022〕16号): service organisations apply and record contracts and work; townships recommend
 * and accept first; the 县现代农业发展服务中心 reviews, signs, accepts, samples and settles. The server decides who
 * may do what: each record's buttons and forms are its `actions`; one file per tab.
 */
import { Button, Space, Tabs, Typography } from 'antd';
import { useAuth } from '../../auth';
import { useData } from '../../platform/data';
import { PageHeader } from '../../platform/kit';
import type { Unit } from '../directory/contract';
import { AcceptanceTab } from './AcceptanceTab';
import { ContractsTab } from './ContractsTab';
import type { TrusteeshipOrg } from './contract';
import { DashboardTab } from './DashboardTab';
import { KEYS, SEASON } from './keys';
import { OrgsTab } from './OrgsTab';

export function TrusteeshipPage() {
  const { can } = useAuth();
  // Accounts outside the directory (service organisations) pick from the public divisions (townships and villages).
  const units = useData<{ items: Unit[] }>(['directory', can('directory.read') ? 'units' : 'places'], can('directory.read') ? '/api/directory/units' : '/api/directory/places');
  const orgs = useData<{ items: TrusteeshipOrg[] }>(KEYS.orgs, '/api/trusteeship/orgs');
  const u = units.data?.items ?? [];
  const o = orgs.data?.items ?? [];
  return (
    <>
      <PageHeader title="农业生产托管" extra={<Space><Button href="/api/trusteeship/orgs.xlsx">服务组织台账</Button><Button href={`/api/trusteeship/works.xlsx?season=${SEASON}`}>作业台账</Button></Space>}>
        交政办发〔2022〕16号：服务组织申请 → 村和乡镇推荐 → 托管领导组会审 → 公示；乡镇初验与县级验收各公示不少于 5 个工作日，市级抽验不低于 10%；单季亩均补助不超过 100 元。
      </PageHeader>
      <Typography.Text type="secondary">每条记录显示您可办理的事项；不能办理的，按钮上说明原因。</Typography.Text>
      <Tabs
        items={[
          { key: 'orgs', label: '服务组织', children: <OrgsTab units={u} /> },
          { key: 'contracts', label: '合同与作业', children: <ContractsTab units={u} orgs={o} /> },
          // Acceptance and settlement are the townships' and the county's (whoever may accept).
          ...(can('trusteeship.accept') ? [{ key: 'accept', label: '验收与结算', children: <AcceptanceTab orgs={o} /> }] : []),
          ...(can('trusteeship.apply') ? [] : [{ key: 'dash', label: '看板', children: <DashboardTab /> }]),
        ]}
      />
    </>
  );
}
