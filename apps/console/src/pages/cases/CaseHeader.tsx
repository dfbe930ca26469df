import { Card, Descriptions, Space, Steps, Tag, Typography } from 'antd';

import { PIPELINES, type Pipeline } from '../../shared/cases';
import { type CaseSummary, useUnit } from './useCaseData';

/** Who the case is about, where it stands among its pipeline's stages, its unit and rules. */
export function CaseHeader({
  pipeline,
  summary,
}: {
  readonly pipeline: Pipeline;
  readonly summary: CaseSummary;
}) {
  const unit = useUnit(summary.unitId);
  const unitPath = unit.data
    ? [...unit.data.ancestors.slice(-2).map((ancestor) => ancestor.name), unit.data.name].join(' / ')
    : '…';
  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {summary.name}
          </Typography.Title>
          <Tag color="red">{PIPELINES[pipeline].name}</Tag>
          <Tag color={summary.open ? 'processing' : 'default'}>{summary.statusText}</Tag>
          <Typography.Text strong>{summary.stageText}</Typography.Text>
        </Space>
        <Steps
          size="small"
          aria-label="所处阶段"
          current={Math.max(summary.current, 0)}
          status={summary.open ? 'process' : 'finish'}
          items={summary.stages.map((title) => ({ title }))}
        />
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'unit', label: pipeline === 'member' ? '所在党支部' : '所在村', children: unitPath },
            ...summary.facts.map(([label, value]) => ({ key: label, label, children: value })),
          ]}
        />
      </Space>
    </Card>
  );
}
