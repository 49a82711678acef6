/** 报名: the form (works on a 390 px phone), and one's own registrations with their state and steps. */
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { StepActions } from '../../platform/StepActions';
import { RecordList } from '../../platform/RecordList';
import { DOCUMENTS, EXCLUSIONS, IDENTITY_TYPES, LICENCE_PREREQ, MIN_AGE, TIMELINE, requiredDocuments, type IdentityType } from '../../../../server/src/modules/skills/skills.rules.js';
import { Attachments } from '../../platform/Attachments';
import type { SkillEvent, SkillRegisterRequest, SkillRegistration } from './contract';
import { SKILLS } from './SkillsPage';

const LICENCES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1'];

export function RegisterTab() {
  const { user } = useAuth();
  const units = useData<{ items: { id: number; name: string }[] }>([...SKILLS, 'units'], '/api/skills/units');
  const events = useData<{ items: SkillEvent[] }>([...SKILLS, 'events'], '/api/skills/events');
  const mine = useData<{ items: SkillRegistration[] }>([...SKILLS, 'registrations'], '/api/skills/registrations');
  const [form] = Form.useForm();
  const { run, pending } = useRun([SKILLS]);
  const eventId = Form.useWatch('eventId', form) as number | undefined;
  const identity = Form.useWatch('identity', form) as string | undefined;
  const event = events.data?.items.find((e) => e.id === eventId);
  // A unit registers its own people; a contestant picks the unit they register through.
  const ownUnit = user?.unitId ?? null;
  const submit = async (v: Record<string, unknown>) => {
    const declared = (v.declared as string[] | undefined) ?? [];
    const body: SkillRegisterRequest = {
      eventId: v.eventId as number,
      name: v.name as string,
      idNo: v.idNo as string,
      phone: v.phone as string,
      identity: v.identity as SkillRegisterRequest['identity'],
      unitId: ownUnit ?? (v.unitId as number),
      ssPayer: (v.ssPayer as string) || null,
      licence: (v.licence as SkillRegisterRequest['licence']) ?? null,
      coach: (v.coach as string) || null,
      partner: event?.pair ? { name: v.partnerName as string, idNo: v.partnerIdNo as string, phone: v.partnerPhone as string, identity: v.identity as SkillRegisterRequest['identity'], unitId: ownUnit ?? (v.unitId as number) } : null,
      declaration: Object.fromEntries(EXCLUSIONS.map((x) => [x.code, declared.includes(x.code)])) as SkillRegisterRequest['declaration'],
    };
    if (await run(() => send('POST', '/api/skills/registrations', body), '已报名：可在「已报名」中拍照上传盖章的证明材料，或由报名单位上传；报名单位确认后报名生效')) form.resetFields();
  };
  const open = (events.data?.items ?? []).filter((e) => e.mode !== 'city' && e.stage === 'open');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={`年满 ${MIN_AGE} 周岁（按身份证号计算至报名之日）；报名截止 ${TIMELINE.registrationCloses.slice(5).replace('-', '月')}日；同一选手只能报名一个项目。`} />
      {(mine.data?.items ?? []).length > 0 && (
        <RecordList
          size="small"
          header="已报名"
          emptyText="尚未报名"
          items={mine.data?.items ?? []}
          rowKey="id"
          itemRender={(r) => (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong>{r.eventName}：{r.name}{r.partnerName ? `、${r.partnerName}` : ''}</Typography.Text>
              <Space wrap><Tag color={r.status === 'recommended' ? 'green' : r.status === 'registered' ? 'gold' : 'blue'}>{r.statusLabel}</Tag>{r.missing.length > 0 && <Typography.Text type="warning">尚缺：{r.missing.join('、')}</Typography.Text>}</Space>
              {r.mayAttach &&
                requiredDocuments(r.identity as IdentityType).flat().map((kind) => (
                  <Attachments key={kind} entity="skill_document" entityId={`${r.id}.${kind}`} canAttach label={`拍照上传${DOCUMENTS[kind]}（须加盖单位公章）`} invalidates={[SKILLS]} />
                ))}
              <StepActions actions={r.actions} invalidates={[SKILLS]} size="small" />
            </Space>
          )}
        />
      )}
      <Card size="small" title="参赛报名">
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v as Record<string, unknown>)} initialValues={{ identity: 'worker', declared: [] }} style={{ maxWidth: 560, width: '100%' }}>
          <Form.Item name="eventId" label="参赛项目" rules={[{ required: true, message: '请选择参赛项目' }]}>
            <Select showSearch optionFilterProp="label" aria-label="参赛项目" notFoundContent={open.length ? '没有该项目' : '没有正在报名的项目：报名已截止或各项目已确定推荐人选'} options={open.map((e) => ({ value: e.id, label: `${e.name}（${e.categoryName}${e.pair ? '，双人' : ''}）` }))} />
          </Form.Item>
          <Form.Item name="name" label="选手姓名" rules={[{ required: true, message: '请填写选手姓名' }]}><Input /></Form.Item>
          <Form.Item name="idNo" label="身份证号" rules={[{ required: true, len: 18, message: '18 位身份证号' }]}><Input /></Form.Item>
          <Form.Item name="phone" label="手机号" rules={[{ required: true, pattern: /^1\d{10}$/, message: '11 位手机号' }]}><Input inputMode="tel" /></Form.Item>
          <Form.Item name="identity" label="身份类别"><Select aria-label="身份类别" options={IDENTITY_TYPES.map((t) => ({ value: t.code, label: t.name }))} /></Form.Item>
          {!ownUnit && (
            <Form.Item name="unitId" label="报名单位" rules={[{ required: true, message: '请选择报名单位' }]}>
              <Select showSearch optionFilterProp="label" aria-label="报名单位" notFoundContent={units.loading ? '正在读取报名单位' : '没有该报名单位'} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          )}
          {identity !== 'student' && <Form.Item name="ssPayer" label="社保缴纳单位（职工、教师须与报名单位一致）"><Input /></Form.Item>}
          {event && LICENCE_PREREQ[event.name] && (
            <Form.Item name="licence" label={`驾驶证准驾车型（须${LICENCE_PREREQ[event.name]!.label}）`} rules={[{ required: true, message: '请选择准驾车型' }]}>
              <Select aria-label="准驾车型" options={LICENCES.map((l) => ({ value: l, label: l }))} />
            </Form.Item>
          )}
          {event?.pair && (
            <>
              <Typography.Text type="secondary">双人赛项：另一名选手须为同一单位、同类身份</Typography.Text>
              <Form.Item name="partnerName" label="另一名选手姓名" rules={[{ required: true, message: '请填写' }]}><Input /></Form.Item>
              <Form.Item name="partnerIdNo" label="另一名选手身份证号" rules={[{ required: true, len: 18, message: '18 位' }]}><Input /></Form.Item>
              <Form.Item name="partnerPhone" label="另一名选手手机号" rules={[{ required: true, pattern: /^1\d{10}$/, message: '11 位手机号' }]}><Input inputMode="tel" /></Form.Item>
            </>
          )}
          <Form.Item name="coach" label="指导教练（不超过 1 名）"><Input /></Form.Item>
          <Form.Item name="declared" label="以下情形请如实勾选（有其一者不再参加本次大赛）">
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={EXCLUSIONS.map((x) => ({ value: x.code, label: x.label }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={pending} block>提交报名</Button>
        </Form>
      </Card>
    </Space>
  );
}
