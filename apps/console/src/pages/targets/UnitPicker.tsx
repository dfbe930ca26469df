import { TreeSelect } from 'antd';
import { useState } from 'react';

import { type UnitTreeNode, childUnits, treeNode, withChildren } from '../../shared/orgUnits';

/**
 * The unit the dashboard shows, picked from the org tree under the reader's root (children loaded as a branch
 * is opened). The value carries its name, so a unit reached by drilling down shows before its branch is loaded.
 */
export function UnitPicker({
  id,
  root,
  value,
  onChange,
}: {
  readonly id: string;
  readonly root: { readonly code: string; readonly name: string; readonly kind: string };
  readonly value: { readonly code: string; readonly name: string };
  readonly onChange: (unit: { code: string; name: string }) => void;
}) {
  // The root as the tree's one top node (a reader's root does not change while signed in).
  const [tree, setTree] = useState<UnitTreeNode[]>(() => [
    treeNode({ ...root, kind: root.kind as UnitTreeNode['unit']['kind'], closedOn: null, childCount: 1 }),
  ]);
  return (
    <TreeSelect<{ value: string; label: React.ReactNode }>
      id={id}
      style={{ minWidth: 240 }}
      labelInValue
      value={{ value: value.code, label: value.name }}
      treeData={tree}
      treeDefaultExpandedKeys={[root.code]}
      popupMatchSelectWidth={false}
      onChange={(picked) =>
        onChange({ code: picked.value, name: typeof picked.label === 'string' ? picked.label : picked.value })
      }
      loadData={async (node) => {
        const key = String(node.key);
        const children = await childUnits(key);
        setTree((current) => withChildren(current, key, children.map(treeNode)));
      }}
    />
  );
}
