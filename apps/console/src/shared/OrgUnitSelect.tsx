import { useQuery } from '@tanstack/react-query';
import { Select, TreeSelect } from 'antd';
import { useMemo } from 'react';

import { type Schemas } from '../api/client';
import { scopeTreeQuery } from './orgUnits';

type OrgUnitNode = Schemas['OrgUnitNodeResponse'];
type UnitRef = Pick<OrgUnitNode, 'id' | 'code' | 'name'>;

interface TreeOption {
  readonly value: string;
  readonly title: string;
  readonly key: string;
  readonly children: TreeOption[];
}

/** The caller's read scope as a tree: its root and every level below, open units only. */
export function useOrgUnitTree() {
  return useQuery(scopeTreeQuery);
}

/** Every unit of the scope by id and by code (to name the units records and tasks point at). */
export function useOrgUnitIndex(): ReadonlyMap<string, OrgUnitNode> {
  const tree = useOrgUnitTree();
  return useMemo(() => {
    const index = new Map<string, OrgUnitNode>();
    if (!tree.data) return index;
    for (const unit of [tree.data.under, ...tree.data.items]) {
      index.set(unit.id, unit);
      index.set(unit.code, unit);
    }
    return index;
  }, [tree.data]);
}

function buildTree(units: readonly OrgUnitNode[], valueOf: (unit: OrgUnitNode) => string): TreeOption[] {
  const byParent = new Map<string | null, OrgUnitNode[]>();
  const ids = new Set(units.map((unit) => unit.id));
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit]);
  }
  const level = (parent: string | null): TreeOption[] =>
    (byParent.get(parent) ?? []).map((unit) => ({
      value: valueOf(unit),
      key: valueOf(unit),
      title: unit.name,
      children: level(unit.id),
    }));
  return level(null);
}

export interface OrgUnitSelectProps {
  readonly value?: string | null;
  readonly onChange?: (value: string | undefined) => void;
  /** The units that may be chosen (an action's actingOrgUnits): offered alone when given. */
  readonly preferred?: readonly UnitRef[];
  /** What the value holds: the unit's code (default, readable in bodies) or its id. */
  readonly valueKey?: 'code' | 'id';
  readonly id?: string;
  readonly placeholder?: string;
  readonly allowClear?: boolean;
  readonly style?: React.CSSProperties;
  readonly 'aria-label'?: string;
}

/**
 * Picks an org unit: from `preferred` when the API names who may act, else from the caller's tree, searchable
 * by name or code.
 */
export function OrgUnitSelect({
  value,
  onChange,
  preferred,
  valueKey = 'code',
  id,
  placeholder = '选择组织',
  allowClear,
  style,
  'aria-label': ariaLabel,
}: OrgUnitSelectProps) {
  const usePreferred = !!preferred && preferred.length > 0;
  const tree = useOrgUnitTree();
  const options = useMemo(
    () =>
      tree.data
        ? buildTree([tree.data.under, ...tree.data.items], (unit) => unit[valueKey])
        : ([] as TreeOption[]),
    [tree.data, valueKey],
  );
  // What the two pickers share: the form item's id and value, the label, and how they look.
  const shared = {
    id,
    'aria-label': ariaLabel,
    value: value ?? undefined,
    onChange: (next: string) => onChange?.(next),
    allowClear,
    placeholder,
    style,
  };
  if (usePreferred) {
    return (
      <Select<string>
        {...shared}
        showSearch={{ optionFilterProp: 'label' }}
        options={preferred.map((unit) => ({ value: unit[valueKey], label: `${unit.name}（${unit.code}）` }))}
      />
    );
  }
  return (
    <TreeSelect<string>
      {...shared}
      loading={tree.isPending}
      treeData={options}
      treeDefaultExpandAll={options.length < 60}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
    />
  );
}
