import { Card, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

import { PIPELINES, type Pipeline, isPipeline } from '../../shared/cases';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useSearchParamsUpdate } from '../../shared/useSearchParamsUpdate';
import { CaseFilters } from './CaseFilters';
import { CaseResults } from './CaseResults';
import { searchBody, useCaseSearch } from './caseSearch';

const ORDER: readonly Pipeline[] = ['member', 'cadre', 'reserve'];

function PipelineSearch({ pipeline }: { readonly pipeline: Pipeline }) {
  const [params, change, setParams] = useSearchParamsUpdate();
  // Held in memory only: a national ID never goes into the URL (the API takes it in the body for that reason).
  const [nationalId, setNationalId] = useState<string | null>(null);
  const body = useMemo(() => searchBody(pipeline, params, nationalId), [pipeline, params, nationalId]);
  const search = useCaseSearch(pipeline, body);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CaseFilters
        pipeline={pipeline}
        params={params}
        onChange={change}
        nationalId={nationalId}
        onNationalId={setNationalId}
        onReset={() => {
          setNationalId(null);
          setParams({ tab: pipeline }, { replace: true });
        }}
      />
      <ProblemAlert error={search.error} />
      <CaseResults pipeline={pipeline} search={search} />
    </Space>
  );
}

/** 案件: search and lists of the three pipelines, the filters kept in the URL so a list can be bookmarked. */
export default function CasesPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  const pipeline: Pipeline = isPipeline(tab) ? tab : 'member';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        案件
      </Typography.Title>
      <Card>
        <Tabs
          activeKey={pipeline}
          // Each pipeline has filters of its own: switching starts from its whole list.
          onChange={(key) => setParams({ tab: key })}
          items={ORDER.map((key) => ({
            key,
            label: PIPELINES[key].name,
            children: key === pipeline ? <PipelineSearch key={key} pipeline={key} /> : null,
          }))}
        />
      </Card>
    </Space>
  );
}
