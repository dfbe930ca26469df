import { Form, Select, Space, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

import { ProblemAlert } from '../../shared/ProblemAlert';
import { useMe } from '../../shared/useMe';
import { useOrgUnits } from '../backlog/useOrgUnits';
import { EntriesTab } from './EntriesTab';
import { PolicyTab } from './PolicyTab';
import { ReviewsTab } from './ReviewsTab';
import { ScheduleTab } from './ScheduleTab';

const TABS = ['entries', 'reviews', 'schedule', 'policy'] as const;
type Tab = (typeof TABS)[number];

/**
 * 后备库: the reservists (三推二审一选一公示 and the pool), the township's half-year reviews with a decision per
 * reservist, the review schedule and the policy in force. Tab, township and filters live in the URL.
 */
export default function ReservePage() {
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const units = useOrgUnits();
  const asked: Tab = TABS.find((t) => t === params.get('tab')) ?? 'entries';
  const townships = useMemo(() => units.units.filter((u) => u.kind === 'TOWNSHIP_COMMITTEE'), [units.units]);
  // A township committee works on its own pool and a county on one of its townships; a village or branch reads
  // its own reservists and the policy that applies to it (a township's reviews lie outside its scope).
  const own = me.data?.unit;
  const roles = me.data?.roles ?? [];
  const township =
    own?.kind === 'TOWNSHIP_COMMITTEE'
      ? own.code
      : townships.length > 0
        ? (townships.find((u) => u.code === params.get('township')) ?? townships[0])!.code
        : null;
  const townshipName = [...townships, ...(own ? [own] : [])].find((u) => u.code === township)?.name ?? '';
  const mayManage =
    (own?.kind === 'TOWNSHIP_COMMITTEE' &&
      roles.some((role) => role === 'ORGANISER' || role === 'SECRETARY')) ||
    (own?.kind === 'ORG_DEPARTMENT' && roles.includes('ORG_DEPARTMENT_OFFICER'));
  // Review decisions are the township committee's own (DOMAIN §3).
  const mayDecide =
    own?.kind === 'TOWNSHIP_COMMITTEE' && (me.data?.may.reservePool ?? []).includes('DECIDE_REVIEW');

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        后备库
      </Typography.Title>
      <ProblemAlert error={me.error ?? units.error} />
      {townships.length > 1 && (
        <Form layout="inline">
          <Form.Item label="乡镇" htmlFor="reserve-township">
            <Select
              id="reserve-township"
              style={{ width: 200 }}
              value={township}
              onChange={(value: string) => set({ township: value, review: undefined })}
              options={townships.map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
        </Form>
      )}
      <Tabs
        activeKey={township || asked === 'entries' || asked === 'policy' ? asked : 'entries'}
        onChange={(key) => set({ tab: key === 'entries' ? undefined : key })}
        destroyOnHidden
        items={[
          { key: 'entries', label: '后备人员', children: <EntriesTab params={params} set={set} /> },
          ...(township
            ? [
                {
                  key: 'reviews',
                  label: '分析研判',
                  children: (
                    <ReviewsTab
                      township={township}
                      reviewId={params.get('review')}
                      onReview={(id: string | null) => set({ review: id ?? undefined })}
                      villages={units.byId}
                      mayDecide={mayDecide}
                    />
                  ),
                },
                {
                  key: 'schedule',
                  label: '研判计划',
                  children: (
                    <ScheduleTab township={township} townshipName={townshipName} mayManage={mayManage} />
                  ),
                },
              ]
            : []),
          ...(own
            ? [
                {
                  key: 'policy',
                  label: '政策',
                  children: (
                    <PolicyTab orgUnit={township ?? own.code} name={township ? townshipName : own.name} />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
