/** The household's phone: my toilet's renovation, what the government pays, and my signature on the acceptance. */
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { formatMoney, PageHeader } from '../../platform/kit';
import { useData, useRun } from '../../platform/data';
import { StepTimeline } from '../../platform/Timeline';
import { RecordList } from '../../platform/RecordList';
import type { ToiletHousehold, ToiletHouseholdDetail } from './contract';
import { OLD_PARTS } from '../../../../server/src/modules/toilets/toilets.rules.js';
import { TOILETS } from './HouseholdPanel';
import { chinaDate } from '../../platform/time';

function Mine({ id }: { id: number }) {
  const d = useData<ToiletHouseholdDetail>([...TOILETS, 'households', id], `/api/toilets/households/${id}`);
  const { run, pending } = useRun([TOILETS]);
  const h = d.data;
  if (!h) return null;
  // The household's own signature, when the server offers it (completed, not yet signed).
  const mine = h.actions.find((a) => a.step === 'accept' && a.allowed);
  return (
    <Card size="small" title={`${h.address}　${h.modeName ?? h.currentTypeName}`} data-testid="my-toilet">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Tag color={h.status === 'accepted' ? 'green' : 'blue'}>{h.statusLabel}</Tag>
        {h.toiletNo && <Typography.Text>厕所编号：{h.toiletNo}</Typography.Text>}
        {(h.subsidyFen ?? h.plannedFen) !== null && (
          <Typography.Text>
            政府补助：{formatMoney((h.subsidyFen ?? h.plannedFen)!)} 元{h.subsidyFen === null ? '（计划，验收后核定）' : ''}
            {h.split ? `，其中省级 ${formatMoney(h.split.provinceFen)} 元、县级 ${formatMoney(h.split.countyFen)} 元` : ''}。不足部分由村集体或个户负担。
          </Typography.Text>
        )}
        {h.superstructurePassed === false && <Typography.Text type="warning">地上厕屋未达标准，厕屋 {OLD_PARTS.superstructureFen / 100} 元以奖代补不予补助。</Typography.Text>}
        <RecordList size="small" header="五方签字验收" items={h.signatures} rowKey="party" emptyText="完工后，五方在这里逐一签字" itemRender={(s) => <>{s.name}：{s.signer ? `${s.signer}（${s.at ? chinaDate(s.at) : ''}）` : '未签'}</>} />
        {mine && <Button type="primary" block size="large" loading={pending} onClick={() => void run(() => send('POST', mine.path, mine.body), '已签字确认')}>确认验收并签字</Button>}
        <StepTimeline entries={h.timeline} />
      </Space>
    </Card>
  );
}

export function MyToiletPage() {
  const list = useData<{ items: ToiletHousehold[] }>([...TOILETS, 'households', 'mine'], '/api/toilets/households');
  return (
    <>
      <PageHeader title="我家的改厕">村委会登记时关联了您的账号的，可在此查看进度并在完工后签字验收。</PageHeader>
      {list.data && !list.data.items.length ? <Empty description="没有关联到您账号的改厕档案：请村委会在摸底登记时填写您的账号，之后在这里查看进度" /> : (list.data?.items ?? []).map((h) => <Mine key={h.id} id={h.id} />)}
    </>
  );
}
