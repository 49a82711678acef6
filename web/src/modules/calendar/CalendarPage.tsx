import { useMemo, useState } from 'react';
import { Alert, Button, Calendar, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import type { CalendarOverviewData as Overview } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** 工作日历: working days and holidays, the period calculator, and (administrators) overrides. */
export function CalendarPage() {
  const { can } = useAuth();
  const [month, setMonth] = useState<Dayjs>(dayjs('2022-06-01'));
  const [period, setPeriod] = useState<string | null>(null);
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  // A month the calendar cannot answer (a year nobody has entered) shows no days and the server's reason.
  const shown = useData<{ items: { date: string; workday: boolean }[] }>(['calendar', 'days'], `/api/calendar/days?from=${from}&to=${to}`);
  const days = useMemo(() => new Map((shown.data?.items ?? []).map((d) => [d.date, d.workday])), [shown.data]);
  const error = shown.error;
  const overview = useData<Overview>(['calendar', 'overview'], '/api/calendar').data;
  // An override or a declared year changes both the days and the overview.
  const { run } = useRun([['calendar']]);
  const compute = async (v: { start: Dayjs; length: number; unit: string }) => {
    try {
      const r = await api<{ end: string }>(`/api/calendar/period?start=${v.start.format('YYYY-MM-DD')}&length=${v.length}&unit=${encodeURIComponent(v.unit)}`);
      setPeriod(`期限届满日：${r.end}`);
    } catch (e) {
      setPeriod((e as Error).message);
    }
  };
  const override = (v: { day: Dayjs; kind: 'workday' | 'holiday'; note?: string }) =>
    run(() => send('PUT', `/api/calendar/overrides/${v.day.format('YYYY-MM-DD')}`, { kind: v.kind, note: v.note ?? null }), '已设置');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title="工作日历">
          {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 8 }} />}
          <Calendar
            value={month}
            onPanelChange={(d) => setMonth(d)}
            fullscreen={false}
            fullCellRender={(d) => {
              const key = d.format('YYYY-MM-DD');
              const w = days.get(key);
              const weekend = d.day() === 0 || d.day() === 6;
              return (
                <div style={{ padding: 4, textAlign: 'center', color: w === false ? '#c00' : undefined, fontWeight: w !== undefined && w === weekend ? 700 : undefined }}>
                  {d.date()}
                  <div style={{ fontSize: 10 }}>{w === undefined ? '' : w ? (weekend ? '班' : '') : weekend ? '' : '休'}</div>
                </div>
              );
            }}
          />
          <Typography.Text type="secondary">红色为休息日；“休”为法定节假日，“班”为调休上班。数据覆盖 {overview?.dataYears[0]}–{overview?.dataYears.at(-1)} 年。</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Card title="期限计算（民法典第二百零一条、第二百零三条）">
            <Form layout="inline" onFinish={compute} initialValues={{ start: dayjs('2022-06-06'), length: 7, unit: '日' }}>
              <Form.Item name="start" rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="length" rules={[{ required: true }]}>
                <InputNumber min={1} max={3650} />
              </Form.Item>
              <Form.Item name="unit">
                <Select style={{ width: 90 }} options={[{ value: '日' }, { value: '工作日' }]} />
              </Form.Item>
              <Button htmlType="submit">计算</Button>
            </Form>
            {period && <Alert style={{ marginTop: 12 }} title={period} />}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              开始当日不计入；按“日”计算的期限最后一日是法定休假日的，以休假日结束的次日为最后一日。
            </Typography.Paragraph>
          </Card>
          {can('calendar.manage') && (
            <Card title="人工设置（新年度国务院安排发布后录入）">
              <Form layout="inline" onFinish={override} initialValues={{ kind: 'holiday' }}>
                <Form.Item name="day" rules={[{ required: true, message: '选择日期' }]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="kind">
                  <Select style={{ width: 100 }} options={[{ value: 'holiday', label: '休息日' }, { value: 'workday', label: '工作日' }]} />
                </Form.Item>
                <Form.Item name="note">
                  <Input placeholder="说明，如 国庆节" />
                </Form.Item>
                <Button htmlType="submit">设置</Button>
              </Form>
              <ResponsiveTable
                size="small"
                style={{ marginTop: 12 }}
                rowKey="date"
                dataSource={overview?.overrides ?? []}
                locale={{ emptyText: '尚无人工设置：新年度国务院安排发布后，在上方逐日设置节假日和调休上班日' }}
                pagination={false}
                columns={[
                  { title: '日期', dataIndex: 'date' },
                  { title: '设为', dataIndex: 'kind', render: (k: string) => (k === 'workday' ? <Tag color="blue">工作日</Tag> : <Tag color="red">休息日</Tag>) },
                  { title: '说明', dataIndex: 'note' },
                  {
                    title: '',
                    render: (_: unknown, r: { date: string }) => (
                      <a onClick={() => void run(() => send('DELETE', `/api/calendar/overrides/${r.date}`))}>删除</a>
                    ),
                  },
                ]}
              />
              <Space style={{ marginTop: 12 }}>
                <Typography.Text>已声明完整的年份：{overview?.declaredYears.join('、') || '无'}</Typography.Text>
                <Button size="small" onClick={() => void run(() => send('POST', `/api/calendar/years/${month.year()}`), '已声明')}>
                  声明 {month.year()} 年已录入完整
                </Button>
              </Space>
            </Card>
          )}
        </Space>
      </Col>
    </Row>
  );
}
