import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import { api, type Schemas, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { MUTED, TONES } from './style';

type Member = Schemas['PartyMemberResponse'];
type Status = Member['status'];
type Discipline = NonNullable<Member['discipline']>['kind'];

const PAGE_SIZE = 20;
const STATUS_NAMES: Record<Status, string> = { FULL_MEMBER: '正式党员', PROBATIONARY: '预备党员' };
const DISCIPLINE_NAMES: Record<Discipline, string> = {
  WARNING: '警告',
  SERIOUS_WARNING: '严重警告',
  REMOVAL_FROM_POST: '撤销党内职务',
  PROBATION_WITHIN_PARTY: '留党察看',
};

/** Whether a member may serve (sponsor, cultivation contact) today, and if not the rules that say why. */
function Eligibility({
  serving,
  eligibility,
}: {
  readonly serving: string;
  readonly eligibility: Member['sponsor'];
}) {
  if (eligibility.eligible) return <Tag color={TONES.good}>{`${serving}：可`}</Tag>;
  return (
    <span>
      <Tag>{`${serving}：不可`}</Tag>
      <span style={{ ...MUTED, fontSize: 12 }}>
        {eligibility.reasons.map((r) => `${r.message}${r.article ? `（${r.article}）` : ''}`).join('；')}
      </span>
    </span>
  );
}

/**
 * The party members of a unit (GET …/members: keyset pages, by name), searched by name and status, of the
 * unit alone or of its whole subtree.
 */
export function MemberRoster({ unitCode }: { readonly unitCode: string }) {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status>();
  const [subtree, setSubtree] = useState(true);
  // The cursors of the pages seen so far: page n is asked for with cursors[n] (the first with none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const restart = () => setCursors([undefined]);
  const members = useQuery({
    queryKey: ['org-unit-members', unitCode, q, status, subtree, cursors[page]],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/v1/org-units/{idOrCode}/members', {
          params: {
            path: { idOrCode: unitCode },
            query: {
              limit: PAGE_SIZE,
              subtree,
              ...(q ? { q } : {}),
              ...(status ? { status } : {}),
              ...(cursors[page] ? { cursor: cursors[page] } : {}),
            },
          },
        }),
      ),
  });
  const next = members.data?.nextCursor ?? null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          aria-label="按姓名查找党员"
          placeholder="姓名"
          allowClear
          style={{ width: 200 }}
          onSearch={(value) => {
            setQ(value.trim());
            restart();
          }}
        />
        <Select<Status>
          aria-label="党员类别"
          placeholder="党员类别"
          allowClear
          style={{ width: 130 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            restart();
          }}
          options={Object.entries(STATUS_NAMES).map(([value, label]) => ({ value: value as Status, label }))}
        />
        <Space size={4}>
          <Switch
            id="roster-subtree"
            size="small"
            checked={subtree}
            onChange={(value) => {
              setSubtree(value);
              restart();
            }}
          />
          <label htmlFor="roster-subtree">含下级组织的党员</label>
        </Space>
      </Space>
      <ProblemAlert error={members.error} />
      <Table<Member>
        rowKey="personId"
        size="small"
        loading={members.isFetching}
        dataSource={members.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <span style={MUTED}>没有符合条件的党员</span> }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 80 },
          { title: '身份证号', dataIndex: 'nationalIdMasked', width: 160 },
          { title: '所在支部', render: (_, member) => member.branch.name, width: 120 },
          { title: '类别', render: (_, member) => STATUS_NAMES[member.status], width: 80 },
          { title: '党龄起算', render: (_, member) => member.partyAgeFrom ?? '—', width: 100 },
          {
            title: '处分',
            width: 110,
            render: (_, member) =>
              member.discipline ? (
                <Space orientation="vertical" size={0}>
                  <Tag color={TONES.warn}>{DISCIPLINE_NAMES[member.discipline.kind]}</Tag>
                  {member.discipline.impactEnds && (
                    <span style={MUTED}>{`影响期至${member.discipline.impactEnds}`}</span>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '可作入党介绍人 / 培养联系人（今日）',
            width: 240,
            render: (_, member) => (
              <Space orientation="vertical" size={2}>
                <Eligibility serving="介绍人" eligibility={member.sponsor} />
                <Eligibility serving="联系人" eligibility={member.cultivationContact} />
              </Space>
            ),
          },
        ]}
      />
      <Space>
        <Button disabled={page === 0} onClick={() => setCursors((seen) => seen.slice(0, -1))}>
          上一页
        </Button>
        <Typography.Text>{`第 ${page + 1} 页`}</Typography.Text>
        <Button disabled={next === null} onClick={() => setCursors((seen) => [...seen, next ?? undefined])}>
          下一页
        </Button>
      </Space>
    </Space>
  );
}
