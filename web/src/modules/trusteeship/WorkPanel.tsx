/** A contract's 作业确认单: each work's steps from its `actions` (the farmer's answer, the paper form, the township's check), its evidence and step log; the organisation's form for a new one. */
import { useState } from 'react';
import { Button, DatePicker, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { formatMoney, WhyDisabled } from '../../platform/kit';
import { Attachments } from '../../platform/Attachments';
import { useData, useRun } from '../../platform/data';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import type { TrusteeshipContract, TrusteeshipWork, WorkRequest } from './contract';
import { KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const statusColor = (s: TrusteeshipWork['status']) => (s === 'disputed' ? 'red' : s === 'pending' ? 'gold' : 'green');

export function WorkPanel({ contract }: { contract: TrusteeshipContract }) {
  const { can } = useAuth();
  const works = useData<{ items: TrusteeshipWork[] }>(KEYS.works(contract.id), `/api/trusteeship/contracts/${contract.id}/works`);
  const [stage, setStage] = useState<string | null>(null);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [area, setArea] = useState<string>('');
  const [passes, setPasses] = useState<number | null>(1);
  const [evidence, setEvidence] = useState('');
  const { run } = useRun([KEYS.all]);
  const record = () =>
    run(() => send('POST', '/api/trusteeship/works', { contractId: contract.id, stage: stage as WorkRequest['stage'], workDate: date!.format('YYYY-MM-DD'), areaMu: area, passes: passes ?? 1, evidence } satisfies WorkRequest), '作业确认单已填写，待农户确认');
  // The organisation's account is the one the server lets attach; whether it may now, the server decides on upload.
  const mayRecord = can('trusteeship.apply');
  const missing = !stage ? '请选择作业环节' : !date ? '请选择作业日期' : !area ? '请填写作业面积' : evidence.trim().length < 2 ? '请填写作业凭证（照片、监测面积记录）' : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ResponsiveTable
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={works.data?.items ?? []}
        locale={{ emptyText: mayRecord ? '尚无作业确认单：作业完成后在下方填写，农户确认后才能验收' : '尚无作业记录：服务组织登记作业、农户确认后显示在这里' }}
        expandable={{
          expandedRowRender: (w: TrusteeshipWork) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Attachments entity="trusteeship_work" entityId={w.id} canAttach={mayRecord && !w.townshipAreaMu} label="上传作业照片、监测面积记录" />
              {/* The organisation records the farmer's confirmation only with the signed paper form uploaded here. */}
              <Typography.Text strong>农户签字的纸质确认单</Typography.Text>
              <Attachments entity="trusteeship_work_paper" entityId={w.id} canAttach={mayRecord && w.status === 'pending'} label="上传农户签字的确认单（扫描件或照片）" />
              <Typography.Text strong>办理记录</Typography.Text>
              <StepTimeline entries={w.timeline} />
            </Space>
          ),
        }}
        columns={[
          { title: '环节', dataIndex: 'stageName' },
          { title: '日期', dataIndex: 'workDate' },
          { title: '面积（亩）', render: (_: unknown, w: TrusteeshipWork) => `${w.areaMu}${w.passes > 1 ? ` × ${w.passes} 次` : ''}` },
          { title: '状态', render: (_: unknown, w: TrusteeshipWork) => <Tag color={statusColor(w.status)}>{w.statusLabel}</Tag> },
          { title: '初验/县验（亩）', render: (_: unknown, w: TrusteeshipWork) => `${w.townshipAreaMu ?? '—'} / ${w.countyAreaMu ?? '—'}` },
          { title: '补助（元）', dataIndex: 'subsidyFen', render: formatMoney },
          { title: '办理', render: (_: unknown, w: TrusteeshipWork) => <StepActions actions={w.actions} invalidates={[KEYS.all]} /> },
        ]}
      />
      {mayRecord && (
        <Space wrap>
          <Select aria-label="作业环节" placeholder="环节" style={{ width: 180 }} value={stage} onChange={setStage} notFoundContent="合同未约定服务环节" options={contract.stages.map((s) => ({ value: s.code, label: s.name }))} />
          <DatePicker aria-label="作业日期" value={date} onChange={setDate} />
          <Input aria-label="作业面积（亩）" placeholder="面积（亩）" value={area} onChange={(e) => setArea(e.target.value)} style={{ width: 110 }} />
          <Space.Compact>
            <InputNumber aria-label="次数" min={1} max={10} value={passes} onChange={setPasses} style={{ width: 80 }} />
            <Space.Addon>次</Space.Addon>
          </Space.Compact>
          <Input aria-label="作业凭证" placeholder="照片、监测面积记录" value={evidence} onChange={(e) => setEvidence(e.target.value)} style={{ width: 200 }} />
          <WhyDisabled reason={missing}>
            <Button type="primary" disabled={!!missing} onClick={() => void record()}>
              填写确认单
            </Button>
          </WhyDisabled>
        </Space>
      )}
    </Space>
  );
}
