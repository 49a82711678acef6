/** A record's step log as a timeline: 谁、何时、做了什么 (and the state it moved the record to), in China time. */
import { Tag, Timeline, Typography } from 'antd';
import { useAuth } from '../auth';
import type { StepLogEntry } from './contract';
import { chinaTime } from './time';

/** Oldest first, as the record went; `empty` when nothing was done yet. */
export function StepTimeline({ entries, empty = '尚无办理记录：每办理一步，记在这里' }: { entries: readonly StepLogEntry[]; empty?: string }) {
  const { roles } = useAuth();
  const roleLabel = (role: string) => roles.find((r) => r.value === role)?.label ?? role;
  if (!entries.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        color: e.to === e.from ? 'gray' : 'blue',
        content: (
          <div data-testid="step-log-entry">
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              <time dateTime={e.at}>{chinaTime(e.at)}</time>
            </Typography.Text>
            <Typography.Text strong>{e.actor}</Typography.Text>
            {e.role && <Typography.Text type="secondary">（{roleLabel(e.role)}）</Typography.Text>}
            {e.label}
            {e.toLabel && e.to !== e.from && (
              <Tag style={{ marginInlineStart: 8 }}>
                {e.fromLabel ? `${e.fromLabel} → ` : ''}
                {e.toLabel}
              </Tag>
            )}
            {e.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
