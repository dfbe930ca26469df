import { Button, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

import { type Pipeline } from '../../shared/cases';
import { OrgUnitSelect } from '../../shared/OrgUnitSelect';
import { CHOICES, DATES, NATIONAL_ID } from './caseSearch';

interface FiltersProps {
  readonly pipeline: Pipeline;
  readonly params: URLSearchParams;
  /** Sets (or, with null, clears) URL filters. */
  readonly onChange: (changes: Record<string, string | null>) => void;
  readonly nationalId: string | null;
  readonly onNationalId: (nationalId: string | null) => void;
  readonly onReset: () => void;
}

const SORTS: Record<Pipeline, readonly (readonly [string, string])[]> = {
  member: [
    ['updatedAt', '最近更新'],
    ['name', '姓名'],
    ['applicationDate', '申请日期'],
  ],
  cadre: [
    ['updatedAt', '最近更新'],
    ['name', '姓名'],
    ['nominatedOn', '提名日期'],
  ],
  reserve: [
    ['updatedAt', '最近更新'],
    ['name', '姓名'],
    ['recommendedOn', '推荐日期'],
  ],
};

/** The list's filters: a name or national ID, the unit's subtree, the endpoint's choices, a date range, order. */
export function CaseFilters({ pipeline, params, onChange, nationalId, onNationalId, onReset }: FiltersProps) {
  const [typed, setTyped] = useState(nationalId ?? params.get('name') ?? '');
  const dates = DATES[pipeline];
  const from = params.get(dates.from);
  const to = params.get(dates.to);
  const search = (value: string) => {
    const text = value.trim();
    if (NATIONAL_ID.test(text)) {
      onNationalId(text);
      onChange({ name: null });
    } else {
      onNationalId(null);
      onChange({ name: text || null });
    }
  };
  return (
    <Form layout="inline" style={{ rowGap: 12 }} onSubmitCapture={(event) => event.preventDefault()}>
      <Form.Item label="姓名或身份证号" htmlFor={`${pipeline}-search`}>
        <Input.Search
          id={`${pipeline}-search`}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onSearch={search}
          allowClear
          enterButton="查询"
          placeholder="姓名（部分即可）或18位身份证号"
          style={{ width: 320 }}
        />
      </Form.Item>
      <Form.Item label="组织" htmlFor={`${pipeline}-org`}>
        <OrgUnitSelect
          id={`${pipeline}-org`}
          value={params.get('orgUnit')}
          onChange={(unit) => onChange({ orgUnit: unit ?? null })}
          allowClear
          placeholder="全部（本人范围）"
          style={{ width: 220 }}
        />
      </Form.Item>
      {CHOICES[pipeline].map((choice) => (
        <Form.Item key={choice.key} label={choice.label} htmlFor={`${pipeline}-${choice.key}`}>
          <Select
            id={`${pipeline}-${choice.key}`}
            value={params.get(choice.key) ?? undefined}
            onChange={(value: string | undefined) => onChange({ [choice.key]: value ?? null })}
            allowClear
            placeholder="全部"
            style={{ minWidth: 130 }}
            popupMatchSelectWidth={false}
            options={choice.options.map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      ))}
      <Form.Item label="期限" htmlFor={`${pipeline}-overdue`}>
        <Select
          id={`${pipeline}-overdue`}
          value={params.get('overdue') ?? undefined}
          onChange={(value: string | undefined) => onChange({ overdue: value ?? null })}
          allowClear
          placeholder="全部"
          style={{ width: 110 }}
          options={[
            { value: 'true', label: '已逾期' },
            { value: 'false', label: '未逾期' },
          ]}
        />
      </Form.Item>
      <Form.Item label={dates.label} htmlFor={`${pipeline}-dates`}>
        <DatePicker.RangePicker
          id={{ start: `${pipeline}-dates`, end: `${pipeline}-dates-end` }}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            onChange({
              [dates.from]: range?.[0]?.format('YYYY-MM-DD') ?? null,
              [dates.to]: range?.[1]?.format('YYYY-MM-DD') ?? null,
            })
          }
          placeholder={['起', '止']}
        />
      </Form.Item>
      <Form.Item label="排序" htmlFor={`${pipeline}-sort`}>
        <Space.Compact>
          <Select
            id={`${pipeline}-sort`}
            value={params.get('sort') ?? 'updatedAt'}
            onChange={(value: string) => onChange({ sort: value === 'updatedAt' ? null : value })}
            style={{ width: 120 }}
            options={SORTS[pipeline].map(([value, label]) => ({ value, label }))}
          />
          <Select
            aria-label="顺序"
            value={params.get('order') ?? 'default'}
            onChange={(value: string) => onChange({ order: value === 'default' ? null : value })}
            style={{ width: 100 }}
            options={[
              { value: 'default', label: '默认' },
              { value: 'asc', label: '升序' },
              { value: 'desc', label: '降序' },
            ]}
          />
        </Space.Compact>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            setTyped('');
            onReset();
          }}
        >
          清除筛选
        </Button>
      </Form.Item>
      {nationalId && (
        <Form.Item>
          <Typography.Text type="secondary">按身份证号精确查找（身份证号不写入网址）</Typography.Text>
        </Form.Item>
      )}
    </Form>
  );
}
