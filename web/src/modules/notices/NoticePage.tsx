import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Skeleton, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, csrfToken, send } from '../../api';
import { PHASE_COLORS } from './NoticesPage';
import type { NoticeDetail as Detail } from '../../contract';
import type { NewObjection } from '../../contract';
import { ObjectionList } from './ObjectionList';


/** One notice: its text and period, objections (masked unless you manage it), raising an objection, closing. */
export function NoticePage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const [n, setN] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [objForm] = Form.useForm();
  const [files, setFiles] = useState<{ id: number; fileName: string; size: number }[]>([]);
  const loadFiles = () =>
    api<{ items: { id: number; fileName: string; size: number }[] }>(`/api/files?entity=public_notice&entityId=${id}`)
      .then((r) => setFiles(r.items))
      .catch(() => setFiles([]));
  const [closeForm] = Form.useForm();
  const [loads, setLoads] = useState(0);
  const load = () =>
    api<Detail>(`/api/notices/${id}`)
      .then((d) => {
        setN(d);
        setLoads((x) => x + 1);
      })
      .catch((e) => setError(e.message));
  useEffect(() => {
    void load();
    void loadFiles();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!n) return <Skeleton active />;
  const object = async (v: { name: string; contact?: string; text: string }) => {
    try {
      await send<unknown, NewObjection>('POST', `/api/notices/${n.id}/objections`, { ...v, contact: v.contact || null });
      message.success('异议已提交，发布单位将核实处理');
      objForm.resetFields();
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const close = async (v: { outcome: string }) => {
    try {
      await send('POST', `/api/notices/${n.id}/close`, v);
      message.success('公示已结束');
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
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
      {(files.length > 0 || (n.canManage && n.status === 'open')) && (
        <Card size="small" title="附件" style={{ marginBottom: 16 }}>
          <List size="small" dataSource={files} locale={{ emptyText: '暂无附件' }} renderItem={(f) => <List.Item><a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">{f.fileName}</a>（{Math.ceil(f.size / 1024)} KB）</List.Item>} />
          {n.canManage && n.status === 'open' && (
            <Upload
              accept=".pdf,.jpg,.jpeg,.png"
              showUploadList={false}
              customRequest={async ({ file, onSuccess, onError }) => {
                const f = file as File;
                const res = await fetch(`/api/files?entity=public_notice&entityId=${n.id}&fileName=${encodeURIComponent(f.name)}`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken() },
                  body: f,
                });
                const body = await res.json();
                if (res.ok) {
                  message.success('已上传');
                  onSuccess?.(body);
                  void loadFiles();
                } else {
                  message.error(body?.error?.message ?? '上传失败');
                  onError?.(new Error(body?.error?.message));
                }
              }}
            >
              <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
                上传照片或 PDF（不超过 10 MB）
              </Button>
            </Upload>
          )}
        </Card>
      )}
      {n.outcome && <Alert type="success" showIcon message="公示结果" description={n.outcome} style={{ marginBottom: 16 }} />}
      <ObjectionList notice={n} refresh={loads} />
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
