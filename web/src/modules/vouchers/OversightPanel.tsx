/** 异常线索与取消资格: the leads for 公安、市场监管 and 工信局, disqualification with a reason, and lifting it with one. */
import { useState } from 'react';
import { Input, Modal, Space, Tabs, Typography } from 'antd';
import { send } from '../../api';
import { WhyDisabled, useAction } from '../../platform/kit';
import type { DisqualifyRequest, LiftRequest, Oversight } from './contract';
import { chinaMinute } from '../../platform/time';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const SUBJECT = { resident: '居民', merchant: '商户' } as const;

type Ask = { title: string; run: (reason: string) => Promise<unknown> };

/** The leads tab's content; `reload` fetches the leads again after an action. */
export function OversightPanel({ data, reload }: { data: Oversight; reload: () => void }) {
  const [ask, setAsk] = useState<Ask | null>(null);
  const [reason, setReason] = useState('');
  const [act, pending] = useAction(async (a: Ask, r: string) => {
    await a.run(r);
    setAsk(null);
    reload();
  }, '已办理');
  const open = (a: Ask) => {
    setReason('');
    setAsk(a);
  };
  const disqualify = (subject: DisqualifyRequest['subject'], subjectId: number) =>
    open({ title: `取消${SUBJECT[subject]} ${subjectId} 的活动资格`, run: (r) => send<unknown, DisqualifyRequest>('POST', '/api/vouchers/disqualifications', { subject, subjectId, reason: r }) });
  const lift = (id: number, subject: DisqualifyRequest['subject'], subjectId: number) =>
    open({ title: `恢复${SUBJECT[subject]} ${subjectId} 的活动资格`, run: (r) => send<unknown, LiftRequest>('POST', `/api/vouchers/disqualifications/${id}/lift`, { reason: r }) });
  return (
    <>
      <Tabs
        size="small"
        items={[
          {
            key: 'leads',
            label: `线索（${data.items.length}）`,
            children: (
              <ResponsiveTable
                size="small"
                scroll={{ x: true }}
                rowKey={(r) => `${r.kind}-${r.merchantId}-${r.residentId}-${r.detail}`}
                dataSource={data.items}
                locale={{ emptyText: '近 14 天没有异常线索：集中核销、同一设备多人领券等情况出现时列在这里' }}
                columns={[
                  { title: '类型', dataIndex: 'kind' },
                  { title: '商户', dataIndex: 'merchantId' },
                  { title: '居民', dataIndex: 'residentId' },
                  { title: '情况', dataIndex: 'detail' },
                  {
                    title: '查实后处理',
                    render: (_: unknown, r: Oversight['items'][number]) => (
                      <Space>
                        {r.residentId && <a onClick={() => disqualify('resident', r.residentId!)}>取消居民资格</a>}
                        {r.merchantId && <a onClick={() => disqualify('merchant', r.merchantId!)}>取消商户资格</a>}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'disqualified',
            label: `已取消资格（${data.disqualified.length}）`,
            children: (
              <ResponsiveTable
                size="small"
                scroll={{ x: true }}
                rowKey="id"
                dataSource={data.disqualified}
                locale={{ emptyText: '没有被取消资格的居民或商户：线索查实后，在「线索」中取消其资格' }}
                columns={[
                  { title: '对象', render: (_: unknown, r: Oversight['disqualified'][number]) => `${SUBJECT[r.subject]} ${r.subject_id}` },
                  { title: '理由', dataIndex: 'reason' },
                  { title: '办理人', dataIndex: 'by_user' },
                  { title: '时间', dataIndex: 'at', render: (v: string) => chinaMinute(v) },
                  { title: '', render: (_: unknown, r: Oversight['disqualified'][number]) => <a onClick={() => lift(r.id, r.subject, r.subject_id)}>恢复资格</a> },
                ]}
              />
            ),
          },
          {
            key: 'lifted',
            label: `已恢复（${data.lifted.length}）`,
            children: (
              <ResponsiveTable
                size="small"
                scroll={{ x: true }}
                rowKey="id"
                dataSource={data.lifted}
                locale={{ emptyText: '没有恢复过资格的居民或商户' }}
                columns={[
                  { title: '对象', render: (_: unknown, r: Oversight['lifted'][number]) => `${SUBJECT[r.subject]} ${r.subject_id}` },
                  { title: '取消理由', dataIndex: 'reason' },
                  { title: '恢复理由', dataIndex: 'lift_reason' },
                  { title: '恢复人', dataIndex: 'lifted_by' },
                  { title: '恢复时间', dataIndex: 'lifted_at', render: (v: string) => chinaMinute(v) },
                ]}
              />
            ),
          },
        ]}
      />
      <Modal open={!!ask} title={ask?.title} okText="确定" cancelText="取消" confirmLoading={pending} okButtonProps={{ disabled: reason.trim().length < 2 }}
        footer={(_, { OkBtn, CancelBtn }) => (
          <>
            <CancelBtn />
            <WhyDisabled reason={reason.trim().length < 2 && '请填写理由（至少 2 个字）'}>
              <OkBtn />
            </WhyDisabled>
          </>
        )}
        onCancel={() => setAsk(null)}
        onOk={() => ask && act(ask, reason.trim())}
      >
        <Typography.Paragraph type="secondary">理由写入审计日志；商户被取消资格后不再出现在公开的商户名单中。</Typography.Paragraph>
        <Input.TextArea aria-label="理由" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="查实的情况或恢复的依据" />
      </Modal>
    </>
  );
}
