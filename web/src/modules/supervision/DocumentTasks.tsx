/** Beside a gazette document: the tasks it assigns and where each stands (staff only; the public sees the text). */
import { Badge, Card } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../auth';
import { useData } from '../../platform/data';
import { RecordList } from '../../platform/RecordList';
import type { SupervisionTask } from './contract';
import { LIGHT } from './legend';

function Tasks({ docNumber }: { docNumber: string }) {
  const { data } = useData<{ items: SupervisionTask[]; total: number }>(['supervision', 'tasks', 'document', docNumber], `/api/supervision/tasks?docNumber=${encodeURIComponent(docNumber)}&pageSize=100`);
  if (!data?.items.length) return null;
  return (
    <Card size="small" title={`督办任务（${data.total}）`} data-testid="document-tasks">
      <RecordList
        size="small"
        items={data.items}
        rowKey="id"
        itemRender={(t) => (
          <Link to={`/supervision?task=${t.id}`}>
            <Badge status={LIGHT[t.light]} text={`${t.clause} ${t.heading || t.text.slice(0, 16)} · ${t.statusLabel}`} />
          </Link>
        )}
      />
    </Card>
  );
}

export function DocumentTasks({ docNumber }: { docNumber: string }) {
  const { can } = useAuth();
  if (!can('supervision.read')) return null;
  return <Tasks docNumber={docNumber} />;
}
