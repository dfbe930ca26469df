import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';

import { ProblemAlert } from '../../shared/ProblemAlert';
import { byChinese } from '../../shared/labels';
import { useMe } from '../../shared/useMe';
import { BacklogTable } from './BacklogTable';
import { FilterBar } from './FilterBar';
import { SummaryPanel } from './SummaryPanel';
import { BulkDrawer } from './bulk/BulkDrawer';
import { useBacklogFilters } from './filters';
import { type BacklogItem, useBacklog, useBacklogSummary } from './queries';
import { useOrgUnits } from './useOrgUnits';

/**
 * 审批台: a committee's view of the open tasks across its part of the tree — the counts per child unit by
 * deadline and by time waiting, the tasks under filters kept in the URL, and one decision for many tasks
 * (previewed item by item before it is recorded).
 */
export default function BacklogPage() {
  const { filters, update, clear } = useBacklogFilters();
  const me = useMe();
  const units = useOrgUnits();
  const summary = useBacklogSummary(filters);
  const backlog = useBacklog(filters);
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [batch, setBatch] = useState<readonly BacklogItem[] | null>(null);

  const items = useMemo(() => backlog.data?.pages.flatMap((page) => page.items) ?? [], [backlog.data]);
  const firstPage = backlog.data?.pages[0];
  // Selected tasks are kept while more pages load; a new filter starts a new selection.
  const selectedItems = useMemo(() => items.filter((item) => selected.includes(item.id)), [items, selected]);

  // The actions to filter by: those listed now by their names, then the other steps the caller may take (the
  // API names an action only with a task; the filter takes any of its codes).
  const actions = useMemo(() => {
    const named = new Map<string, string>(items.map((item) => [item.action, item.actionName]));
    const may = me.data?.may;
    const others = new Set(
      [
        ...(may?.memberDevelopment.flatMap((r) => r.actions) ?? []),
        ...(may?.cadreRecruitment ?? []),
        ...(may?.reservePool ?? []),
        ...(filters.action ? [filters.action] : []),
      ].filter((code) => !named.has(code)),
    );
    const byLabel = (a: { label: string }, b: { label: string }) => byChinese(a.label, b.label);
    return [
      {
        label: '列表中的事项',
        options: [...named].map(([value, label]) => ({ value, label })).sort(byLabel),
      },
      {
        label: '本人可办理的其他事项',
        options: [...others].map((value) => ({ value, label: value })).sort(byLabel),
      },
    ].filter((group) => group.options.length > 0);
  }, [me.data, items, filters.action]);

  const refresh = () =>
    Promise.all(
      ['backlog', 'backlog-summary', 'inbox'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [key] }),
      ),
    );

  const setFilters: typeof update = (changes) => {
    setSelected([]);
    update(changes);
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        审批台 {firstPage && <Typography.Text type="secondary">{firstPage.orgUnit.name}</Typography.Text>}
      </Typography.Title>
      <SummaryPanel
        summary={summary.data}
        error={summary.error}
        loading={summary.isPending}
        scoped={Boolean(filters.orgUnit) && filters.orgUnit !== me.data?.readScope.root.code}
        onUnit={(code) => setFilters({ orgUnit: code })}
      />
      <FilterBar
        filters={filters}
        update={setFilters}
        clear={() => {
          setSelected([]);
          clear();
        }}
        units={units.units}
        actions={actions}
      />
      <Card
        title={
          <Space>
            <span>待办事项</span>
            {firstPage && (
              <Typography.Text type="secondary">
                {`已列出${items.length}项${firstPage && backlog.hasNextPage ? '（还有更多）' : ''}`}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space>
            <Typography.Text>{`已选${selectedItems.length}项`}</Typography.Text>
            <Button disabled={selectedItems.length === 0} onClick={() => setSelected([])}>
              清除选择
            </Button>
            <Button
              type="primary"
              disabled={selectedItems.length === 0}
              onClick={() => setBatch(selectedItems)}
            >
              批量办理
            </Button>
          </Space>
        }
      >
        <ProblemAlert error={backlog.error} style={{ marginBottom: 16 }} />
        <BacklogTable
          items={items}
          today={firstPage?.today}
          loading={backlog.isPending}
          selected={selected}
          onSelect={setSelected}
          hasMore={backlog.hasNextPage}
          loadingMore={backlog.isFetchingNextPage}
          onMore={() => void backlog.fetchNextPage()}
        />
      </Card>
      <BulkDrawer
        open={batch !== null}
        items={batch ?? []}
        onRecorded={() => void refresh()}
        onClose={(recorded) => {
          if (recorded) setSelected([]);
          setBatch(null);
        }}
      />
    </Space>
  );
}
