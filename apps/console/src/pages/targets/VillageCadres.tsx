import { Col, Empty, Progress, Row, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';

import { type ChartOption, EChart } from './EChart';
import {
  type EducationShare,
  type UnitVillageCadreStructure,
  type VillageCadreStructure,
  percent,
} from './metrics';
import { MUTED, TONES } from '../org/style';

const POPULATIONS = [
  { key: 'cadres', name: '村“两委”成员' },
  { key: 'secretaries', name: '村党组织书记' },
] as const;

const known = (share: EducationShare) => share.serving - share.educationUnknown;

/** The figures behind a share, in words: who counts, how many reach 大专, the goal and whether it is met. */
function shareText(name: string, share: EducationShare): string {
  if (share.share === null) return `${name}：暂无在任人员（学历已知者为0），不计占比`;
  return (
    `${name}：大专及以上${share.collegeOrAbove}人 / 学历已知${known(share)}人 = ${percent(share.share)}` +
    `（在任${share.serving}人，学历不详${share.educationUnknown}人不计入）；目标${percent(share.goal)}，` +
    (share.met ? '已达标' : '未达标')
  );
}

function MetTag({ share }: { readonly share: EducationShare }) {
  if (share.met === null) return <Tag>无在任人员</Tag>;
  return share.met ? <Tag color={TONES.good}>达标</Tag> : <Tag color={TONES.bad}>未达标</Tag>;
}

/** A gauge from 0 to 100 %, red below the goal and green from it on. */
function gaugeOption(share: EducationShare): ChartOption {
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        splitNumber: 5,
        startAngle: 180,
        endAngle: 0,
        radius: '120%',
        center: ['50%', '72%'],
        axisLine: {
          lineStyle: {
            width: 16,
            color: [
              [share.goal, '#ff7875'],
              [1, '#73d13d'],
            ],
          },
        },
        axisTick: { show: false },
        splitLine: { length: 16, distance: 0 },
        axisLabel: { distance: 22, formatter: '{value}%', color: '#595959' },
        pointer: { width: 5, length: '55%', offsetCenter: [0, 0] },
        title: { show: false },
        detail: { valueAnimation: false, formatter: '{value}%', fontSize: 24, offsetCenter: [0, '22%'] },
        data: [{ value: Math.round((share.share ?? 0) * 1000) / 10 }],
      },
    ],
  };
}

function ShareGauge({ name, share }: { readonly name: string; readonly share: EducationShare }) {
  const option = useMemo(() => gaugeOption(share), [share]);
  return (
    <>
      <Typography.Title level={5} style={{ textAlign: 'center' }}>
        {`${name}大专及以上学历占比（目标${percent(share.goal)}）`}
      </Typography.Title>
      {share.share === null ? (
        <Empty description={<span style={MUTED}>{`${name}：暂无在任人员`}</span>} />
      ) : (
        <EChart option={option} label={shareText(name, share)} height={220} />
      )}
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        <MetTag share={share} /> {shareText(name, share)}
      </Typography.Paragraph>
    </>
  );
}

function ShareBar({ name, share }: { readonly name: string; readonly share: EducationShare }) {
  if (share.share === null) return <Typography.Text style={MUTED}>无在任人员</Typography.Text>;
  return (
    <Progress
      aria-label={shareText(name, share)}
      percent={Math.round(share.share * 1000) / 10}
      size="small"
      status={share.met ? 'success' : 'exception'}
      format={() => (
        <span style={MUTED}>{`${share.collegeOrAbove}/${known(share)} ${percent(share.share)}`}</span>
      )}
    />
  );
}

/**
 * "8595" (DOMAIN §4.2): of the serving 两委 members 85 %, of the village party secretaries 95 % with 大专 or
 * above, for the unit in total (gauges) and for each child (bars: each village under a township).
 */
export function VillageCadres({ structure }: { readonly structure: VillageCadreStructure }) {
  return (
    <>
      <Typography.Paragraph style={MUTED}>
        “8595”：在任村“两委”成员中大专及以上学历者占比达到85%，村党组织书记中达到95%。占比 = 大专及以上人数 ÷
        学历已知的在任人数，学历未登记者单列、不计入占比；在任人数含经选任程序任职者和各村登记的现任“两委”成员。
      </Typography.Paragraph>
      <Row gutter={16}>
        {POPULATIONS.map(({ key, name }) => (
          <Col key={key} xs={24} md={12}>
            <ShareGauge name={`${structure.orgUnit.name}${name}`} share={structure[key]} />
          </Col>
        ))}
      </Row>
      <Table<UnitVillageCadreStructure>
        rowKey={(row) => row.orgUnit.code}
        size="small"
        pagination={false}
        dataSource={structure.children}
        locale={{ emptyText: <span style={MUTED}>没有下级单位</span> }}
        columns={[
          { title: '单位', width: 150, render: (_, row) => row.orgUnit.name },
          ...POPULATIONS.flatMap(({ key, name }) => [
            {
              title: `${name}大专及以上占比（目标${percent(structure[key].goal)}）`,
              width: 260,
              render: (_: unknown, row: UnitVillageCadreStructure) => (
                <ShareBar name={`${row.orgUnit.name}${name}`} share={row[key]} />
              ),
            },
            {
              title: `${name}在任（学历不详）`,
              align: 'right' as const,
              render: (_: unknown, row: UnitVillageCadreStructure) =>
                `${row[key].serving}（${row[key].educationUnknown}）`,
            },
            {
              title: '是否达标',
              render: (_: unknown, row: UnitVillageCadreStructure) => <MetTag share={row[key]} />,
            },
          ]),
        ]}
      />
    </>
  );
}
