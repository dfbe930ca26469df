import { Alert, Button, Drawer, Radio, Space } from 'antd';
import { useMemo, useState } from 'react';

import { PIPELINES, pipelineOf } from '../../../shared/cases';
import { type BacklogItem } from '../queries';
import { BatchDecision } from './BatchDecision';

interface Group {
  readonly key: string;
  readonly label: string;
  readonly items: readonly BacklogItem[];
}

/** The selected tasks by pipeline and action: one decision applies to one such group at a time. */
function groupsOf(items: readonly BacklogItem[]): Group[] {
  const groups = new Map<string, BacklogItem[]>();
  for (const item of items) {
    const key = `${item.workflowKind}|${item.action}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].map(([key, members]) => {
    const first = members[0]!;
    return {
      key,
      label: `${PIPELINES[pipelineOf(first.workflowKind)].name} · 第${first.step}步 ${first.actionName}（${members.length}项）`,
      items: members,
    };
  });
}

/**
 * 批量办理: the selection as it was when the drawer opened (the backlog refreshes behind it), the decision, its
 * preview and the outcome. Closing after a recording clears the selection.
 */
export function BulkDrawer({
  open,
  items,
  onClose,
  onRecorded,
}: {
  readonly open: boolean;
  readonly items: readonly BacklogItem[];
  readonly onClose: (recorded: boolean) => void;
  readonly onRecorded: () => void;
}) {
  const groups = useMemo(() => groupsOf(items), [items]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [recorded, setRecorded] = useState(false);
  const group = groups.find((g) => g.key === chosen) ?? groups[0];
  return (
    <Drawer
      title={`批量办理（已选${items.length}项）`}
      open={open}
      size={960}
      destroyOnHidden
      onClose={() => onClose(recorded)}
      afterOpenChange={(visible) => {
        if (!visible) {
          setChosen(null);
          setRecorded(false);
        }
      }}
      footer={
        <Button onClick={() => onClose(recorded)} style={{ float: 'right' }}>
          关闭
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {groups.length > 1 && (
          <Alert
            type="info"
            showIcon
            title="所选事项不是同一类，一次只能对同一事项作出决定"
            description={
              <Radio.Group
                aria-label="本次办理的事项"
                value={group?.key}
                disabled={recorded}
                onChange={(e) => setChosen(String(e.target.value))}
                options={groups.map((g) => ({ value: g.key, label: g.label }))}
              />
            }
          />
        )}
        {group && (
          <BatchDecision
            key={group.key}
            items={group.items}
            onRecorded={() => {
              setRecorded(true);
              onRecorded();
            }}
          />
        )}
      </Space>
    </Drawer>
  );
}
