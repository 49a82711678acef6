import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { api, send } from '../../api';
import { useAuth } from '../../auth';
import type { Merchant } from './contract';
import { PageHeader, useAction } from '../../platform/kit';
import type { MerchantApplicationRequest } from './contract';


const CATS = [
  { value: 'catering', label: '餐饮住宿' },
  { value: 'general', label: '通用（商场、超市）' },
  { value: 'appliance', label: '家电手机' },
  { value: 'fuel', label: '成品油' },
  { value: 'ecommerce', label: '电商' },
];
const STATUS: Record<string, [string, string]> = { pending: ['待审核', 'processing'], approved: ['已通过', 'green'], rejected: ['已驳回', 'red'], suspended: ['已暂停', 'orange'] };

/** 活动商户: the public list; merchants apply; 工信局 and 统计局 review; 工信局 publishes batches. */
export function MerchantsPage() {
  const { can } = useAuth();
  const [list, setList] = useState<Merchant[]>([]);
  const [error, setError] = useState<string | null>(null);
  const review = can('vouchers.merchant.review');
  const load = () =>
    api<{ items: Merchant[] }>(review ? '/api/vouchers/merchants' : '/api/vouchers/merchants/public')
      .then((r) => setList(r.items))
      .catch((e) => setError(e.message));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [review]);
  // Each action: the server's Chinese message on failure, the given text on success, then the list again.
  const [act] = useAction(
    async (p: Promise<unknown>, ok: string) => {
      await p;
      void load();
      return ok;
    },
    (ok) => ok,
  );
  const apply = (v: { name: string; creditCode: string; category: MerchantApplicationRequest['category']; entityType: MerchantApplicationRequest['entityType']; stores: string }) =>
    act(send<Merchant, MerchantApplicationRequest>('POST', '/api/vouchers/merchants', { ...v, aboveQuota: true, stores: v.stores.split(/[\n；;]/).map((s) => s.trim()).filter(Boolean) }), '已提交报名，等待县工信局会同县统计局核准');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <PageHeader
          title={review ? '活动商户审核' : '活动商户名单'}
          extra={can('vouchers.manage') && <Button onClick={() => act(send('POST', '/api/vouchers/merchants/publish', {}), '已公布一批商户')}>公布已通过商户（新批次）</Button>}
        />
        {error && <Alert type="error" showIcon message={error} />}
        <Table
          rowKey="id"
          dataSource={list}
          scroll={{ x: 800 }}
          columns={[
            { title: '商户', dataIndex: 'name' },
            { title: '主体', dataIndex: 'entityTypeName' },
            { title: '类别', dataIndex: 'categoryName' },
            { title: '门店', dataIndex: 'stores', render: (s: string[]) => s.join('；') },
            { title: '批次', dataIndex: 'batchNo', render: (b, m: Merchant) => (b ? `第 ${b} 批（${m.effectiveDate} 起）` : '—') },
            ...(review
              ? [
                  { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={STATUS[s]?.[1]}>{STATUS[s]?.[0] ?? s}</Tag> },
                  { title: '工信局', dataIndex: 'industryApproved', render: (b: boolean) => (b ? '✓' : '') },
                  { title: '统计局', dataIndex: 'statisticsApproved', render: (b: boolean) => (b ? '✓' : '') },
                  {
                    title: '操作',
                    render: (_: unknown, m: Merchant) => (
                      <Space>
                        {m.status === 'pending' && <a onClick={() => act(send('POST', `/api/vouchers/merchants/${m.id}/approve`), '已审核通过')}>通过</a>}
                        {m.status === 'pending' && <a onClick={() => act(send('POST', `/api/vouchers/merchants/${m.id}/reject`, { reason: '不符合限额以上企业条件' }), '已驳回')}>驳回</a>}
                        {can('vouchers.manage') && (m.status === 'approved' || m.status === 'suspended') && (
                          <Switch checkedChildren="正常" unCheckedChildren="暂停" checked={m.status === 'approved'} onChange={(on) => act(send('POST', `/api/vouchers/merchants/${m.id}/suspend`, { suspended: !on }), on ? '已恢复' : '已暂停')} />
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {can('vouchers.merchant.apply') && (
        <Card title="商户报名（限额以上企业）" size="small">
          <Form layout="vertical" onFinish={apply} style={{ maxWidth: 520 }}>
            <Form.Item name="name" label="商户名称" rules={[{ required: true, message: '请填写商户名称' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true, len: 18, message: '应为 18 位' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="entityType" label="主体类型" initialValue="enterprise" extra="限额以上企业或个体工商户（个体工商户由县统计局审核确认；其信用代码以 92 开头）">
              <Select options={[{ value: 'enterprise', label: '企业' }, { value: 'individual', label: '个体工商户' }]} />
            </Form.Item>
            <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={CATS} />
            </Form.Item>
            <Form.Item name="stores" label="门店（每行一个）" rules={[{ required: true, message: '至少填写一个门店' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              提交报名
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
