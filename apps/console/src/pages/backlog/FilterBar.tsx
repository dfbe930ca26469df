import { Button, Card, Checkbox, DatePicker, Form, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';

import { PIPELINES } from '../../shared/cases';
import { type BacklogFilters, MEMBER_STAGES, type MemberStage, type useBacklogFilters } from './filters';
import { type OrgUnitNode } from './useOrgUnits';

type Update = ReturnType<typeof useBacklogFilters>['update'];

/** The backlog's filters; every change goes to the URL at once (and so to the list). */
export function FilterBar({
  filters,
  update,
  clear,
  units,
  actions,
}: {
  readonly filters: BacklogFilters;
  readonly update: Update;
  readonly clear: () => void;
  readonly units: readonly OrgUnitNode[];
  /** Action codes to offer in groups, each with its name when known. */
  readonly actions: readonly {
    readonly label: string;
    readonly options: readonly { readonly value: string; readonly label: string }[];
  }[];
}) {
  const memberOnly = !filters.workflowKind || filters.workflowKind === 'MEMBER_DEVELOPMENT';
  return (
    <Card size="small">
      <Form layout="inline" style={{ rowGap: 12 }}>
        <Form.Item label="单位" htmlFor="backlog-org-unit">
          <Select
            id="backlog-org-unit"
            style={{ width: 200 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="本人全部范围"
            value={filters.orgUnit}
            onChange={(value?: string) => update({ orgUnit: value })}
            options={units
              .filter((unit) => unit.kind !== 'PARTY_GROUP')
              .map((unit) => ({ value: unit.code, label: unit.name }))}
          />
        </Form.Item>
        <Form.Item label="类别" htmlFor="backlog-kind">
          <Select
            id="backlog-kind"
            style={{ width: 130 }}
            allowClear
            placeholder="全部"
            value={filters.workflowKind}
            onChange={(value?: string) => update({ workflowKind: value })}
            options={Object.values(PIPELINES).map((p) => ({ value: p.kind, label: p.name }))}
          />
        </Form.Item>
        {/* Member stages belong to member development: hidden while another pipeline is chosen. */}
        {memberOnly && (
          <Form.Item label="发展阶段" htmlFor="backlog-stage">
            <Select
              id="backlog-stage"
              style={{ width: 170 }}
              allowClear
              placeholder="全部"
              value={filters.stage}
              onChange={(value?: string) => update({ stage: value })}
              options={(Object.entries(MEMBER_STAGES) as [MemberStage, string][]).map(([value, label]) => ({
                value,
                label,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item label="步骤" htmlFor="backlog-step">
          <InputNumber
            id="backlog-step"
            min={1}
            max={25}
            style={{ width: 80 }}
            value={filters.step ?? null}
            onChange={(value) => update({ step: value ?? undefined })}
          />
        </Form.Item>
        <Form.Item label="事项" htmlFor="backlog-action">
          <Select
            id="backlog-action"
            style={{ width: 220 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部"
            value={filters.action}
            onChange={(value?: string) => update({ action: value })}
            options={actions.map((group) => ({ label: group.label, options: [...group.options] }))}
          />
        </Form.Item>
        <Form.Item label="状态" htmlFor="backlog-status">
          <Select
            id="backlog-status"
            style={{ width: 100 }}
            value={filters.status ?? 'OPEN'}
            onChange={(value: string) => update({ status: value === 'OPEN' ? undefined : value })}
            options={[
              { value: 'OPEN', label: '待办' },
              { value: 'DONE', label: '已办' },
            ]}
          />
        </Form.Item>
        <Form.Item label="截止早于" htmlFor="backlog-due-before">
          <DatePicker
            id="backlog-due-before"
            value={filters.dueBefore ? dayjs(filters.dueBefore) : null}
            onChange={(day) => update({ dueBefore: day ? day.format('YYYY-MM-DD') : undefined })}
          />
        </Form.Item>
        <Form.Item label="几日内到期" htmlFor="backlog-within">
          <InputNumber
            id="backlog-within"
            min={0}
            max={366}
            style={{ width: 90 }}
            value={filters.breachingWithinDays ?? null}
            onChange={(value) => update({ breachingWithinDays: value ?? undefined })}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={filters.overdue === true}
            onChange={(e) => update({ overdue: e.target.checked })}
          >
            只看已逾期
          </Checkbox>
        </Form.Item>
        <Form.Item label="排序" htmlFor="backlog-sort">
          <Select
            id="backlog-sort"
            style={{ width: 150 }}
            value={filters.sort ?? 'due'}
            onChange={(value: string) => update({ sort: value === 'due' ? undefined : value })}
            options={[
              { value: 'due', label: '期限最近的在前' },
              { value: 'waiting', label: '等待最久的在前' },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={clear}>清除筛选</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
