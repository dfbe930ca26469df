import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, Tag } from 'antd';

import { type Schemas, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { type OrgUnitNode } from '../backlog/useOrgUnits';
import { ReviewDetail } from './ReviewDetail';

type Review = Schemas['ReserveReview'];

/** 半年分析研判: the township's reviews, newest first; one opens with its tasks and decisions. */
export function ReviewsTab({
  township,
  reviewId,
  onReview,
  villages,
  mayDecide,
}: {
  readonly township: string;
  readonly reviewId: string | null;
  readonly onReview: (id: string | null) => void;
  readonly villages: ReadonlyMap<string, OrgUnitNode>;
  readonly mayDecide: boolean;
}) {
  const reviews = useQuery({
    queryKey: ['reserve-reviews', township],
    queryFn: () => unwrap(api.GET('/v1/reserve-pool/reviews', { params: { query: { township } } })),
  });
  // The newest review opens by itself: it is the one a township works on.
  const shown = reviewId ?? reviews.data?.[0]?.id ?? null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ProblemAlert error={reviews.error} />
      <Table<Review>
        rowKey="id"
        size="small"
        loading={reviews.isPending}
        dataSource={reviews.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="该乡镇还没有分析研判" /> }}
        rowClassName={(review) => (review.id === shown ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '研判期', render: (_, r) => periodName(r.period) },
          { title: '开始日期', dataIndex: 'openedOn' },
          { title: '截止日期', dataIndex: 'dueOn' },
          {
            title: '状态',
            render: (_, r) =>
              r.status === 'OPEN' ? (
                <Tag color="processing">进行中</Tag>
              ) : (
                <Tag>{`已结束 ${r.closedOn ?? ''}`}</Tag>
              ),
          },
          {
            title: '研判进度',
            render: (_, r) =>
              `已研判${r.tasks.decided}人，待研判${r.tasks.open}人` +
              (r.tasks.overdue > 0 ? `，逾期${r.tasks.overdue}人` : '') +
              (r.tasks.lapsed > 0 ? `，已离库${r.tasks.lapsed}人` : ''),
          },
          {
            title: '缺额村',
            render: (_, r) => (r.shortfalls.length === 0 ? '无' : `${r.shortfalls.length}个`),
          },
          {
            title: '操作',
            render: (_, r) =>
              r.id === shown ? (
                '正在查看'
              ) : (
                <Button type="link" size="small" onClick={() => onReview(r.id)}>
                  {`查看${periodName(r.period)}`}
                </Button>
              ),
          },
        ]}
      />
      {shown && <ReviewDetail id={shown} villages={villages} mayDecide={mayDecide} />}
    </Space>
  );
}

/** "2026-H2" → 2026年下半年. */
export function periodName(period: string): string {
  const [year, half] = period.split('-');
  return `${year}年${half === 'H1' ? '上' : '下'}半年`;
}
