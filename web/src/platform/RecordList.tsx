/**
 * A list of records on antd's `Listy`, with what `Listy` leaves to its caller: a header, the empty text, loading and
 * paging (antd deprecated `List`, which had them). `RecordItem` lays out one item as `List.Item.Meta` did.
 */
import { useState, type Key, type ReactNode } from 'react';
import { Empty, Listy, Pagination, Spin, theme, type PaginationProps } from 'antd';

/** Paging as antd's Table and List take it; `false` shows every item. */
export type Paging = false | PaginationProps;

/** The items of the page shown: cut here, unless a `total` beyond them says the server sent just this page (as Table reads it). */
export function pageOf<T>(items: readonly T[], paging: Paging, current: number, pageSize: number): readonly T[] {
  if (paging === false) return items;
  if (paging.total !== undefined && items.length < paging.total && items.length <= pageSize) return items;
  return items.slice((current - 1) * pageSize, current * pageSize);
}

/** The empty text as List and Table show it: a given text in grey, or the component library's own 暂无数据. */
export function EmptyText({ text }: { text?: ReactNode }) {
  const { token } = theme.useToken();
  if (text === undefined) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return <div style={{ padding: token.padding, textAlign: 'center', color: token.colorTextDescription }}>{text}</div>;
}

/** The pager under a list, left out while everything fits on one page unless it also tells the total (共 3 件). */
export function Pager({ paging, total, current, pageSize, onChange }: { paging: Exclude<Paging, false>; total: number; current: number; pageSize: number; onChange: (page: number, size: number) => void }) {
  if (total <= pageSize && !paging.showTotal) return null;
  return (
    <Pagination
      align="end"
      style={{ marginTop: 16 }}
      {...paging}
      total={total}
      current={current}
      pageSize={pageSize}
      onChange={(p, s) => {
        onChange(p, s);
        paging.onChange?.(p, s);
      }}
    />
  );
}

interface RecordListProps<T> {
  items: readonly T[];
  /** Each item's identity; without it an item is known by its place, as `List` knew it. */
  rowKey?: keyof T | ((item: T) => Key);
  itemRender: (item: T, index: number) => ReactNode;
  header?: ReactNode;
  /**
   * What an empty list says: why it is empty and what will appear here or what to do (「本轮尚无核销记录：商户在收银台
   * 核销后显示在这里」). Every page gives one; left out, the library's bare 暂无数据 shows, which tells a reader nothing.
   */
  emptyText?: ReactNode;
  loading?: boolean;
  pagination?: Paging;
  size?: 'small' | 'default';
  /** `cards`: each item a bordered box apart from the next (a table's rows on a phone). */
  variant?: 'list' | 'cards';
  'data-testid'?: string;
}

/** Items on `Listy`, with a header, an empty text, a spinner while loading and a pager when there is more than a page. */
export function RecordList<T>({ items, rowKey, itemRender, header, emptyText, loading = false, pagination = false, size = 'default', variant = 'list', ...rest }: RecordListProps<T>) {
  const { token } = theme.useToken();
  const [page, setPage, pageSize, setPageSize] = usePaging(pagination);
  const shown = pageOf(items, pagination, page, pageSize);
  const keyOf = (item: T, index: number): Key => (rowKey === undefined ? index : typeof rowKey === 'function' ? rowKey(item) : (item[rowKey] as Key));
  const entries = shown.map((item, index) => ({ item, index, key: keyOf(item, index) }));
  const block = size === 'small' ? token.paddingXS : token.paddingSM;
  // A card's own background also turns off Listy's hover shade, which would suggest every card opens something.
  const card = { padding: token.paddingSM, marginBottom: token.marginXS, border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, background: token.colorBgContainer };
  return (
    <div data-testid={rest['data-testid']}>
      <Spin spinning={loading}>
        {header !== undefined && <div style={{ padding: `${block}px ${token.padding}px`, borderBottom: `${token.lineWidth}px ${token.lineType} ${token.colorSplit}` }}>{header}</div>}
        {entries.length ? (
          <Listy items={entries} rowKey="key" styles={{ item: variant === 'cards' ? card : { paddingBlock: block } }} itemRender={(e) => itemRender(e.item, e.index)} />
        ) : loading ? (
          // The spinner needs room to turn in while nothing has arrived yet.
          <div style={{ minHeight: token.controlHeight * 2 }} />
        ) : (
          <EmptyText text={emptyText} />
        )}
      </Spin>
      {pagination !== false && (
        <Pager
          paging={pagination}
          total={pagination.total ?? items.length}
          current={page}
          pageSize={pageSize}
          onChange={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
        />
      )}
    </div>
  );
}

/** The page and page size: the caller's when it keeps them, else kept here from its defaults. */
export function usePaging(paging: Paging): [number, (p: number) => void, number, (s: number) => void] {
  const [page, setPage] = useState(paging ? (paging.defaultCurrent ?? 1) : 1);
  const [size, setSize] = useState(paging ? (paging.defaultPageSize ?? 10) : 10);
  return [paging ? (paging.current ?? page) : 1, setPage, paging ? (paging.pageSize ?? size) : size, setSize];
}

/** One item: a title and a line under it (as `List.Item.Meta`), what stands beside them, and actions at the end. */
export function RecordItem({ title, description, actions, children, ...rest }: { title?: ReactNode; description?: ReactNode; actions?: ReactNode[]; children?: ReactNode; 'data-testid'?: string }) {
  const { token } = theme.useToken();
  const meta = title !== undefined || description !== undefined;
  return (
    <div data-testid={rest['data-testid']} style={{ display: 'flex', alignItems: 'center', gap: token.padding, flexWrap: 'wrap', justifyContent: 'space-between' }}>
      {meta && (
        <div style={{ flex: '1 1 240px', minWidth: 0 }}>
          {title !== undefined && <div style={{ color: token.colorText, fontWeight: 500, marginBottom: description ? token.marginXXS : 0 }}>{title}</div>}
          {description !== undefined && <div style={{ color: token.colorTextDescription }}>{description}</div>}
        </div>
      )}
      {children !== undefined && <div style={meta ? undefined : { flex: '1 1 auto', minWidth: 0 }}>{children}</div>}
      {!!actions?.length && <div style={{ display: 'flex', gap: token.paddingXS, alignItems: 'center' }}>{actions}</div>}
    </div>
  );
}
