import { Table, Tag } from 'antd';
import { Link } from 'react-router';

import { type Schemas } from '../../../api/client';
import { caseLink } from '../../../shared/cases';
import { type BacklogItem } from '../queries';
import { fieldLabel } from './schema';

export type BulkResult = Schemas['BulkResult'];
type ItemResult = BulkResult['results'][number];
type Problem = Schemas['BulkItemProblem'];

/** Why an item was refused, line by line in the API's words: each broken rule with its article, each bad field. */
export function problemLines(problem: Problem): string[] {
  const violations = (problem.violations ?? []).map(
    (v) => `${v.field ? `${fieldLabel(v.field)}：` : ''}${v.message}${v.article ? `（${v.article}）` : ''}`,
  );
  const errors = (problem.errors ?? []).map((e) => `${fieldLabel(e.field)}：${e.message}`);
  const lines = [...violations, ...errors];
  if (lines.length > 0) return lines;
  return [`${problem.detail}${problem.article ? `（${problem.article}）` : ''}`];
}

interface Row {
  readonly item: BacklogItem;
  readonly result: ItemResult;
}

/**
 * Each item of a batch with what the API answered for it: accepted (or recorded) or refused with the reasons.
 * `recorded`: the answer of the recording, not of the dry run.
 */
export function ItemResults({
  items,
  result,
  recorded,
  caption,
}: {
  readonly items: readonly BacklogItem[];
  readonly result: BulkResult;
  readonly recorded: boolean;
  readonly caption: string;
}) {
  const rows: Row[] = result.results.flatMap((r) => {
    const item = items[r.index];
    return item ? [{ item, result: r }] : [];
  });
  return (
    <Table<Row>
      size="small"
      rowKey={(row) => row.item.id}
      dataSource={rows}
      pagination={false}
      title={() => caption}
      rowClassName={(row) => (row.result.status === 200 ? 'bulk-accepted' : 'bulk-refused')}
      columns={[
        {
          title: '对象',
          render: (_, { item }) => (
            <Link to={caseLink(item.workflowKind, item.caseId, item.action)}>{item.candidate.name}</Link>
          ),
        },
        { title: '所在组织', render: (_, { item }) => item.branch.name },
        {
          title: recorded ? '办理结果' : '预检结果',
          render: (_, { result: r }) =>
            r.status === 200 ? (
              <Tag color="success">{recorded ? '已记录' : '可以办理'}</Tag>
            ) : (
              <Tag color="error">{recorded ? `未记录（${r.status}）` : `不予办理（${r.status}）`}</Tag>
            ),
        },
        {
          title: '原因',
          render: (_, { result: r }) =>
            'problem' in r ? (
              <div>
                <div>{r.problem.title}</div>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {problemLines(r.problem).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
