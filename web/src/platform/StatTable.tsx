/** A statistics table (by township, by category…) from columns and rows, with an optional 合计 row and bar chart. */
import type { ReactNode } from 'react';
import { Table, Typography } from 'antd';
import { BarsChart } from './EChart';
import { formatMoney } from './kit';

/** How a cell reads: counts with thousands separators, money from 分 to 元, a ratio (0–1) as a percentage. */
export type StatKind = 'text' | 'count' | 'money' | 'ratio';

export interface StatColumn<R> {
  key: keyof R & string;
  title: string;
  kind?: StatKind;
  /** Drawn as a bar series in the chart (`'right'`: on the second axis). Money is drawn in 元. */
  chart?: boolean | 'right';
  /** A cell of one's own (a link, a tag); the 合计 row still uses `kind`. */
  render?: (value: R[keyof R & string], row: R) => ReactNode;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One cell's text by its kind; empty values read as 「—」. */
export function formatStat(kind: StatKind, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (!isNumber(v)) return String(v);
  if (kind === 'money') return formatMoney(v);
  if (kind === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'count') return v.toLocaleString('zh-CN');
  return String(v);
}

/** The 合计 row: counts and money summed (integers, so money stays exact in 分); other columns left empty. */
export function sumRow<R>(columns: readonly StatColumn<R>[], rows: readonly R[]): Partial<Record<keyof R & string, number>> {
  const out: Partial<Record<keyof R & string, number>> = {};
  for (const c of columns) {
    if (c.kind !== 'count' && c.kind !== 'money') continue;
    let sum = 0;
    for (const r of rows) {
      const v: unknown = r[c.key];
      if (isNumber(v)) sum += v;
    }
    out[c.key] = sum;
  }
  return out;
}

/**
 * `category` names the column that labels each row (and the chart's bars; the first column when not given).
 * `total`: `true` sums the counts and money; a row of the server's own totals is shown as given.
 */
export function StatTable<R extends object>({
  columns,
  rows,
  rowKey,
  category,
  total,
  chart,
  title,
  emptyText,
}: {
  columns: readonly StatColumn<R>[];
  rows: readonly R[];
  rowKey: keyof R & string;
  category?: keyof R & string;
  total?: true | Partial<R>;
  /** Draw the chart above the table; `axes` names the two axes when a series is on the right. */
  chart?: { height?: number; axes?: [string, string] };
  title?: ReactNode;
  /** Why there are no rows yet and what will fill them (the table's own default is the library's bare 暂无数据). */
  emptyText?: ReactNode;
}) {
  const label = category ?? columns[0]?.key;
  const totals: Partial<Record<string, unknown>> | null = total === true ? sumRow(columns, rows) : (total ?? null);
  const charted = columns.filter((c) => c.chart);
  return (
    <div data-testid="stat-table">
      {title && <Typography.Title level={5}>{title}</Typography.Title>}
      {chart && charted.length > 0 && label && (
        <BarsChart
          height={chart.height}
          axes={chart.axes}
          categories={rows.map((r) => String(r[label] ?? ''))}
          series={charted.map((c) => ({
            name: c.title,
            right: c.chart === 'right',
            // The chart only draws: 元 from 分 here is for the bar's height, never for an amount kept or sent.
            data: rows.map((r) => {
              const v: unknown = r[c.key];
              return isNumber(v) ? (c.kind === 'money' ? v / 100 : v) : 0;
            }),
          }))}
        />
      )}
      <Table<R>
        size="small"
        rowKey={rowKey}
        dataSource={rows as R[]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={emptyText === undefined ? undefined : { emptyText }}
        columns={columns.map((c) => ({
          key: c.key,
          title: c.title,
          dataIndex: c.key,
          align: c.kind && c.kind !== 'text' ? ('right' as const) : undefined,
          render: (v: R[keyof R & string], r: R) => (c.render ? c.render(v, r) : formatStat(c.kind ?? 'text', v)),
        }))}
        summary={
          totals && rows.length
            ? () => (
                <Table.Summary.Row>
                  {columns.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i} align={c.kind && c.kind !== 'text' ? 'right' : undefined}>
                      {c.key === label ? <Typography.Text strong>合计</Typography.Text> : totals[c.key] === undefined ? '' : <Typography.Text strong>{formatStat(c.kind ?? 'text', totals[c.key])}</Typography.Text>}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )
            : undefined
        }
      />
    </div>
  );
}
