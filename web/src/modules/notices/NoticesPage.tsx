import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
// The server counts days in China time: a browser in another zone (or a phone set to UTC) must offer China's today.
import { chinaDay } from '../../../../server/src/core/time.js';
import { qs, send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { RecordItem, RecordList } from '../../platform/RecordList';
import type { NewNotice, Notice, Publisher } from './contract';

export const PHASE_COLORS: Record<string, string> = { 公示中: 'processing', 公示期满: 'warning', 已结束: 'default', 未开始: 'default' };

/** 公示: public list for everyone; staff publish for their own unit. Phone-friendly list layout. */
export function NoticesPage() {
  const { user, can } = useAuth();
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const list = useData<{ items: Notice[]; total: number }>(['notices'], `/api/notices?${qs({ mine: mine ? 'true' : undefined, page, pageSize: 10 })}`);
  const data = list.data ?? { items: [], total: 0 };
  // The units one may publish for are the server's answer, loaded when the dialog opens.
  const publishers = useData<{ items: Publisher[] }>(['notices', 'publishers'], creating ? '/api/notices/publishers' : null);
  const units = publishers.data?.items ?? [];
  const { run } = useRun([['notices']]);
  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ unitId: user?.unitId ?? undefined, startDate: dayjs(chinaDay()), minLength: 7, unit: '日' });
    setCreating(true);
  };
  const create = async () => {
    const v = await form.validateFields();
    const body: NewNotice = { ...v, startDate: v.startDate.format('YYYY-MM-DD'), basis: v.basis || null };
    if (await run(() => send<Notice, NewNotice>('POST', '/api/notices', body), (n) => `已发布，最早 ${n.earliestEnd} 可结束`)) setCreating(false);
  };
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          公示公告
        </Typography.Title>
        <Space>
          {user && (
            <Radio.Group value={mine} onChange={(e) => (setMine(e.target.value), setPage(1))} optionType="button" options={[{ value: false, label: '全部' }, { value: true, label: '本单位' }]} />
          )}
          {can('notices.manage') && (
            <Button type="primary" onClick={openCreate}>
              发布公示
            </Button>
          )}
        </Space>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <RecordList
        items={data.items}
        rowKey="id"
        pagination={data.total > 10 ? { current: page, pageSize: 10, total: data.total, onChange: setPage } : false}
        emptyText={mine ? (can('notices.manage') ? '本单位尚未发布公示：点「发布公示」发布' : '本单位尚未发布公示') : can('notices.manage') ? '尚无公示：点「发布公示」发布本单位的公示' : '尚无公示：各单位发布的公示公告显示在这里'}
        itemRender={(n) => (
          <RecordItem
            data-testid="notice-item"
            title={<Link to={`/notices/${n.id}`}>{n.subject}</Link>}
            description={
              <Space wrap size={4}>
                <Tag color={PHASE_COLORS[n.phase]}>{n.phase}</Tag>
                <span>{n.unitName}</span>
                <span>
                  {n.startDate} 起 {n.minLength} {n.unit}，最早 {n.earliestEnd} 结束
                </span>
                {!!n.objections && <Tag color="orange">异议 {n.objections}</Tag>}
              </Space>
            }
          />
        )}
      />
      <Modal open={creating} title="发布公示" onOk={create} onCancel={() => setCreating(false)} okText="发布" width={640} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label="发布单位" rules={[{ required: true, message: '请选择发布单位' }]}>
            <Select showSearch optionFilterProp="label" notFoundContent={publishers.loading ? '正在读取可发布公示的单位' : units.length ? '没有该单位' : '没有您可以发布公示的单位'} options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="subject" label="标题" rules={[{ required: true, min: 2, message: '标题至少 2 个字' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="content" label="内容" rules={[{ required: true, message: '请填写公示内容' }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
          <Form.Item name="basis" label="依据（文号）">
            <Input placeholder="如 交政办发〔2022〕10号" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startDate" label="开始日期" rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isBefore(dayjs(chinaDay()), 'day')} />
            </Form.Item>
            <Form.Item name="minLength" label="公示期" rules={[{ required: true }]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="unit" label="单位">
              <Select style={{ width: 100 }} options={[{ value: '日' }, { value: '工作日' }]} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
