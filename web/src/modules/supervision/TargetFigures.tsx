/**
 * A task's targets, each beside the live figure of the programme module it is linked to and the latest reported
 * value; the office picks which indicator measures a target (county-wide) from what the modules offer.
 */
import { targetText } from './legend';
import { Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import type { Figure, Indicator, IndicatorLink, SupervisionTaskDetail } from './contract';

/** A live figure as shown: the number and its unit, or why the module could not answer. */
export function figureText(f: Figure | null): string {
  if (!f) return '—';
  return f.value === null ? `未能读取（${f.error ?? '未知原因'}）` : `${f.value} ${f.unit}`;
}

export function TargetFigures({ task: t }: { task: SupervisionTaskDetail }) {
  const { can } = useAuth();
  const office = can('supervision.manage');
  const choices = useData<{ items: Indicator[] }>(['supervision', 'indicators'], office ? '/api/supervision/indicators' : null);
  const { run, pending } = useRun([['supervision']]);
  const latest = [...t.reports].reverse().find((r) => r.kind === 'progress' || r.kind === 'consolidated');
  if (!t.targets.length) return <>—</>;
  const link = (n: number, indicator: string | null) =>
    run(() => send('POST', `/api/supervision/tasks/${t.id}/targets/${n}/indicator`, { indicator, unitId: null } satisfies IndicatorLink), indicator ? '已关联指标' : '已取消关联');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {t.targets.map((g, i) => {
        const f = t.figures[i] ?? null;
        const reported = latest?.values[i];
        return (
          <div key={i} data-testid={`target-${i}`}>
            <div>{targetText(g)}</div>
            <Space wrap size={4}>
              {f && <Tag color={f.value === null ? 'red' : 'green'}>{f.moduleLabel}·{f.label}：<span data-testid={`figure-${i}`}>{figureText(f)}</span></Tag>}
              <Typography.Text type="secondary">最新报送：{reported ?? '—'}{reported != null ? g.unit : ''}</Typography.Text>
            </Space>
            {office && (
              <Select
                aria-label={`关联指标 ${i + 1}`}
                size="small"
                style={{ width: '100%', marginTop: 4 }}
                placeholder="关联业务模块的实时数"
                notFoundContent={choices.loading ? '正在加载…' : '业务模块还没有可关联的指标'}
                allowClear
                loading={pending}
                value={f?.indicator ?? null}
                onChange={(v: string | undefined) => void link(i, v ?? null)}
                options={(choices.data?.items ?? []).map((c) => ({ value: c.key, label: `${c.moduleLabel}·${c.label}（${c.unit}）` }))}
              />
            )}
          </div>
        );
      })}
    </Space>
  );
}
