import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions } from 'antd';

import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { EDUCATION_NAMES } from '../../shared/forms/labels';
import { orgUnitQuery } from '../../shared/orgUnits';

/** The reserve-pool policy in force for the township (its own, the county's, or the default), read-only. */
export function PolicyTab({ orgUnit, name }: { readonly orgUnit: string; readonly name: string }) {
  const policy = useQuery({
    queryKey: ['reserve-policy', orgUnit],
    queryFn: () => unwrap(api.GET('/v1/reserve-pool/policies/{orgUnit}', { params: { path: { orgUnit } } })),
  });
  const p = policy.data;
  const setAt = p?.setAt ?? null;
  // The unit whose policy applies (a county's may lie above the caller's tree).
  const setter = useQuery(orgUnitQuery(setAt));
  const source = setAt ? (setter.data?.name ?? '…') : '系统默认政策（未另行设定）';
  return (
    <Card title={`${name} 适用的后备力量政策`} loading={policy.isPending}>
      <ProblemAlert error={policy.error} />
      {p && (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'age', label: '年龄上限', children: `${p.maxAge}岁（超龄自动出库）` },
            { key: 'education', label: '最低学历', children: EDUCATION_NAMES[p.minEducation] },
            { key: 'village', label: '每村至少后备人数', children: `${p.minReservePerVillage}人` },
            { key: 'posts', label: '每村储备岗位数', children: `${p.postsPerVillage}个` },
            { key: 'perPost', label: '每个岗位后备人数', children: `${p.minReservePerPost}人` },
            { key: 'notice', label: '入库公示', children: `不少于${p.noticeWorkingDays}个工作日` },
            { key: 'review', label: '研判期限', children: `开启后${p.reviewDays}日内作出结论` },
            { key: 'source', label: '政策来源', children: source },
          ]}
        />
      )}
    </Card>
  );
}
