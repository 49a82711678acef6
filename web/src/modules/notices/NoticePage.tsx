import { useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Tag, Typography } from 'antd';
import { send } from '../../api';
import { PHASE_COLORS } from './NoticesPage';
import type { NewObjection, NoticeDetail as Detail } from './contract';
import { ObjectionList } from './ObjectionList';
import { Attachments } from '../../platform/Attachments';
import { useData, useRun } from '../../platform/data';

/** One notice: its text and period, objections (masked unless you manage it), raising an objection, closing. */
export function NoticePage() {
  const { id } = useParams();
  const { data: n, error } = useData<Detail>(['notices'], `/api/notices/${id}`);
  const [objForm] = Form.useForm();
  const [closeForm] = Form.useForm();
  // An objection or the close changes the notice, its objections and the list's counts: all of ['notices'].
  const { run } = useRun([['notices']]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!n) return <Skeleton active />;
  const object = async (v: { name: string; contact?: string; text: string }) => {
    if (await run(() => send<unknown, NewObjection>('POST', `/api/notices/${n.id}/objections`, { ...v, contact: v.contact || null }), '异议已提交，发布单位将核实处理')) objForm.resetFields();
  };
  const close = (v: { outcome: string }) => run(() => send('POST', `/api/notices/${n.id}/close`, v), '公示已结束');
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {n.subject} <Tag color={PHASE_COLORS[n.phase]}>{n.phase}</Tag>
      </Typography.Title>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="发布单位">{n.unitName}</Descriptions.Item>
        <Descriptions.Item label="依据">{n.basis ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="公示期">
          {n.startDate} 起，不少于 {n.minLength} {n.unit}
        </Descriptions.Item>
        <Descriptions.Item label="最早结束">{n.earliestEnd}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.content}</Typography.Paragraph>
      <Card size="small" title="附件" style={{ marginBottom: 16 }}>
        <Attachments entity="public_notice" entityId={n.id} canAttach={n.canManage && n.status === 'open'} />
      </Card>
      {n.outcome && <Alert type="success" showIcon title="公示结果" description={n.outcome} style={{ marginBottom: 16 }} />}
      <ObjectionList notice={n} />
      {n.status === 'open' && (
        <Card size="small" title="提出异议" style={{ marginTop: 16 }}>
          <Form form={objForm} layout="vertical" onFinish={object}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="contact" label="手机号（选填）" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号格式错误' }]}>
              <Input inputMode="tel" />
            </Form.Item>
            <Form.Item name="text" label="异议内容" rules={[{ required: true, min: 2, message: '请填写异议内容' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button htmlType="submit">提交异议</Button>
          </Form>
        </Card>
      )}
      {n.canManage && n.status === 'open' && (
        <Card size="small" title="结束公示" style={{ marginTop: 16 }}>
          <Form form={closeForm} layout="vertical" onFinish={close}>
            <Form.Item name="outcome" label="公示结果（异议的核实处理情况）" rules={[{ required: true, min: 2, message: '请填写公示结果' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              结束公示
            </Button>
          </Form>
        </Card>
      )}
    </Card>
  );
}
