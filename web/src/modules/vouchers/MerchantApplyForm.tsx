/** 商户报名: a merchant's application (限额以上企业或个体工商户), for 县工信局 会同 县统计局 to review. */
import { Button, Card, Form, Input, Select } from 'antd';
import { send } from '../../api';
import { useRun, type DataKey } from '../../platform/data';
import type { Merchant, MerchantApplicationRequest } from './contract';

const CATS = [
  { value: 'catering', label: '餐饮住宿' },
  { value: 'general', label: '通用（商场、超市）' },
  { value: 'appliance', label: '家电手机' },
  { value: 'fuel', label: '成品油' },
  { value: 'ecommerce', label: '电商' },
];

type Values = { name: string; creditCode: string; category: MerchantApplicationRequest['category']; entityType: MerchantApplicationRequest['entityType']; stores: string };

/** The application form; `invalidates` are the lists that show the new merchant. */
export function MerchantApplyForm({ invalidates }: { invalidates: readonly DataKey[] }) {
  const { run, pending } = useRun(invalidates);
  const apply = (v: Values) =>
    run(
      () => send<Merchant, MerchantApplicationRequest>('POST', '/api/vouchers/merchants', { ...v, aboveQuota: true, stores: v.stores.split(/[\n；;]/).map((s) => s.trim()).filter(Boolean) }),
      '已提交报名，等待县工信局会同县统计局核准',
    );
  return (
    <Card title="商户报名（限额以上企业）" size="small">
      <Form layout="vertical" onFinish={(v: Values) => void apply(v)} style={{ maxWidth: 520 }}>
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
        <Button type="primary" htmlType="submit" loading={pending}>
          提交报名
        </Button>
      </Form>
    </Card>
  );
}
