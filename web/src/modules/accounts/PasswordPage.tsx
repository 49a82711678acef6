import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';

export function PasswordPage() {
  const { message } = App.useApp();
  const { user, refresh } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const submit = async (v: { oldPassword: string; newPassword: string; confirm: string }) => {
    setError(null);
    try {
      await send('POST', '/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改，其他设备上的登录已退出');
      form.resetFields();
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Card style={{ maxWidth: 480 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        修改密码
      </Typography.Title>
      {user?.mustChangePassword && <Alert type="warning" showIcon title="首次登录或密码被重置，请先修改密码" style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" extra="至少 10 位，同时包含字母和数字，不能是常见密码或用户名" rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '至少 10 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入不一致'))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
