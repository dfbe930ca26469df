import { Button, Space, Table, Tag, Typography } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';

import { PIPELINES, type Pipeline, caseLink } from '../../shared/cases';
import {
  cadreStageName,
  caseStatusName,
  categoryName,
  memberStageName,
  postName,
  programmeName,
  reserveStatusName,
  reserveStepName,
  ruleSetName,
} from './caseLabels';
import { type CadreRow, type MemberRow, type ReserveRow, type useCaseSearch } from './caseSearch';

type Row = MemberRow | CadreRow | ReserveRow;

/** The soonest open deadline of a case: red once past. */
function Due({ row }: { readonly row: Row }) {
  if (row.openTasks === 0) return <Typography.Text type="secondary">无待办</Typography.Text>;
  const due = row.nextDueOn ? row.nextDueOn : '无期限';
  return (
    <Space size={4}>
      <Tag color={row.overdue ? 'error' : 'default'}>{row.overdue ? `${due} 已逾期` : due}</Tag>
      <Typography.Text type="secondary">{row.openTasks}项</Typography.Text>
    </Space>
  );
}

function common(pipeline: Pipeline): { head: ColumnsType<Row>; tail: ColumnsType<Row> } {
  const kind = PIPELINES[pipeline].kind;
  return {
    head: [
      {
        title: '姓名',
        render: (_, row) => <Link to={caseLink(kind, row.id)}>{row.person.name}</Link>,
      },
      { title: '身份证号', render: (_, row) => row.person.nationalIdMasked },
      { title: pipeline === 'member' ? '党支部' : '村', render: (_, row) => row.orgUnit.name },
    ],
    tail: [
      { title: '待办 / 最近期限', render: (_, row) => <Due row={row} /> },
      { title: '更新', render: (_, row) => dayjs(row.updatedAt).format('YYYY-MM-DD HH:mm') },
    ],
  };
}

const specific: Record<Pipeline, ColumnsType<Row>> = {
  member: [
    {
      title: '阶段',
      render: (_, row) => {
        const item = row as MemberRow;
        return `${memberStageName(item.stage)} · 第${item.currentStep}步`;
      },
    },
    { title: '申请日期', render: (_, row) => (row as MemberRow).applicationDate },
    { title: '细则', render: (_, row) => ruleSetName((row as MemberRow).ruleSet) },
    {
      title: '状态',
      render: (_, row) => (
        <Tag color={row.status === 'OPEN' ? 'processing' : 'default'}>{caseStatusName(row.status)}</Tag>
      ),
    },
  ],
  cadre: [
    { title: '计划', render: (_, row) => programmeName((row as CadreRow).programmeId) },
    { title: '岗位', render: (_, row) => postName((row as CadreRow).post) },
    { title: '阶段', render: (_, row) => cadreStageName((row as CadreRow).stage) },
    { title: '提名日期', render: (_, row) => (row as CadreRow).nominatedOn },
    {
      title: '状态',
      render: (_, row) => (
        <Tag color={row.status === 'OPEN' ? 'processing' : 'default'}>{caseStatusName(row.status)}</Tag>
      ),
    },
  ],
  reserve: [
    { title: '类别', render: (_, row) => categoryName((row as ReserveRow).category) },
    {
      title: '状态',
      render: (_, row) => {
        const item = row as ReserveRow;
        const active = ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'].includes(item.status);
        return <Tag color={active ? 'processing' : 'default'}>{reserveStatusName(item.status)}</Tag>;
      },
    },
    { title: '入库程序', render: (_, row) => reserveStepName((row as ReserveRow).entryStep) },
    { title: '推荐日期', render: (_, row) => (row as ReserveRow).recommendedOn },
  ],
};

/** A pipeline's found cases, each opening its case page; more pages on demand (keyset). */
export function CaseResults({
  pipeline,
  search,
}: {
  readonly pipeline: Pipeline;
  readonly search: ReturnType<typeof useCaseSearch>;
}) {
  const rows: Row[] = search.data?.pages.flatMap((page): readonly Row[] => page.items) ?? [];
  const { head, tail } = common(pipeline);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Row>
        rowKey="id"
        loading={search.isPending}
        dataSource={rows}
        pagination={false}
        size="middle"
        rowClassName={(row) => (row.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: '没有符合条件的案件' }}
        columns={[...head, ...specific[pipeline], ...tail]}
      />
      <Space>
        <Typography.Text type="secondary">
          已显示{rows.length}条{search.hasNextPage ? '，还有更多' : rows.length > 0 ? '，已全部显示' : ''}
        </Typography.Text>
        {search.hasNextPage && (
          <Button onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage}>
            加载更多
          </Button>
        )}
      </Space>
    </Space>
  );
}
