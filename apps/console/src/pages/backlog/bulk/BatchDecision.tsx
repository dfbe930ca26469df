import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Space, Spin, Steps, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';

import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../shared/ProblemAlert';
import { type BacklogItem } from '../queries';
import { DecisionForm } from './DecisionForm';
import { type BulkResult, ItemResults } from './ItemResults';
import { bodyOf, fieldsOf, initialValues } from './schema';
import { useActionForm } from './useActionForm';

/** A review decision's entry is the item's case: the bulk endpoint fills it in. */
const FILLED_BY_API: Readonly<Record<string, readonly string[]>> = { DECIDE_REVIEW: ['entryId'] };
const NONE: readonly string[] = [];

interface Checked {
  readonly items: readonly BacklogItem[];
  readonly body: Record<string, unknown>;
  readonly result: BulkResult;
}

function send(items: readonly BacklogItem[], body: Record<string, unknown>, key: string | null) {
  return unwrap(
    api.POST('/v1/bulk-actions', {
      params: key ? { header: { 'Idempotency-Key': key } } : { query: { dryRun: true } },
      body: {
        items: items.map((item) => ({
          workflowKind: item.workflowKind,
          caseId: item.caseId,
          action: item.action,
          ...(item.ref ? { ref: item.ref } : {}),
          input: body,
        })),
      },
    }),
  );
}

/**
 * One decision applied to a batch of tasks of the same action: fill in what they share, 预检 (a dry run answers
 * for every item), then 确认 records the accepted items only, under one Idempotency-Key per confirmed batch (a
 * retry after a failure is answered, never recorded twice).
 */
export function BatchDecision({
  items,
  onRecorded,
}: {
  readonly items: readonly BacklogItem[];
  readonly onRecorded: () => void;
}) {
  const { modal } = App.useApp();
  const [form] = Form.useForm();
  const action = useActionForm(items);
  const hidden = FILLED_BY_API[items[0]?.action ?? ''] ?? NONE;
  const fields = useMemo(() => fieldsOf(action.data?.bodySchema, hidden), [action.data, hidden]);
  const initial = useMemo(() => initialValues(fields, action.data?.exampleBody), [fields, action.data]);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [recorded, setRecorded] = useState<{ items: readonly BacklogItem[]; result: BulkResult } | null>(
    null,
  );
  // One key per confirmed batch: made at the first 确认, kept for its retries, dropped with its preview.
  const key = useRef<string | null>(null);

  const preview = useMutation({
    mutationFn: async () => {
      const values = (await form.validateFields()) as Record<string, unknown>;
      const body = bodyOf(
        fields,
        { ...(form.getFieldsValue(true) as Record<string, unknown>), ...values },
        action.data?.exampleBody,
      );
      return { items, body, result: await send(items, body, null) };
    },
    onSuccess: (result) => {
      key.current = null;
      setChecked(result);
    },
  });

  const accepted = useMemo(
    () =>
      checked
        ? checked.result.results.filter((r) => r.status === 200).flatMap((r) => checked.items[r.index] ?? [])
        : [],
    [checked],
  );

  const record = useMutation({
    mutationFn: () => {
      key.current ??= crypto.randomUUID();
      return send(accepted, checked!.body, key.current);
    },
    onSuccess: (result) => {
      setRecorded({ items: accepted, result });
      onRecorded();
    },
  });

  const confirm = () => {
    void modal.confirm({
      title: `确认办理${accepted.length}项？`,
      content: (
        <div>
          <p>
            将以同一决定记录预检可以办理的{accepted.length}项（
            {accepted.map((i) => i.candidate.name).join('、')}）。
            {checked &&
              checked.result.failed > 0 &&
              `不予办理的${checked.result.failed}项不提交，仍留在审批台。`}
          </p>
          <p>记录后不能撤回；如该步骤办结案件，案件随之结束。</p>
        </div>
      ),
      okText: '确认办理',
      cancelText: '取消',
      // A failure is shown under the preview, with 重试 (the same key: nothing is recorded twice).
      onOk: () =>
        record.mutateAsync().then(
          () => undefined,
          () => undefined,
        ),
    });
  };

  if (action.isPending) return <Spin description="正在读取办理表单…" />;
  if (action.error) return <ProblemAlert error={action.error} />;
  if (!action.data) {
    return (
      <Alert
        type="warning"
        showIcon
        title="所选事项现在不能办理"
        description="所选案件目前都没有这一步骤可以办理（可能还未到时间或已由他人办理）。请打开案件查看。"
      />
    );
  }
  const step = recorded ? 2 : checked ? 1 : 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Steps
        size="small"
        current={step}
        items={[{ title: '填写决定' }, { title: '预检' }, { title: '确认办理' }]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {`第${action.data.step}步 ${action.data.name}：${items.length}项`}
      </Typography.Title>
      <DecisionForm
        form={form}
        fields={fields}
        initial={initial}
        actingBodies={action.data.actingOrgUnits}
        disabled={recorded !== null}
        onChange={() => {
          // The preview answered for the decision as it was: a changed decision must be checked again.
          if (!recorded) setChecked(null);
        }}
      />
      {!recorded && (
        <Button type="primary" ghost loading={preview.isPending} onClick={() => preview.mutate()}>
          预检
        </Button>
      )}
      {/* A form left incomplete is shown at its fields; anything else the API or the network answered, here. */}
      <ProblemAlert error={preview.error instanceof Error ? preview.error : null} />
      {checked && !recorded && (
        <>
          <Alert
            type={
              checked.result.failed === 0 ? 'success' : checked.result.applied === 0 ? 'error' : 'warning'
            }
            showIcon
            title={`预检结果：可以办理${checked.result.applied}项，不予办理${checked.result.failed}项`}
            description={
              checked.result.failed > 0
                ? '确认后只记录可以办理的事项；不予办理的事项不提交，仍留在审批台，可打开案件逐一处理。'
                : '全部可以办理。'
            }
          />
          <ItemResults
            items={checked.items}
            result={checked.result}
            recorded={false}
            caption="逐项预检结果"
          />
          <ProblemAlert error={record.error} />
          <Button
            type="primary"
            disabled={accepted.length === 0}
            loading={record.isPending}
            onClick={confirm}
          >
            {record.error ? `重试确认办理${accepted.length}项` : `确认办理${accepted.length}项`}
          </Button>
        </>
      )}
      {recorded && (
        <>
          <Alert
            type={recorded.result.failed === 0 ? 'success' : 'warning'}
            showIcon
            title={`已记录${recorded.result.applied}项${recorded.result.failed > 0 ? `，${recorded.result.failed}项未记录` : ''}`}
          />
          <ItemResults items={recorded.items} result={recorded.result} recorded caption="逐项办理结果" />
        </>
      )}
    </Space>
  );
}
