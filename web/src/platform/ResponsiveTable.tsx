/**
 * antd's Table at desktop; below the `md` breakpoint each row is a card, because on a 390 px phone a wide table
 * squeezes its headers to a character a line. The card reads the same column definitions: the heading is the column
 * marked `cardTitle` (else the first shown), every other shown column a 「标题：值」 line, drawn by the column's own
 * `render`, so buttons in a row stay buttons. Cards keep the table's roles (table, row, cell) and its `data-*` props,
 * so whatever finds a row by its role finds the card.
 */
import { isValidElement, useCallback, useState, useSyncExternalStore, type CSSProperties, type Key, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Grid, Table, theme, type TableColumnGroupType, type TableColumnType, type TableProps } from 'antd';
import { RecordList } from './RecordList';

type AnyObject = Record<PropertyKey, any>;
type Screens = ReturnType<typeof Grid.useBreakpoint>;

/** A column as antd's Table takes it; `cardTitle` makes it the heading of each card on a phone. */
export type ResponsiveColumn<T> = (TableColumnType<T> | TableColumnGroupType<T>) & { cardTitle?: boolean };

/**
 * antd's Table props, the columns allowed a `cardTitle`. Give `locale={{ emptyText }}`: why the table is empty and what
 * will appear or what to do; without it the library's bare 暂无数据 shows, at desktop and on the phone's cards alike.
 */
export type ResponsiveTableProps<T> = Omit<TableProps<T>, 'columns'> & { columns?: readonly ResponsiveColumn<T>[] };

type Leaf<T> = TableColumnType<T> & { cardTitle?: boolean };

/** Whether the window is at least `px` wide, known from the first render (antd's breakpoint hook learns it only after). */
function useWide(px: number): boolean {
  const query = `(min-width: ${px}px)`;
  const subscribe = useCallback(
    (changed: () => void) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', changed);
      return () => m.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** The columns as antd's Table types them: the card's mark is this component's, not the table's. */
function forTable<T>(columns: readonly ResponsiveColumn<T>[]): TableProps<T>['columns'] {
  return columns.map(({ cardTitle: _, ...c }) => ('children' in c && c.children ? { ...c, children: forTable(c.children as ResponsiveColumn<T>[]) ?? [] } : c)) as TableProps<T>['columns'];
}

/** The leaf columns the table would show at this width: groups opened, `hidden` and `responsive` honoured. */
function shownLeaves<T>(columns: readonly ResponsiveColumn<T>[], screens: Screens): Leaf<T>[] {
  return columns.flatMap((c) => {
    if (c.hidden || (c.responsive && !c.responsive.some((bp) => screens[bp]))) return [];
    if ('children' in c && c.children) return shownLeaves(c.children as ResponsiveColumn<T>[], screens);
    // antd's EXPAND_COLUMN and SELECTION_COLUMN are empty markers; a card shows neither.
    return Object.keys(c).length ? [c as Leaf<T>] : [];
  });
}

function valueAt(record: AnyObject, path: TableColumnType<AnyObject>['dataIndex']): unknown {
  if (path === undefined || path === null) return undefined;
  const parts = Array.isArray(path) ? path : [path];
  return parts.reduce<unknown>((v, k) => (v === null || v === undefined ? undefined : (v as AnyObject)[k as PropertyKey]), record);
}

/** What the table's cell would show: the column's `render` of its `dataIndex`, a `{ children }` cell unwrapped. */
function cellOf<T>(column: Leaf<T>, record: T, index: number): ReactNode {
  const raw = valueAt(record as AnyObject, column.dataIndex as TableColumnType<AnyObject>['dataIndex']);
  const out: unknown = column.render ? column.render(raw, record, index) : raw;
  if (out && typeof out === 'object' && !isValidElement(out) && !Array.isArray(out) && 'children' in out) return (out as { children?: ReactNode }).children;
  return out as ReactNode;
}

const blank = (v: ReactNode) => v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);

function titleOf<T>(column: Leaf<T>): ReactNode {
  return typeof column.title === 'function' ? column.title({}) : column.title;
}

/** Data and ARIA attributes (a `data-testid`), which antd's Table puts on its root, go on the cards' root too. */
function dataAttrs(props: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith('data-') || k.startsWith('aria-')));
}

/** antd's Table, unchanged at desktop; a card a row below `md`. A summary row or row selection keeps the table. */
export function ResponsiveTable<T extends AnyObject>(props: ResponsiveTableProps<T>) {
  const { token } = theme.useToken();
  const wide = useWide(token.screenMD);
  const { columns = [], ...rest } = props;
  if (wide || props.summary || props.rowSelection) return <Table<T> {...rest} columns={forTable(columns)} />;
  return <RowCards {...props} columns={columns} />;
}

function RowCards<T extends AnyObject>(props: ResponsiveTableProps<T> & { columns: readonly ResponsiveColumn<T>[] }) {
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const { columns, dataSource = [], rowKey = 'key', loading, locale, pagination, onRow, rowClassName, expandable, title, footer, className, style } = props;
  const leaves = shownLeaves(columns, screens);
  const headAt = Math.max(0, leaves.findIndex((c) => c.cardTitle));
  const childrenKey = expandable?.childrenColumnName ?? 'children';
  const keyOf = (r: T, i: number): Key => (typeof rowKey === 'function' ? rowKey(r, i) : ((r[rowKey as keyof T] as Key | undefined) ?? i));
  const topKeys = dataSource.map(keyOf);
  const [ownOpen, setOwnOpen] = useState<readonly Key[]>(() => expandable?.defaultExpandedRowKeys ?? (expandable?.defaultExpandAllRows ? topKeys : []));
  const open = expandable?.expandedRowKeys ?? ownOpen;
  const toggle = (record: T, key: Key) => {
    const opening = !open.includes(key);
    const next = opening ? [...open, key] : open.filter((k) => k !== key);
    setOwnOpen(next);
    expandable?.onExpand?.(opening, record);
    expandable?.onExpandedRowsChange?.(next);
  };
  const spinning = typeof loading === 'object' ? (loading.spinning ?? true) : !!loading;
  const emptyText = typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText;
  const { position: _p, placement: _q, ...pager } = pagination || {};
  const paging = pagination === false ? false : {
    ...pager,
    simple: true,
    size: 'small' as const,
    align: 'center' as const,
    onChange: (current: number, pageSize: number) => {
      pager.onChange?.(current, pageSize);
      props.onChange?.({ ...pager, current, pageSize }, {}, [], { action: 'paginate', currentDataSource: [...dataSource] });
    },
  };
  const line: CSSProperties = { display: 'flex', gap: token.marginXS, marginTop: token.marginXXS / 2, lineHeight: token.lineHeight };

  const rowOf = (record: T, index: number, depth: number): ReactNode => {
    const key = keyOf(record, index);
    const attrs = onRow?.(record, index) ?? {};
    const expandsHere = depth === 0 && !!expandable?.expandedRowRender && (expandable.rowExpandable?.(record) ?? true);
    const expanded = expandsHere && open.includes(key);
    const byClick = expandsHere && expandable?.expandRowByClick;
    const clickable = !!attrs.onClick || byClick;
    const kids = record[childrenKey as keyof T];
    const cls = [typeof rowClassName === 'function' ? rowClassName(record, index, depth) : rowClassName, attrs.className].filter(Boolean).join(' ') || undefined;
    const head = leaves[headAt];
    const cell = head ? cellOf(head, record, index) : null;
    // A bare number (序号 12, 行 3) says nothing without its column's name.
    const heading = head && typeof cell === 'number' ? <>{titleOf(head)} {cell}</> : cell;
    return (
      <div key={key} style={depth ? { marginTop: token.marginXS, paddingTop: token.marginXS, paddingInlineStart: token.padding * depth, borderTop: `${token.lineWidth}px ${token.lineType} ${token.colorSplit}` } : undefined}>
        <div
          role="row"
          data-row-key={key}
          tabIndex={clickable ? 0 : undefined}
          {...attrs}
          className={cls}
          style={{ cursor: clickable ? 'pointer' : undefined, ...attrs.style }}
          onClick={(e) => {
            attrs.onClick?.(e);
            if (byClick) toggle(record, key);
          }}
          onKeyDown={(e: KeyboardEvent<HTMLElement>) => {
            attrs.onKeyDown?.(e);
            // A row one clicks opens from the keyboard as well; a button or link inside keeps its own keys.
            if (clickable && e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
              e.preventDefault();
              e.currentTarget.click();
            }
          }}
        >
          {head && (
            <div role="rowheader" style={{ fontWeight: token.fontWeightStrong, overflowWrap: 'anywhere' }}>
              {blank(heading) ? '—' : heading}
            </div>
          )}
          {leaves.map((c, i) => {
            if (i === headAt) return null;
            const v = cellOf(c, record, index);
            if (blank(v)) return null;
            const label = titleOf(c);
            return (
              <div role="cell" key={String(c.key ?? (Array.isArray(c.dataIndex) ? c.dataIndex.join('.') : (c.dataIndex ?? i)))} style={line}>
                {!blank(label) && <span style={{ flex: '0 0 auto', maxWidth: '45%', color: token.colorTextSecondary }}>{label}：</span>}
                <div style={{ flex: '1 1 0', minWidth: 0, overflowWrap: 'anywhere' }}>{v}</div>
              </div>
            );
          })}
          {expandsHere && (
            <div role="cell" style={{ marginTop: token.marginXXS }}>
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                aria-expanded={expanded}
                onClick={(e) => {
                  // The row's own click (open a drawer) is not this button's.
                  e.stopPropagation();
                  toggle(record, key);
                }}
              >
                {expanded ? '收起' : '展开详情'}
              </Button>
            </div>
          )}
        </div>
        {/* As in the table, what a row opens is a row of its own after it, not part of the row's text. */}
        {expanded && (
          <div role="row" style={{ marginTop: token.marginXS, paddingTop: token.marginXS, borderTop: `${token.lineWidth}px ${token.lineType} ${token.colorSplit}` }}>
            <div role="cell">{expandable!.expandedRowRender!(record, index, depth, true)}</div>
          </div>
        )}
        {Array.isArray(kids) && (kids as T[]).map((k, i) => rowOf(k, i, depth + 1))}
      </div>
    );
  };

  return (
    <div role="table" {...dataAttrs(props)} className={className} style={style}>
      {title && <div style={{ marginBottom: token.marginXS }}>{title(dataSource)}</div>}
      <RecordList
        variant="cards"
        items={dataSource}
        rowKey={(r) => keyOf(r, dataSource.indexOf(r))}
        itemRender={(r, i) => rowOf(r, i, 0)}
        emptyText={emptyText}
        loading={spinning}
        pagination={paging}
      />
      {footer && <div style={{ marginTop: token.marginXS }}>{footer(dataSource)}</div>}
    </div>
  );
}
