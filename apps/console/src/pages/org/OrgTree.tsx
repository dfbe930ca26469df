import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Select, Space, Switch, Table, Tag, Tree } from 'antd';
import { useState } from 'react';

import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { LINK, MUTED } from './style';
import {
  ORG_UNIT_KIND_NAMES,
  type OrgUnitKind,
  type OrgUnitNode,
  type UnitTreeNode,
  childUnits,
  kindName,
  orgUnitQuery,
  treeNode,
  withChildren,
} from '../../shared/orgUnits';

/** How deep a search looks under the root: a county's tree is at most a few levels deep. */
const SEARCH_DEPTH = 10;

function UnitTitle({ unit }: { readonly unit: UnitTreeNode['unit'] }) {
  return (
    <span>
      <span>{unit.name}</span> <span style={MUTED}>{unit.code}</span>
      {unit.closedOn && <Tag style={{ marginInlineStart: 6 }}>{`${unit.closedOn} 撤销`}</Tag>}
    </span>
  );
}

/** The lazily loaded tree under the root: a branch's children are asked for when it is opened. */
function LazyTree({
  root,
  includeClosed,
  selected,
  onSelect,
}: {
  readonly root: OrgUnitNode;
  readonly includeClosed: boolean;
  readonly selected: string | undefined;
  readonly onSelect: (code: string) => void;
}) {
  const [tree, setTree] = useState<UnitTreeNode[]>(() => [treeNode(root)]);
  const [expanded, setExpanded] = useState<React.Key[]>([root.code]);
  return (
    <Tree<UnitTreeNode>
      aria-label="组织树"
      treeData={tree}
      expandedKeys={expanded}
      onExpand={setExpanded}
      selectedKeys={selected ? [selected] : []}
      titleRender={(node) => <UnitTitle unit={node.unit} />}
      onSelect={(keys) => {
        const key = keys[0];
        if (key !== undefined) onSelect(String(key));
      }}
      loadData={async (node) => {
        const children = await childUnits(node.key, includeClosed);
        setTree((current) => withChildren(current, node.key, children.map(treeNode)));
      }}
    />
  );
}

/**
 * The org tree under the reader's root (GET /v1/org-units, one level at a time), or, while a name, kind or
 * 审批权 filter is set, the units of every level under the root that match it.
 */
export function OrgTree({
  rootCode,
  selected,
  onSelect,
}: {
  readonly rootCode: string;
  readonly selected: string | undefined;
  readonly onSelect: (code: string) => void;
}) {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<OrgUnitKind>();
  const [approval, setApproval] = useState<boolean>();
  const [includeClosed, setIncludeClosed] = useState(false);
  const filtered = q !== '' || kind !== undefined || approval !== undefined;
  const root = useQuery(orgUnitQuery(rootCode));
  const found = useQuery({
    queryKey: ['org-units-search', rootCode, q, kind, approval, includeClosed],
    enabled: filtered,
    queryFn: () =>
      unwrap(
        api.GET('/v1/org-units', {
          params: {
            query: {
              under: rootCode,
              depth: SEARCH_DEPTH,
              ...(q ? { q } : {}),
              ...(kind ? { kind } : {}),
              ...(approval !== undefined ? { canApproveMembership: approval } : {}),
              includeClosed,
              limit: 200,
            },
          },
        }),
      ),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Input.Search
        aria-label="按名称或代码查找组织"
        placeholder="名称或代码"
        allowClear
        onSearch={(value) => setQ(value.trim())}
      />
      <Space wrap>
        <Select<OrgUnitKind>
          aria-label="组织类别"
          placeholder="组织类别"
          allowClear
          style={{ width: 130 }}
          value={kind}
          onChange={setKind}
          options={Object.entries(ORG_UNIT_KIND_NAMES).map(([value, label]) => ({
            value: value as OrgUnitKind,
            label,
          }))}
        />
        <Select<'yes' | 'no'>
          aria-label="审批权"
          placeholder="审批权"
          allowClear
          style={{ width: 120 }}
          value={approval === undefined ? undefined : approval ? 'yes' : 'no'}
          onChange={(value) => setApproval(value === undefined ? undefined : value === 'yes')}
          options={[
            { value: 'yes', label: '有审批权' },
            { value: 'no', label: '无审批权' },
          ]}
        />
        <Space size={4}>
          <Switch id="org-include-closed" size="small" checked={includeClosed} onChange={setIncludeClosed} />
          <label htmlFor="org-include-closed">含已撤销</label>
        </Space>
      </Space>
      <ProblemAlert error={root.error ?? found.error} />
      {filtered ? (
        <Table<OrgUnitNode>
          rowKey="code"
          size="small"
          loading={found.isPending}
          dataSource={found.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={<span style={MUTED}>没有符合条件的组织</span>} /> }}
          rowClassName={(unit) => (unit.code === selected ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: '组织',
              render: (_, unit) => (
                <Button type="link" style={LINK} onClick={() => onSelect(unit.code)}>
                  <UnitTitle unit={unit} />
                </Button>
              ),
            },
            { title: '类别', render: (_, unit) => kindName(unit.kind) },
          ]}
        />
      ) : root.data ? (
        // A new tree when closed units are shown or hidden: the loaded branches differ.
        <LazyTree
          key={String(includeClosed)}
          root={root.data}
          includeClosed={includeClosed}
          selected={selected}
          onSelect={onSelect}
        />
      ) : null}
    </Space>
  );
}
