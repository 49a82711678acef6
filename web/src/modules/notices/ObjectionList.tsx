/** A notice's objections, twenty to a page; the publishing unit marks spam (kept and audited, hidden from the public). */
import { useState } from 'react';
import { Button, Tag } from 'antd';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import { RecordItem, RecordList } from '../../platform/RecordList';
import type { NoticeDetail, ObjectionPage } from './contract';

const PAGE = 20;

/** Under the key ['notices']: a new objection or a spam mark on the page loads this list again, with the notice. */
export function ObjectionList({ notice }: { notice: NoticeDetail }) {
  const [page, setPage] = useState(1);
  const { data } = useData<ObjectionPage>(['notices'], `/api/notices/${notice.id}/objections?page=${page}&pageSize=${PAGE}`);
  const { run, pending } = useRun([['notices']]);
  const mark = (objectionId: number, spam: boolean) => run(() => send('POST', `/api/notices/${notice.id}/objections/${objectionId}/spam`, { spam }), '已处理');
  const items = data?.items ?? notice.objections;
  const total = data?.total ?? notice.objectionTotal;
  const spam = data?.spam ?? notice.spamTotal;
  return (
    <RecordList
      header={`异议（${notice.canManage ? `${total - spam} 条有效，${spam} 条标为无效信息` : `${total} 条`}）`}
      items={items}
      rowKey="id"
      emptyText={notice.status === 'open' ? '暂无异议：对公示内容有异议的，可在下方提出' : '公示期间未收到异议'}
      pagination={total > PAGE ? { current: page, pageSize: PAGE, total, onChange: setPage, showSizeChanger: false, size: 'small' } : false}
      itemRender={(o) => (
        <RecordItem
          data-testid="objection"
          actions={notice.canManage ? [<Button key="spam" size="small" type="link" disabled={pending} onClick={() => mark(o.id, !o.spam)}>{o.spam ? '撤销无效标记' : '标为无效信息'}</Button>] : []}
          title={
            <>
              {o.name}
              {o.contact ? ` · ${o.contact}` : ''} {o.spam && <Tag>无效信息</Tag>}
            </>
          }
          description={`${new Date(o.receivedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}：${o.text}`}
        />
      )}
    />
  );
}
