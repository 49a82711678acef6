/** 合同与作业: the contracts the actor may see, each with its works; the organisation's form for a new contract. */
import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { CROPS, STAGES_2022 } from '../../../../server/src/modules/trusteeship/trusteeship.rules.js';
import type { Unit } from '../directory/contract';
import type { ContractRequest, TrusteeshipContract, TrusteeshipOrg } from './contract';
import { KEYS, SEASON } from './keys';
import { WorkPanel } from './WorkPanel';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const STAGES: [string, string][] = STAGES_2022.map((st) => [st.code, st.name]);

export function ContractsTab({ units, orgs }: { units: Unit[]; orgs: TrusteeshipOrg[] }) {
  const { can } = useAuth();
  const contracts = useData<{ items: TrusteeshipContract[] }>(KEYS.contracts, `/api/trusteeship/contracts?season=${SEASON}`);
  const [form] = Form.useForm();
  const { run, pending: creating } = useRun([KEYS.contracts]);
  const create = async (v: Record<string, unknown>) => {
    const [from, to] = v.period as [Dayjs, Dayjs];
    const body = { ...v, season: SEASON, period: undefined, periodFrom: from.format('YYYY-MM-DD'), periodTo: to.format('YYYY-MM-DD'), farmerUsername: (v.farmerUsername as string) || null } as unknown as ContractRequest;
    if (await run(() => send('POST', '/api/trusteeship/contracts', body), '合同已登记，报县中心和乡镇备案')) form.resetFields();
  };
  const signed = orgs.filter((o) => o.countyContractNo);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ResponsiveTable
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={contracts.data?.items ?? []}
        expandable={{ expandedRowRender: (c: TrusteeshipContract) => <WorkPanel contract={c} /> }}
        locale={{ emptyText: !can('trusteeship.apply') ? '本季尚无托管合同：服务组织登记与农户的合同后显示在这里' : signed.length ? '本季尚无托管合同：在下方登记与农户的托管服务合同' : '本季尚无托管合同：本组织与县中心签订托管合同后，可在这里登记与农户的合同' }}
        columns={[
          { title: '农户', dataIndex: 'farmerName' },
          { title: '身份证号', dataIndex: 'farmerIdNo' },
          { title: '地块', render: (_: unknown, c: TrusteeshipContract) => `${units.find((u) => u.id === c.villageId)?.name ?? ''} ${c.location}` },
          { title: '面积（亩）', dataIndex: 'areaMu' },
          { title: '作物', dataIndex: 'crop' },
          { title: '环节', render: (_: unknown, c: TrusteeshipContract) => c.stages.map((s) => s.name).join('、') },
          { title: '期限', render: (_: unknown, c: TrusteeshipContract) => `${c.periodFrom} 至 ${c.periodTo}` },
        ]}
      />
      {can('trusteeship.apply') && signed.length > 0 && (
        <Card size="small" title="登记与农户的托管服务合同">
          <Form form={form} layout="vertical" onFinish={(v) => void create(v)} style={{ maxWidth: 640 }} initialValues={{ orgId: signed[0].id }}>
            <Form.Item name="orgId" label="服务组织"><Select options={signed.map((o) => ({ value: o.id, label: o.name }))} /></Form.Item>
            <Space wrap>
              <Form.Item name="farmerName" label="农户姓名" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="farmerIdNo" label="身份证号" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="farmerPhone" label="手机号" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="farmerUsername" label="农户账号（可选）"><Input /></Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="villageId" label="地块所在村" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" style={{ width: 220 }} notFoundContent="没有该村" options={units.filter((u) => u.kind === 'village').map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
              <Form.Item name="location" label="地块位置" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="areaMu" label="面积（亩，两位小数）" rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: '如 12.50' }]}><Input /></Form.Item>
              <Form.Item name="crop" label="作物" rules={[{ required: true }]}><Select style={{ width: 120 }} options={CROPS.map((c) => ({ value: c, label: c }))} /></Form.Item>
            </Space>
            <Form.Item name="stages" label="服务环节" rules={[{ required: true }]}><Select mode="multiple" options={STAGES.map(([v, l]) => ({ value: v, label: l }))} /></Form.Item>
            <Form.Item name="period" label="作业期限" rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
            <Form.Item name="quality" label="质量要求" rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={creating}>登记合同</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
