import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link } from 'react-router';

import { type Schemas } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useOrgUnits } from '../backlog/useOrgUnits';
import { entryFiltersOf, reserveEntriesQuery } from './queries';
import {
  CATEGORY_NAMES,
  type Category,
  type EntryStep,
  STATUS_COLORS,
  STATUS_NAMES,
  STEP_NAMES,
  entries,
} from './labels';

type Item = Schemas['ReserveEntryListItemResponse'];

/** 后备人员: the reservists of the caller's scope under filters, a keyset page at a time. */
export function EntriesTab({
  params,
  set,
}: {
  readonly params: URLSearchParams;
  readonly set: (changes: Record<string, string | undefined>) => void;
}) {
  const filters = useMemo(() => entryFiltersOf(params), [params]);
  const units = useOrgUnits();
  const villages = units.units.filter((u) => u.kind !== 'PARTY_GROUP' && u.kind !== 'BRANCH');
  const list = useInfiniteQuery(reserveEntriesQuery(filters));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const day = (value: string | undefined) => (value ? dayjs(value) : null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="姓名" htmlFor="reserve-name">
            <Input.Search
              id="reserve-name"
              allowClear
              defaultValue={filters.name ?? ''}
              style={{ width: 180 }}
              enterButton="查找"
              onSearch={(value) => set({ name: value.trim() || undefined })}
            />
          </Form.Item>
          <Form.Item label="村" htmlFor="reserve-village">
            <Select
              id="reserve-village"
              allowClear
              placeholder="全部"
              style={{ width: 160 }}
              value={filters.orgUnit}
              onChange={(value?: string) => set({ village: value })}
              options={villages.map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
          <Form.Item label="状态" htmlFor="reserve-status">
            <Select
              id="reserve-status"
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              value={filters.status}
              onChange={(value?: string) => set({ status: value })}
              options={entries(STATUS_NAMES)}
            />
          </Form.Item>
          <Form.Item label="入库环节" htmlFor="reserve-step">
            <Select
              id="reserve-step"
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              value={filters.entryStep}
              onChange={(value?: string) => set({ entryStep: value })}
              options={entries(STEP_NAMES)}
            />
          </Form.Item>
          <Form.Item label="类别" htmlFor="reserve-category">
            <Select
              id="reserve-category"
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              value={filters.category}
              onChange={(value?: string) => set({ category: value })}
              options={entries(CATEGORY_NAMES)}
            />
          </Form.Item>
          <Form.Item label="推荐日期" htmlFor="reserve-recommended">
            <DatePicker.RangePicker
              id={{ start: 'reserve-recommended', end: 'reserve-recommended-to' }}
              aria-label="推荐日期范围"
              value={[day(filters.recommendedFrom), day(filters.recommendedTo)]}
              allowEmpty={[true, true]}
              onChange={(range) =>
                set({
                  recommendedFrom: range?.[0]?.format('YYYY-MM-DD'),
                  recommendedTo: range?.[1]?.format('YYYY-MM-DD'),
                })
              }
            />
          </Form.Item>
          <Form.Item>
            <Checkbox
              checked={filters.overdue === true}
              onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
            >
              只看有逾期待办的
            </Checkbox>
          </Form.Item>
          <Form.Item label="排序" htmlFor="reserve-sort">
            <Select
              id="reserve-sort"
              style={{ width: 150 }}
              value={filters.sort ?? 'updatedAt'}
              onChange={(value: string) => set({ sort: value === 'updatedAt' ? undefined : value })}
              options={[
                { value: 'updatedAt', label: '最近变动在前' },
                { value: 'recommendedOn', label: '推荐日期' },
                { value: 'name', label: '姓名（拼音）' },
              ]}
            />
          </Form.Item>
        </Form>
      </Card>
      <ProblemAlert error={list.error} />
      <Table<Item>
        rowKey="id"
        loading={list.isPending}
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: '姓名',
            render: (_, item) => <Link to={`/cases/reserve/${item.id}`}>{item.person.name}</Link>,
          },
          { title: '村', render: (_, item) => item.orgUnit.name },
          {
            title: '类别',
            render: (_, item) => CATEGORY_NAMES[item.category as Category] ?? item.category,
          },
          {
            title: '状态',
            render: (_, item) => <Tag color={STATUS_COLORS[item.status]}>{STATUS_NAMES[item.status]}</Tag>,
          },
          {
            title: '入库环节',
            render: (_, item) => STEP_NAMES[item.entryStep as EntryStep] ?? item.entryStep,
          },
          { title: '推荐日期', dataIndex: 'recommendedOn' },
          { title: '入库日期', render: (_, item) => item.enteredOn ?? '—' },
          { title: '离库日期', render: (_, item) => item.leftOn ?? '—' },
          {
            title: '待办',
            render: (_, item) =>
              item.openTasks === 0 ? (
                <Typography.Text type="secondary">无</Typography.Text>
              ) : (
                <Space size={4}>
                  <span>{`${item.openTasks}项`}</span>
                  {item.overdue ? (
                    <Tag color="error">已逾期</Tag>
                  ) : (
                    item.nextDueOn && <Tag>{`${item.nextDueOn}前`}</Tag>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          加载更多
        </Button>
      )}
    </Space>
  );
}
