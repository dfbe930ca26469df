import { App, Alert, Button, Form, Space, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useRef, useState } from 'react';

import { ProblemError, type Schemas } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { type FieldContextValue, SchemaFields } from './SchemaFields';
import { clearProblemInForm, problemLines, showProblemInForm } from './problems';
import { asSchema, toBody, toFormValues } from './schema';
import { postAction } from './submit';

export type AvailableAction = Schemas['AvailableAction'];

export interface ActionFormProps {
  readonly action: AvailableAction;
  /** Whose roster people are picked from and the case's rule set. */
  readonly context: Omit<FieldContextValue, 'earliest' | 'actingOrgUnits'>;
  /**
   * Why recording this would close the case, in the words of the confirmation asked before saving; null when it
   * would not. Judged from the action, the body and the case the dry run answered.
   */
  readonly closes: (action: AvailableAction, body: unknown, preview: unknown) => string | null;
  /** The case the dry run answered, in words. */
  readonly describePreview?: (preview: unknown) => ReactNode;
  readonly onSaved: (result: unknown) => void;
  readonly onCancel?: () => void;
}

interface Refusal {
  readonly problem: ProblemError['problem'];
  /** Lines no field of the form shows. */
  readonly general: string[];
}

/**
 * The form of one available action, generated from its body schema and filled from its example. 预检 asks the
 * API what recording it would answer; 保存 asks the same first and records only if that passes (after a
 * confirmation when the case would close), with one Idempotency-Key per submission so a retry cannot record twice.
 */
export function ActionForm({ action, context, closes, describePreview, onSaved, onCancel }: ActionFormProps) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const schema = useMemo(() => asSchema(action.bodySchema) ?? { type: 'object' }, [action.bodySchema]);
  const initialValues = useMemo(
    () => toFormValues(schema, action.exampleBody) as Record<string, unknown>,
    [schema, action.exampleBody],
  );
  const [busy, setBusy] = useState<'check' | 'save' | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [preview, setPreview] = useState<{ readonly result: unknown } | null>(null);
  // One key per submission: kept while the same body is retried (a lost answer), new for another body.
  const attempt = useRef<{ key: string; body: string } | null>(null);

  async function bodyOrNull(): Promise<unknown> {
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    return toBody(schema, form.getFieldsValue(true));
  }

  /** The dry run: the case after the action, or null when refused (its lines then shown). */
  async function check(body: unknown): Promise<{ readonly result: unknown } | null> {
    clearProblemInForm(form);
    setRefusal(null);
    setFailure(null);
    setPreview(null);
    try {
      const result = { result: await postAction(action.endpoint, body, { dryRun: true }) };
      setPreview(result);
      return result;
    } catch (error) {
      if (error instanceof ProblemError) {
        const general = showProblemInForm(form, problemLines(error.problem));
        setRefusal({ problem: error.problem, general });
      } else {
        setFailure(error);
      }
      return null;
    }
  }

  async function onCheck() {
    const body = await bodyOrNull();
    if (body === null) return;
    setBusy('check');
    try {
      if (await check(body)) void message.success('预检通过：可以保存');
    } finally {
      setBusy(null);
    }
  }

  async function onSave() {
    const body = await bodyOrNull();
    if (body === null) return;
    setBusy('save');
    try {
      const checked = await check(body);
      if (!checked) return;
      const closing = closes(action, body, checked.result);
      if (closing) {
        // The buttons rest while the person decides (a loading button behind the dialog reads faint).
        setBusy(null);
        const confirmed = await modal.confirm({
          title: `确认${action.name}？`,
          content: closing,
          okText: '确认结案并保存',
          cancelText: '取消',
        });
        if (!confirmed) return;
        setBusy('save');
      }
      const json = JSON.stringify(body);
      if (attempt.current?.body !== json) attempt.current = { key: crypto.randomUUID(), body: json };
      const result = await postAction(action.endpoint, body, {
        dryRun: false,
        idempotencyKey: attempt.current.key,
      });
      attempt.current = null;
      void message.success(`已保存：${action.name}`);
      onSaved(result);
    } catch (error) {
      // A refusal at saving (the case moved meanwhile) shows like the dry run's; the key stays for a retry.
      if (error instanceof ProblemError) {
        setPreview(null);
        setRefusal({ problem: error.problem, general: showProblemInForm(form, problemLines(error.problem)) });
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {action.step > 0 && <Tag>第{action.step}步</Tag>}
        <Typography.Text type="secondary">
          办理组织：{action.actingOrgUnits.map((unit) => unit.name).join('、') || '—'}
        </Typography.Text>
      </Space>
      {!action.yours && (
        <Alert
          type="warning"
          showIcon
          title="你的单位或职务不能办理此事项"
          description={`应由${action.actingOrgUnits.map((unit) => unit.name).join('、') || '上级组织'}办理；预检将说明原因。`}
        />
      )}
      {action.notYet.length > 0 && (
        <Alert
          type="info"
          showIcon
          title="暂不能办理（可先预检）"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {action.notYet.map((reason) => (
                <li key={reason.code + reason.message}>
                  {reason.message}
                  {reason.article && `（${reason.article}）`}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Form
        form={form}
        name={`action-${action.action}`}
        layout="vertical"
        preserve={false}
        // The mark is for the eye; the control says it is required (aria-required), its name stays the label.
        requiredMark={(label, { required }) => (
          <>
            {required && (
              <span aria-hidden style={{ color: '#cf1322', marginInlineEnd: 4 }}>
                *
              </span>
            )}
            {label}
          </>
        )}
        initialValues={initialValues}
        onValuesChange={(changed: Record<string, unknown>) => {
          // An answer no longer holds once its fields change: the preview goes, and each changed field's
          // complaint with it (the next check says anew what is wrong).
          setPreview(null);
          clearProblemInForm(form, Object.keys(changed));
        }}
      >
        <SchemaFields
          schema={schema}
          context={{ ...context, earliest: action.earliest, actingOrgUnits: action.actingOrgUnits }}
        />
      </Form>
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={`${refusal.problem.title}（${refusal.problem.code}）`}
          description={
            refusal.general.length === 0 && problemLines(refusal.problem).length === 0 ? (
              refusal.problem.detail
            ) : refusal.general.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {refusal.general.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              '未保存：请按各字段旁的提示修改后再预检。'
            )
          }
        />
      )}
      <ProblemAlert error={failure} />
      {preview && (
        <Alert
          type="success"
          showIcon
          title="预检通过：保存后的结果"
          description={describePreview?.(preview.result)}
        />
      )}
      <Space>
        <Button onClick={() => void onCheck()} loading={busy === 'check'} disabled={busy === 'save'}>
          预检
        </Button>
        <Button
          type="primary"
          onClick={() => void onSave()}
          loading={busy === 'save'}
          disabled={busy === 'check'}
        >
          保存
        </Button>
        {onCancel && <Button onClick={onCancel}>取消</Button>}
      </Space>
    </Space>
  );
}
