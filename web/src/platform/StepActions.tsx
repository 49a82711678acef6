/**
 * A record's `actions` (what the server says this actor may do to it now) as buttons: a step that asks for fields opens
 * its own small form, a missing attachment offers its upload, a refused step shows why. Pages render these instead of
 * deciding by role which buttons to show.
 */
import { useId, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { yuanToFen } from '../../../server/src/core/money.js';
import { send } from '../api';
import { UploadButton } from './Attachments';
import type { StepAction, StepField } from './contract';
import { useRun, type DataKey } from './data';

interface StepProps {
  /** Keys of what a step or an upload changes (the record, its list): they load again after it. */
  invalidates?: readonly DataKey[];
  /** After a step was taken (with the server's answer) or a missing file was uploaded (answer null). */
  onDone?: (step: string, answer: unknown) => void;
  size?: 'small' | 'middle';
}

/** The buttons of one record's steps; give each record its own (a form's typed values belong to its record). */
export function StepActions({ actions, ...rest }: StepProps & { actions: readonly StepAction[] }) {
  if (!actions.length) return null;
  return (
    <Space wrap size={[8, 4]}>
      {actions.map((a) => (
        <Step key={a.step} action={a} {...rest} />
      ))}
    </Space>
  );
}

type Values = Record<string, unknown>;

/** What a step's form sends: dates as YYYY-MM-DD, money in 分, an optional field left empty as null. */
export function stepBody(fields: readonly StepField[], values: Values): Values {
  const body: Values = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) body[f.name] = null;
    else if (f.kind === 'date') body[f.name] = (v as Dayjs).format('YYYY-MM-DD');
    else if (f.kind === 'money') body[f.name] = yuanToFen(String(v), f.name);
    else if (typeof v === 'string') body[f.name] = v.trim();
    else body[f.name] = v;
  }
  return body;
}

function Step({ action: a, invalidates = [], onDone, size = 'small' }: StepProps & { action: StepAction }) {
  const { modal } = App.useApp();
  const { run, pending } = useRun(invalidates);
  const [open, setOpen] = useState(false);
  // One form per step of one record: what is typed here never shows in another row's form.
  const [form] = Form.useForm<Values>();
  const formName = `step-${useId()}`;
  const missing = a.files.filter((f) => !f.present);

  const submit = async (body: Values) => {
    let answer: unknown = null;
    const ok = await run(async () => (answer = await send('POST', a.path, { ...a.body, ...body })), `已办理：${a.label}`);
    if (!ok) return;
    setOpen(false);
    form.resetFields();
    onDone?.(a.step, answer);
  };
  const submitForm = async () => {
    const body = stepBody(a.fields, await form.validateFields());
    if (a.confirm) modal.confirm({ title: a.confirm, okText: a.label, okButtonProps: { danger: a.danger }, onOk: () => submit(body) });
    else await submit(body);
  };

  const button = (
    <Button size={size} danger={a.danger} disabled={!a.allowed} loading={pending} data-step={a.step} onClick={a.fields.length ? () => setOpen(true) : a.confirm ? undefined : () => void submit({})}>
      {a.label}
    </Button>
  );
  let shown = button;
  if (!a.allowed)
    // A disabled button takes neither pointer nor focus: the wrapper carries the server's reason, on hover and on focus.
    shown = (
      <Tooltip title={a.reason} trigger={['hover', 'focus']}>
        <span style={{ display: 'inline-block' }} tabIndex={a.reason ? 0 : undefined} data-reason={a.reason ?? undefined}>
          {button}
        </span>
      </Tooltip>
    );
  else if (a.confirm && !a.fields.length)
    shown = (
      <Popconfirm title={a.confirm} okText={a.label} okButtonProps={{ danger: a.danger }} onConfirm={() => submit({})}>
        {button}
      </Popconfirm>
    );

  return (
    <Space size={4}>
      {shown}
      {missing.map((f) => (
        <UploadButton key={`${f.entity}:${f.entityId}`} entity={f.entity} entityId={f.entityId} invalidates={invalidates} onDone={() => onDone?.(a.step, null)}>
          <Typography.Link>
            缺{f.label}，上传
          </Typography.Link>
        </UploadButton>
      ))}
      {a.fields.length > 0 && (
        <Modal open={open} title={a.label} okText="提交" okButtonProps={{ danger: a.danger }} confirmLoading={pending} onOk={() => void submitForm()} onCancel={() => setOpen(false)} forceRender>
          <Form form={form} name={formName} layout="vertical">
            {a.fields.map((f) => (
              <FieldItem key={f.name} field={f} />
            ))}
          </Form>
        </Modal>
      )}
    </Space>
  );
}

function FieldItem({ field: f }: { field: StepField }) {
  const required = f.required ? [{ required: true, message: `请填写${f.label}` }] : [];
  const rules =
    f.kind === 'money'
      ? [
          ...required,
          {
            validator: (_: unknown, v: unknown) => {
              if (v === undefined || v === null || v === '') return Promise.resolve();
              try {
                yuanToFen(String(v), f.name);
                return Promise.resolve();
              } catch (e) {
                return Promise.reject(new Error((e as Error).message));
              }
            },
          },
        ]
      : required;
  return (
    <Form.Item name={f.name} label={f.kind === 'money' ? `${f.label}（元）` : f.label} rules={rules}>
      {f.kind === 'textarea' ? (
        <Input.TextArea rows={3} placeholder={f.placeholder} />
      ) : f.kind === 'date' ? (
        <DatePicker placeholder={f.placeholder} style={{ width: '100%' }} />
      ) : f.kind === 'number' ? (
        <InputNumber placeholder={f.placeholder} style={{ width: '100%' }} />
      ) : f.kind === 'money' ? (
        // Typed as text so that 元 reach yuanToFen as written, never through a float.
        <Input inputMode="decimal" placeholder={f.placeholder ?? '0.00'} suffix="元" />
      ) : f.kind === 'select' ? (
        <Select placeholder={f.placeholder} options={f.options ?? []} showSearch optionFilterProp="label" notFoundContent={f.options?.length ? `没有相符的${f.label}` : `还没有可选的${f.label}`} />
      ) : (
        <Input placeholder={f.placeholder} />
      )}
    </Form.Item>
  );
}
