import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';

import { ProblemAlert } from '../../shared/ProblemAlert';
import { useMe } from '../../shared/useMe';
import { ImportExport } from './ImportExport';
import { MemberRoster } from './MemberRoster';
import { kindName, orgUnitQuery } from '../../shared/orgUnits';
import { OrgTree } from './OrgTree';
import { MUTED, TONES } from './style';
import { UnitOverview } from './UnitOverview';

/** 组织: the org tree under the reader's root, a unit's facts and history, its members, imports and exports. */
export default function OrgPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const root = me.data?.readScope.root;
  const selected = params.get('unit') ?? root?.code;
  const tab = params.get('tab') ?? 'overview';
  const unit = useQuery(orgUnitQuery(selected));
  // Org administration (imports, exports, history) is the county org department's (README, issue 13).
  const canAdminister =
    me.data !== undefined &&
    me.data.unit.kind === 'ORG_DEPARTMENT' &&
    me.data.roles.includes('ORG_DEPARTMENT_OFFICER');
  const refusal = `只有县委组织部（组织部干部）可以导入、导出所服务县的组织树和党员名册；${
    me.data ? `${me.data.name}（${me.data.unit.name}）` : '当前用户'
  }没有此权限。`;

  if (!root || !selected) {
    return me.error ? <ProblemAlert error={me.error} /> : <Skeleton active />;
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        组织 <Typography.Text style={MUTED}>{root.name}</Typography.Text>
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card title="组织树">
            <OrgTree
              rootCode={root.code}
              selected={selected}
              onSelect={(code) => setParams({ unit: code, tab })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card
            loading={unit.isPending}
            title={
              unit.data && (
                <Space>
                  {unit.data.name}
                  <Tag>{kindName(unit.data.kind)}</Tag>
                  {unit.data.closedOn && <Tag color={TONES.bad}>已撤销</Tag>}
                </Space>
              )
            }
          >
            <ProblemAlert error={unit.error} />
            {unit.data && (
              <Tabs
                activeKey={tab}
                onChange={(key) => setParams({ unit: selected, tab: key })}
                items={[
                  {
                    key: 'overview',
                    label: '概况',
                    children: <UnitOverview unit={unit.data} canAdminister={canAdminister} />,
                  },
                  {
                    key: 'members',
                    label: '党员名册',
                    children: <MemberRoster key={unit.data.code} unitCode={unit.data.code} />,
                  },
                  {
                    key: 'transfer',
                    label: '导入导出',
                    children: (
                      <ImportExport
                        key={unit.data.code}
                        unitCode={unit.data.code}
                        canAdminister={canAdminister}
                        refusal={refusal}
                      />
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
