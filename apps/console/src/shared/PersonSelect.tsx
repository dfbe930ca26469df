import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';

import { type Schemas, api, unwrap } from '../api/client';

type Member = Schemas['PartyMemberResponse'];
type RosterPage = Schemas['PartyMemberPageResponse'];
type RuleSet = RosterPage['ruleSet'];

export interface PersonSelectProps {
  readonly value?: string | string[] | null;
  readonly onChange?: (value: string | string[] | undefined) => void;
  /** Several people (a list of person ids) rather than one. */
  readonly multiple?: boolean;
  readonly maxCount?: number;
  /** Whose roster to search (org unit id or code): a case's branch or village. */
  readonly orgUnit: string;
  /** Include the units below `orgUnit` (default: yes). */
  readonly subtree?: boolean;
  /** The rule set to judge eligibility by (a case keeps the one of its application date). */
  readonly ruleSet?: RuleSet;
  /** Show whether each person may serve as 入党介绍人 (sponsor) or 培养联系人 (cultivationContact) today. */
  readonly eligibility?: 'sponsor' | 'cultivationContact';
  readonly id?: string;
  readonly placeholder?: string;
  readonly 'aria-label'?: string;
  readonly style?: React.CSSProperties;
}

const STATUS = { FULL_MEMBER: '正式党员', PROBATIONARY: '预备党员' } as const;

/** The search term, once typing pauses (each keystroke would be a roster query). */
function useSettled(value: string, delay = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * Picks people by name from a unit's party roster (GET /v1/org-units/{unit}/members): each shown with their
 * branch and membership, and, when asked, whether they may serve as sponsor or contact (the API still decides).
 */
export function PersonSelect({
  value,
  onChange,
  multiple,
  maxCount,
  orgUnit,
  subtree = true,
  ruleSet,
  eligibility,
  id,
  placeholder = '输入姓名查找',
  'aria-label': ariaLabel,
  style,
}: PersonSelectProps) {
  const [search, setSearch] = useState('');
  const q = useSettled(search.trim());
  const queryClient = useQueryClient();
  const rosterKey = ['roster', orgUnit, subtree, ruleSet ?? null] as const;
  const roster = useQuery({
    queryKey: [...rosterKey, q],
    queryFn: () =>
      unwrap(
        api.GET('/v1/org-units/{idOrCode}/members', {
          params: {
            path: { idOrCode: orgUnit },
            query: { subtree, limit: 50, ...(q ? { q } : {}), ...(ruleSet ? { ruleSet } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  // People already chosen keep their names while another search shows: every page read so far names them.
  const known = new Map<string, Member>();
  for (const [, page] of queryClient.getQueriesData<RosterPage>({ queryKey: rosterKey })) {
    for (const member of page?.items ?? []) known.set(member.personId, member);
  }
  const chosen = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  // The found people, then any chosen one the search no longer shows (named from earlier pages).
  const found = roster.data?.items ?? [];
  const options = [
    ...found.map((member) => ({ value: member.personId, member })),
    ...chosen
      .filter((personId) => !found.some((member) => member.personId === personId))
      .flatMap((personId) => {
        const member = known.get(personId);
        return member ? [{ value: personId, member }] : [];
      }),
  ];
  return (
    <Select<string | string[], { value: string; member: Member; label?: string }>
      id={id}
      aria-label={ariaLabel}
      mode={multiple ? 'multiple' : undefined}
      maxCount={maxCount}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder}
      style={style}
      allowClear
      loading={roster.isFetching}
      notFoundContent={roster.isPending ? '查找中…' : '花名册中没有此人'}
      showSearch={{ filterOption: false, onSearch: setSearch, autoClearSearchValue: true }}
      options={options.map((option) => ({ ...option, label: option.member.name }))}
      optionRender={({ data }) => {
        const { member } = data;
        const verdict = eligibility ? member[eligibility] : undefined;
        return (
          <Space size={4} wrap>
            <span>{member.name}</span>
            <Typography.Text type="secondary">
              {member.branch.name} · {STATUS[member.status]}
            </Typography.Text>
            {verdict &&
              (verdict.eligible ? (
                <Tag color="success">符合条件</Tag>
              ) : (
                <Tag color="warning" title={verdict.reasons.map((reason) => reason.message).join('；')}>
                  不符合条件
                </Tag>
              ))}
          </Space>
        );
      }}
      labelRender={({ value: personId, label }) => {
        const member = known.get(String(personId));
        return member ? `${member.name}（${member.branch.name}）` : (label ?? String(personId));
      }}
    />
  );
}
