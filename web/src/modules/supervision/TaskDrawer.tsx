/**
 * One 督办任务: the clause, its units, deadline and targets; the steps this user may take now (from the task's
 * `actions`: 确认交办, 签收, 报送, 申请延期, 批准, 办结销号, 退回), the reports and requests on file, and the step log.
 */
import { Link } from 'react-router';
import { Alert, Badge, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import { Attachments } from '../../platform/Attachments';
import { useData } from '../../platform/data';
import { StepActions } from '../../platform/StepActions';
import { RecordList } from '../../platform/RecordList';
import { chinaTime } from '../../platform/time';
import type { SupervisionTaskDetail } from './contract';
import { ProposalForm } from './ProposalForm';
import { LIGHT } from './legend';
import { TargetFigures } from './TargetFigures';

/** The dated steps: met, chased (its own 临期/逾期), or past before 交办 and so only shown. */
function Steps({ task: t }: { task: SupervisionTaskDetail }) {
  const final = t.deadline;
  return (
    <Space orientation="vertical" size={2} data-testid="task-milestones">
      {t.milestones.map((m, i) => (
        <span key={`${m.date}-${i}`}>
          <Tag color={m.met ? 'green' : m.date === t.stepDue ? (t.status === 'overdue' ? 'red' : 'gold') : undefined}>{m.date}</Tag>
          {m.met ? '已完成' : m.date === final ? '最终时限' : m.chased ? (m.date === t.stepDue ? '当前节点' : '待办节点') : t.status === 'proposed' ? '节点' : '交办前已到期'}
          <Typography.Text type="secondary">　{m.text.length > 40 ? `${m.text.slice(0, 40)}…` : m.text}</Typography.Text>
        </span>
      ))}
    </Space>
  );
}

export function TaskDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const task = useData<SupervisionTaskDetail>(['supervision', 'task', id], `/api/supervision/tasks/${id}`);
  const t = task.data?.id === id ? task.data : undefined;
  const has = (step: string) => !!t?.actions.some((a) => a.step === step);
  const confirm = t?.actions.find((a) => a.step === 'confirm');
  return (
    <Drawer open size={Math.min(720, window.innerWidth)} onClose={onClose} title={t ? `${t.docNumber} ${t.clause} ${t.heading}` : '督办任务'}>
      {t && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered items={[
            { key: 's', label: '状态', children: <Badge status={LIGHT[t.light]} text={t.statusLabel} /> },
            { key: 'd', label: '时限', children: <>{t.extendedTo ? `${t.extendedTo}（已延期，原 ${t.deadline}）` : (t.deadline ?? '—')}{t.deadlineSource === '县政府办公室核定' && <Tag color="blue" style={{ marginLeft: 8 }}>县政府办公室核定</Tag>}{t.deadlineText && <Typography.Text type="secondary">（原文：{t.deadlineText}）</Typography.Text>}{t.recurrence && <Tag style={{ marginLeft: 8 }}>{t.recurrence}</Tag>}</> },
            // The task's status is its lead units'; each unit, supporting ones too, carries its own light beside it.
            { key: 'u', label: '责任单位', children: <Space orientation="vertical" size={2}>{t.units.map((u) => (
              <span key={u.unitId} data-testid={`unit-${u.unitId}`}>
                <Tag color={u.part === 'lead' ? 'blue' : undefined}>{u.part === 'lead' ? '牵头' : '配合'}</Tag>
                <Badge status={LIGHT[u.light]} text={<>{u.unitName}　{u.signedAt ? '✓已签收' : u.stateLabel}{u.reportedAt ? `　已报送 ${u.percent ?? 0}%` : ''}</>} />
              </span>
            ))}</Space> },
            { key: 'p', label: '原文单位', children: <>{t.unitsText || '（原文未写）'}{t.unknownUnits.length > 0 && <Alert style={{ marginTop: 4 }} type="warning" showIcon title={`目录中未找到：${t.unknownUnits.join('、')}`} />}</> },
            { key: 'g', label: '量化指标', children: <TargetFigures task={t} /> },
            ...(t.milestones.length > 1 ? [{ key: 'm', label: '时间节点', children: <Steps task={t} /> }] : []),
          ]} />
          {t.disputed && (
            // 需核定: the reading is the text's strict one until the office decides; the drawer's form offers the others.
            <Alert type={t.disputedDecided ? 'info' : 'warning'} showIcon data-testid="task-disputed" title={`${t.disputedDecided ? '时限已核定' : '时限需核定'}：${t.disputed}`} />
          )}
          {t.notices.length > 0 && (
            <Alert type={t.notices.some((n) => n.kind === 'order') ? 'error' : 'warning'} showIcon title={t.notices.map((n) => `${n.kind === 'order' ? '督办单' : '催办'}：${n.unitName}（时限 ${n.due}）`).join('；')} />
          )}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.text}</Typography.Paragraph>
          <Link to={`/documents/${encodeURIComponent(t.docNumber)}`}>查看原文条款</Link>
          {t.status !== 'proposed' && (
            <>
              <Typography.Text strong>附件（照片、验收单等）</Typography.Text>
              {/* The units holding an open task attach to its reports: those the task offers a report to. */}
              <Attachments entity="supervision_task" entityId={t.id} canAttach={has('report_progress')} />
            </>
          )}
          {/* 确认交办 sits with the correction: what is typed there is what it confirms. */}
          {confirm && <ProposalForm key={t.id} task={t} confirm={confirm} />}
          <div data-testid="task-steps">
            <StepActions key={t.id} actions={t.actions.filter((a) => a.step !== 'confirm')} invalidates={[['supervision']]} />
          </div>
          {t.extensions.some((e) => e.status === 'pending') && <Alert type="info" showIcon title={t.extensions.filter((e) => e.status === 'pending').map((e) => `延期申请待审批：延期至 ${e.to}（${e.reason}）`).join('；')} />}
          {/* 办理记录: every step, from 立项 to 办结, with the unit that took it and the person. */}
          <RecordList size="small" header="办理记录" data-testid="task-records" items={t.records} emptyText="尚无办理记录：立项、交办、签收、报送等每一步记在这里" itemRender={(x) => (
            <Typography.Text>
              <Typography.Text type="secondary"><time dateTime={x.at}>{chinaTime(x.at)}</time>　</Typography.Text>
              {x.unitName && <Tag>{x.unitName}</Tag>}
              <Typography.Text strong>{x.person}</Typography.Text>：{x.label}{x.note ? ` ${x.note}` : ''}
            </Typography.Text>
          )} />
        </Space>
      )}
    </Drawer>
  );
}
