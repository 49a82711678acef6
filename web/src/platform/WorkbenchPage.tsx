import { Link } from 'react-router';
import { Alert, Badge, Card, Empty, Space, Tag, Typography } from 'antd';
import type { WorkItem } from '../../../server/src/core/module.js';
import { PageHeader, useApi } from './kit';
import { RecordItem, RecordList } from './RecordList';

/** 我的待办: what waits on the user, gathered from every module. */
export function WorkbenchPage() {
  const { data, error, loading } = useApi<{ items: WorkItem[]; total: number }>('/api/workbench');
  return (
    <Card loading={loading && !data}>
      <PageHeader title={<>我的待办 <Badge count={data?.total ?? 0} overflowCount={999} data-testid="workbench-total" /></>}>各业务模块中等待您或本单位办理的事项，按截止日期排列。</PageHeader>
      {error && <Alert type="error" showIcon title={error} />}
      {data && !data.items.length && <Empty description="暂无待办事项：各业务模块有等您或本单位办理的事项时，会列在这里" />}
      {!!data?.items.length && <RecordList
        items={data.items}
        itemRender={(i) => (
          <RecordItem
            data-testid="work-item"
            actions={[<Link key="go" to={i.link}>去办理</Link>]}
            title={
              <Space wrap>
                <Tag color="red">{i.module}</Tag>
                <Link to={i.link}>{i.title}</Link>
              </Space>
            }
            description={i.deadline ? `最早截止：${i.deadline}` : undefined}
          >
            <Typography.Text strong style={{ fontSize: 20 }}>
              {i.count}
            </Typography.Text>
          </RecordItem>
        )}
      />}
    </Card>
  );
}
