import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';

import { type Schemas, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { HolidayDatePicker } from '../../shared/forms/HolidayDatePicker';
import { chinaDate } from '../backlog/queries';
import { OUTCOME_NAMES, type Outcome, STATUS_NAMES, entries } from './labels';

type Decision = Schemas['ReviewDecisionDto'];
type Entry = Schemas['ReserveEntry'];

interface Values {
  readonly date: Dayjs;
  readonly outcome: Outcome;
  readonly reason?: string;
  readonly post?: string;
  readonly cadreCaseId?: string;
}

function decisionOf(entryId: string, values: Values): Decision {
  const { outcome } = values;
  return {
    date: values.date.format('YYYY-MM-DD'),
    entryId,
    outcome,
    ...(outcome === 'REMOVE' ? { reason: values.reason?.trim() } : {}),
    ...(outcome === 'LIST_FOR_INSPECTION' ? { post: values.post?.trim() } : {}),
    ...(outcome === 'USE' ? { cadreCaseId: values.cadreCaseId?.trim() } : {}),
  };
}

/**
 * The decision on one reservist of a review: 检查 sends it as a dry run (the API's verdict, nothing recorded),
 * 记录 records exactly what was checked, under one Idempotency-Key for this decision (a retry is answered,
 * never recorded twice).
 */
export function DecisionModal({
  review,
  task,
  onClose,
}: {
  readonly review: Schemas['ReserveReviewDetail'];
  readonly task: Schemas['ReserveReviewTask'];
  readonly onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [checked, setChecked] = useState<{ decision: Decision; entry: Entry } | null>(null);
  const key = useRef<string | null>(null);
  const name = task.entry.person.name;

  const send = (decision: Decision, idempotencyKey: string | null) =>
    unwrap(
      api.POST('/v1/reserve-pool/reviews/{id}/decisions', {
        params: {
          path: { id: review.id },
          ...(idempotencyKey
            ? { header: { 'Idempotency-Key': idempotencyKey } }
            : { query: { dryRun: true } }),
        },
        body: decision,
      }),
    );

  const check = useMutation({
    mutationFn: async () => {
      const decision = decisionOf(task.entryId, await form.validateFields());
      return { decision, entry: await send(decision, null) };
    },
    onSuccess: (result) => {
      key.current = null;
      setChecked(result);
    },
  });

  const record = useMutation({
    mutationFn: () => {
      key.current ??= crypto.randomUUID();
      return send(checked!.decision, key.current);
    },
    onSuccess: async () => {
      void message.success(`已记录对${name}的研判：${OUTCOME_NAMES[checked!.decision.outcome]}`);
      await Promise.all(
        ['reserve-review', 'reserve-reviews', 'reserve-entries', 'backlog', 'backlog-summary', 'inbox'].map(
          (queryKey) => queryClient.invalidateQueries({ queryKey: [queryKey] }),
        ),
      );
      onClose();
    },
  });

  return (
    <Modal
      open
      title={`研判：${name}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="check" loading={check.isPending} onClick={() => check.mutate()}>
          检查
        </Button>,
        <Button
          key="record"
          type="primary"
          disabled={!checked}
          loading={record.isPending}
          onClick={() => record.mutate()}
        >
          记录研判结论
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(chinaDate(new Date().toISOString())), outcome: 'RETAIN' }}
        // What was checked is what is recorded: any change must be checked again.
        onValuesChange={() => setChecked(null)}
      >
        <Form.Item
          label="研判日期"
          name="date"
          htmlFor="decision-date"
          rules={[{ required: true, message: '请选择研判日期' }]}
        >
          <HolidayDatePicker id="decision-date" />
        </Form.Item>
        <Form.Item label="研判结论" name="outcome" rules={[{ required: true, message: '请选择研判结论' }]}>
          <Radio.Group aria-label="研判结论" options={entries(OUTCOME_NAMES)} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.outcome !== b.outcome}>
          {() => {
            const outcome = form.getFieldValue('outcome') as Outcome | undefined;
            if (outcome === 'REMOVE')
              return (
                <Form.Item
                  label="出库理由"
                  name="reason"
                  htmlFor="decision-reason"
                  rules={[{ required: true, whitespace: true, message: '请填写出库理由' }]}
                >
                  <Input.TextArea id="decision-reason" rows={2} />
                </Form.Item>
              );
            if (outcome === 'LIST_FOR_INSPECTION')
              return (
                <Form.Item
                  label="拟任岗位"
                  name="post"
                  htmlFor="decision-post"
                  rules={[{ required: true, whitespace: true, message: '请填写拟任岗位' }]}
                >
                  <Input id="decision-post" placeholder="如：村党组织书记" />
                </Form.Item>
              );
            if (outcome === 'USE')
              return (
                <Form.Item
                  label="任用该人员的村干部选任案件编号"
                  name="cadreCaseId"
                  htmlFor="decision-cadre-case"
                  rules={[{ required: true, whitespace: true, message: '请填写村干部选任案件编号' }]}
                >
                  <Input id="decision-cadre-case" />
                </Form.Item>
              );
            return null;
          }}
        </Form.Item>
      </Form>
      <ProblemAlert error={check.error instanceof Error ? check.error : null} style={{ marginBottom: 12 }} />
      {checked && (
        <Alert
          type="success"
          showIcon
          title="检查通过，可以记录"
          description={`记录后，${name}的库内状态为“${STATUS_NAMES[checked.entry.status]}”。`}
          style={{ marginBottom: 12 }}
        />
      )}
      <ProblemAlert error={record.error} />
    </Modal>
  );
}
