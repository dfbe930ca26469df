import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';

import { api, type Schemas, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { kindName } from '../../shared/orgUnits';
import { MUTED, TONES } from './style';

type UnitDetail = Schemas['OrgUnitDetailResponse'];
type HistoryEntry = Schemas['OrgUnitHistoryEntryResponse'];

const CHANGE_NAMES: Record<HistoryEntry['kind'], string> = {
  CREATED: '设立',
  RENAMED: '更名',
  APPROVAL_AUTHORITY_CHANGED: '审批权变更',
  MOVED: '调整隶属',
  CLOSED: '撤销',
  IMPORTED: '导入',
};

/** What a change did, field by field (the history keeps the unit before and after). */
function changeText(entry: HistoryEntry): string {
  const before = entry.before ?? {};
  const fields = Object.keys(entry.after).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(entry.after[field]),
  );
  const shown = (value: unknown) =>
    value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  return fields.map((field) => `${field}：${shown(before[field])} → ${shown(entry.after[field])}`).join('；');
}

/** A unit's facts (kind, 审批权, closed, place in the tree) and, for the org department, its history. */
export function UnitOverview({
  unit,
  canAdminister,
}: {
  readonly unit: UnitDetail;
  readonly canAdminister: boolean;
}) {
  const history = useQuery({
    queryKey: ['org-unit-history', unit.code],
    enabled: canAdminister,
    queryFn: () =>
      unwrap(
        api.GET('/v1/org-units/{idOrCode}/history', {
          params: { path: { idOrCode: unit.code }, query: { limit: 50 } },
        }),
      ),
  });
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: '名称', children: unit.name },
          { key: 'code', label: '代码', children: unit.code },
          { key: 'kind', label: '类别', children: kindName(unit.kind) },
          {
            key: 'approval',
            label: '审批权（§22）',
            children: unit.canApproveMembership ? (
              <Tag color={TONES.good}>有审批权</Tag>
            ) : (
              <Tag>无审批权</Tag>
            ),
          },
          {
            key: 'closed',
            label: '状态',
            children: unit.closedOn ? (
              <Tag color={TONES.bad}>{`${unit.closedOn} 撤销`}</Tag>
            ) : (
              <Tag color={TONES.info}>正常</Tag>
            ),
          },
          { key: 'children', label: '直属下级', children: `${unit.childCount}个` },
          {
            key: 'path',
            label: '上级组织',
            span: 'filled',
            children: unit.ancestors.length > 0 ? unit.ancestors.map((a) => a.name).join(' / ') : '—',
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        变更记录
      </Typography.Title>
      {canAdminister ? (
        <>
          <ProblemAlert error={history.error} />
          <Table<HistoryEntry>
            rowKey="id"
            size="small"
            loading={history.isPending}
            dataSource={history.data?.items ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: <span style={MUTED}>没有变更记录</span> }}
            columns={[
              {
                title: '时间',
                render: (_, entry) => dayjs(entry.recordedAt).format('YYYY-MM-DD HH:mm'),
              },
              { title: '变更', render: (_, entry) => CHANGE_NAMES[entry.kind] },
              { title: '内容', render: (_, entry) => changeText(entry) },
              { title: '操作人', render: (_, entry) => entry.actor.name },
              {
                title: '来源',
                render: (_, entry) =>
                  entry.source ? (
                    <span style={MUTED} title={entry.source}>{`文件 ${entry.source.slice(0, 12)}…`}</span>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </>
      ) : (
        <Alert type="info" showIcon title="组织变更记录仅县委组织部可查看" />
      )}
    </>
  );
}
