import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';

import { type Schemas } from '../../api/client';
import { type Pipeline } from '../../shared/cases';
import { useOrgUnitIndex } from '../../shared/OrgUnitSelect';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { fieldLabel, valueLabel } from '../../shared/forms/labels';
import { recordName } from './caseLabels';
import { type RecordRow } from './useCaseData';

type Chain = Schemas['ChainVerification'];

const BREAKS: Record<Chain['breaks'][number]['kind'], string> = {
  CONTENT_CHANGED: '内容在记录后被修改',
  HASH_REWRITTEN: '内容与哈希被一并改写',
  LINK_BROKEN: '与上一条记录的链接断开',
  RECORD_MISSING: '记录缺失',
  DUPLICATE_SEQ: '序号重复',
  OUT_OF_ORDER: '记录时间早于上一条',
};

/** Data keys that are bookkeeping, not facts of the step. */
const META = new Set([
  'recordedBy',
  'actingBody',
  'personId',
  'policy',
  'ruleSet',
  'applicantName',
  'reviewId',
]);

/** The step's facts in a line: scalar values and lists of them, named as the forms name them. */
function facts(data: Readonly<Record<string, unknown>>): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (META.has(key) || value === null || value === undefined || value === '') continue;
    const label = fieldLabel(key, {});
    if (typeof value === 'boolean') lines.push(`${label}：${value ? '是' : '否'}`);
    else if (typeof value === 'string') lines.push(`${label}：${valueLabel(key, value)}`);
    else if (typeof value === 'number') lines.push(`${label}：${value}`);
    else if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
      lines.push(`${label}：${value.map((item: string) => valueLabel(key, item)).join('、')}`);
    } else if (typeof value === 'object' && 'kind' in value && typeof value.kind === 'string') {
      // A decision recorded as { kind, … } (a review's outcome): its kind says what was decided.
      lines.push(`${label}：${valueLabel(key, value.kind)}`);
    }
  }
  return lines;
}

/** The verdict on the hash chain, first and plain: verified, or broken at which record and how. */
function ChainVerdict({ chain, count }: { readonly chain: Chain; readonly count: number }) {
  if (chain.valid) {
    return (
      <Alert
        type="success"
        showIcon
        data-chain="verified"
        title={`哈希链校验通过：${count}条记录完整、未被篡改`}
        description="每条记录的内容与其哈希一致，并与上一条记录首尾相接。"
      />
    );
  }
  const first = chain.breaks[0];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-chain="broken"
      title={first ? `哈希链断裂：自第${first.seq}条记录起（${BREAKS[first.kind]}）` : '哈希链断裂'}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {chain.breaks.map((item) => (
            <li key={`${item.seq}-${item.kind}`}>
              第{item.seq}条：{BREAKS[item.kind]}。{item.detail}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** 全程纪实: every record of the case in order, who recorded it for which body, and the chain's verdict. */
export function TimelinePanel({
  pipeline,
  records,
  chain,
  loading,
  error,
}: {
  readonly pipeline: Pipeline;
  readonly records: readonly RecordRow[] | undefined;
  readonly chain: Chain | undefined;
  readonly loading: boolean;
  readonly error: unknown;
}) {
  const units = useOrgUnitIndex();
  if (error) return <ProblemAlert error={error} />;
  if (loading || !records || !chain) return <Typography.Text type="secondary">加载中…</Typography.Text>;
  const broken = new Set(chain.breaks.map((item) => item.seq));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ChainVerdict chain={chain} count={records.length} />
      <Timeline
        aria-label="全程纪实"
        mode="start"
        titleSpan="110px"
        items={records.map((record) => {
          const body =
            record.actingBodyName ?? (record.actingBodyId ? units.get(record.actingBodyId)?.name : null);
          const ok = record.verified && !broken.has(record.seq);
          return {
            key: record.id,
            color: ok ? 'green' : 'red',
            icon: ok ? <CheckCircleFilled /> : <CloseCircleFilled />,
            title: record.occurredOn,
            content: (
              <Space orientation="vertical" size={2} data-record-action={record.action}>
                <Space wrap>
                  <Typography.Text strong>{recordName(pipeline, record.action)}</Typography.Text>
                  {record.step !== null && record.step > 0 && <Tag>第{record.step}步</Tag>}
                  <Typography.Text type="secondary">#{record.seq}</Typography.Text>
                  {!ok && <Tag color="error">校验未通过</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {[
                    body && `办理组织：${body}`,
                    `录入：${record.who ?? '系统'}${record.actingFor ? `（代${record.actingFor}）` : ''}`,
                    dayjs(record.recordedAt).format('YYYY-MM-DD HH:mm'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
                {facts(record.data).map((line) => (
                  <Typography.Text key={line}>{line}</Typography.Text>
                ))}
                {record.evidence.length > 0 && (
                  <Typography.Text type="secondary">材料：{record.evidence.join('、')}</Typography.Text>
                )}
              </Space>
            ),
          };
        })}
      />
    </Space>
  );
}
