import { useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Result, Space, Spin, Tabs } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';

import { PIPELINES, type Pipeline, isPipeline } from '../../shared/cases';
import { ActionForm, type AvailableAction } from '../../shared/forms/ActionForm';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useSearchParamsUpdate } from '../../shared/useSearchParamsUpdate';
import { ActionsPanel } from './ActionsPanel';
import { CaseHeader } from './CaseHeader';
import { PlanPanel } from './PlanPanel';
import { TasksPanel } from './TasksPanel';
import { TimelinePanel } from './TimelinePanel';
import {
  cadreStageName,
  caseStatusName,
  memberStageName,
  reserveStatusName,
  reserveStepName,
} from './caseLabels';
import { closingReason } from './closing';
import { caseKey, useAvailableActions, useCaseSummary, usePlan, useRecords } from './useCaseData';

const TABS = ['actions', 'plan', 'timeline', 'tasks'] as const;
type Tab = (typeof TABS)[number];

/** What the dry run says the case would become, in the pipeline's words. */
function describePreview(pipeline: Pipeline, result: unknown) {
  if (typeof result !== 'object' || result === null) return null;
  const value = (key: string) => {
    const found = (result as Record<string, unknown>)[key];
    return typeof found === 'string' || typeof found === 'number' ? String(found) : null;
  };
  const items: [string, string | null][] =
    pipeline === 'member'
      ? [
          ['阶段', memberStageName(value('stage'))],
          ['已记录至', value('currentStep') && `第${value('currentStep')}步`],
          ['状态', caseStatusName(value('status'))],
        ]
      : pipeline === 'cadre'
        ? [
            ['阶段', cadreStageName(value('stage'))],
            ['状态', caseStatusName(value('status'))],
            ['结果', value('outcome')],
          ]
        : [
            ['状态', reserveStatusName(value('status'))],
            ['入库程序', reserveStepName(value('entryStep'))],
          ];
  return (
    <Descriptions
      size="small"
      column={3}
      items={items
        .filter(([, shown]) => shown !== null)
        .map(([label, shown]) => ({ key: label, label, children: shown }))}
    />
  );
}

function CaseView({ pipeline, id }: { readonly pipeline: Pipeline; readonly id: string }) {
  const queryClient = useQueryClient();
  const [params, update] = useSearchParamsUpdate();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'actions';
  const wanted = params.get('action');
  const summary = useCaseSummary(pipeline, id);
  const actions = useAvailableActions(pipeline, id);
  const plan = usePlan(pipeline, id);
  const records = useRecords(pipeline, id);
  const selected = useMemo(
    () => (wanted ? actions.data?.find((action) => action.action === wanted) : undefined),
    [actions.data, wanted],
  );

  const dueDates = useMemo(
    () => new Map((plan.data?.steps ?? []).map((step) => [step.endpoint, step])),
    [plan.data],
  );

  const open = (action: AvailableAction) => update({ action: action.action, tab: 'actions' });
  const close = () => update({ action: null });
  const saved = () => {
    void queryClient.invalidateQueries({ queryKey: caseKey(pipeline, id) });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['case-search'] });
    update({ action: null, tab: 'timeline' });
  };

  if (summary.error) return <ProblemAlert error={summary.error} />;
  if (!summary.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to={`/cases?tab=${pipeline}`}>案件</Link> },
          { title: PIPELINES[pipeline].name },
          { title: summary.data.name },
        ]}
      />
      <CaseHeader pipeline={pipeline} summary={summary.data} />
      {wanted && actions.data && !selected && (
        <Alert
          type="warning"
          showIcon
          title="该事项当前不可办理"
          description="案件可能已由他人办理或已进入下一步，请在“办理”中查看当前可办理的事项。"
          closable={{ onClose: close, 'aria-label': '关闭提示' }}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key })}
          items={[
            {
              key: 'actions',
              label: '办理',
              children: (
                <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                  {selected && (
                    // In the page rather than a drawer: the case stays readable beside the form, nothing masked.
                    <Card
                      type="inner"
                      title={`${selected.name} · ${summary.data.name}`}
                      extra={<Button onClick={close}>收起</Button>}
                    >
                      <ActionForm
                        key={selected.endpoint}
                        action={selected}
                        context={{ rosterUnit: summary.data.unitId, ruleSet: summary.data.ruleSet }}
                        closes={(action, body, preview) => closingReason(pipeline, action, body, preview)}
                        describePreview={(result) => describePreview(pipeline, result)}
                        onSaved={saved}
                        onCancel={close}
                      />
                    </Card>
                  )}
                  <ActionsPanel
                    actions={actions.data}
                    loading={actions.isPending}
                    error={actions.error}
                    open={summary.data.open}
                    selected={selected?.endpoint}
                    dueDates={dueDates}
                    onOpen={open}
                  />
                </Space>
              ),
            },
            {
              key: 'plan',
              label: '计划',
              children: <PlanPanel plan={plan.data} loading={plan.isPending} error={plan.error} />,
            },
            {
              key: 'timeline',
              label: '全程纪实',
              children: (
                <TimelinePanel
                  pipeline={pipeline}
                  records={records.data?.records}
                  chain={records.data?.chain}
                  loading={records.isPending}
                  error={records.error}
                />
              ),
            },
            {
              key: 'tasks',
              label: '待办任务',
              children: (
                <TasksPanel
                  pipeline={pipeline}
                  id={id}
                  steps={plan.data?.steps}
                  today={plan.data?.today ?? ''}
                  loading={plan.isPending}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** /cases/:kind/:id — one case: stage, 办理 (each available action's form), 计划, 全程纪实, 待办任务. */
export default function CasePage() {
  const { kind, id } = useParams();
  if (!isPipeline(kind) || !id) {
    return <Result status="404" title="没有这个案件" extra={<Link to="/cases">返回案件列表</Link>} />;
  }
  return <CaseView key={`${kind}-${id}`} pipeline={kind} id={id} />;
}
