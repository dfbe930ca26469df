import { Form, type FormInstance, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { type NamePath } from 'antd/es/form/interface';
import { type ReactNode, useEffect } from 'react';

import { HolidayDatePicker } from '../../../shared/forms/HolidayDatePicker';
import { valueLabel } from '../../../shared/forms/labels';
import { type Field } from './schema';

/** A stable, valid id for a field's control (the label points to it). */
const controlId = (path: readonly (string | number)[]) => `bulk-${path.join('-')}`;

/** The control of a field; Form.Item gives it its value and onChange (so it is an element, not a component). */
function control(
  field: Field,
  path: readonly string[],
  actingBodies: readonly { readonly code: string; readonly name: string }[],
): ReactNode {
  const id = controlId(path);
  if (field.name === 'actingBody' && actingBodies.length > 0) {
    return (
      <Select
        id={id}
        style={{ width: 220 }}
        options={actingBodies.map((u) => ({ value: u.code, label: u.name }))}
      />
    );
  }
  switch (field.kind) {
    case 'date':
      return <HolidayDatePicker id={id} />;
    case 'enum':
      return (
        <Select
          id={id}
          style={{ width: 220 }}
          allowClear={!field.required}
          options={field.values.map((value) => ({ value, label: valueLabel(field.name, value) }))}
        />
      );
    case 'boolean':
      return <Switch id={id} checkedChildren="是" unCheckedChildren="否" />;
    case 'number':
      return (
        <InputNumber id={id} min={field.min} max={field.max} precision={field.integer ? 0 : undefined} />
      );
    case 'tags':
      return (
        <Select id={id} mode="tags" style={{ minWidth: 260 }} tokenSeparators={[',', '，']} open={false} />
      );
    case 'text':
      return field.long ? <Input.TextArea id={id} rows={2} /> : <Input id={id} style={{ width: 260 }} />;
    default:
      return null;
  }
}

function FieldItem({
  field,
  parent,
  form,
  actingBodies,
}: {
  readonly field: Field;
  readonly parent: readonly string[];
  readonly form: FormInstance;
  readonly actingBodies: readonly { readonly code: string; readonly name: string }[];
}) {
  const path = [...parent, field.name];
  if (field.when) {
    const when = field.when;
    // Shown only for the sibling's value it belongs to (a reason for REMOVE, a post for LIST_FOR_INSPECTION).
    return (
      <Form.Item noStyle shouldUpdate>
        {() =>
          form.getFieldValue([...parent, when.field] as NamePath) === when.value ? (
            <FieldItem
              field={{ ...field, when: null, required: true }}
              parent={parent}
              form={form}
              actingBodies={actingBodies}
            />
          ) : null
        }
      </Form.Item>
    );
  }
  if (field.kind === 'fixed') {
    return (
      <Form.Item label={field.label}>
        <Typography.Text type="secondary">批量办理不填写此项（如有内容，请打开案件逐一办理）</Typography.Text>
      </Form.Item>
    );
  }
  if (field.kind === 'object') {
    return (
      <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 16px 0', marginBottom: 16 }}>
        <legend style={{ width: 'auto', fontSize: 14, padding: '0 4px', marginBottom: 0, border: 0 }}>
          {field.label}
        </legend>
        {field.fields.map((sub) => (
          <FieldItem key={sub.name} field={sub} parent={path} form={form} actingBodies={actingBodies} />
        ))}
      </fieldset>
    );
  }
  return (
    <Form.Item
      label={field.label}
      htmlFor={controlId(path)}
      name={path}
      valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
      rules={
        field.required && field.kind !== 'boolean'
          ? [{ required: true, message: `请填写${field.label}` }]
          : []
      }
    >
      {control(field, path, actingBodies)}
    </Form.Item>
  );
}

/**
 * The decision a batch shares: the fields of the action's body (from its schema), started from the API's
 * example body for today. What differs per case is not asked for here.
 */
export function DecisionForm({
  form,
  fields,
  initial,
  actingBodies,
  onChange,
  disabled,
}: {
  readonly form: FormInstance;
  readonly fields: readonly Field[];
  readonly initial: Record<string, unknown>;
  readonly actingBodies: readonly { readonly code: string; readonly name: string }[];
  readonly onChange: () => void;
  /** Recorded: the decision stays in view, no longer editable. */
  readonly disabled: boolean;
}) {
  // The example body arrives with the action's form: start from it (and again if another action's form comes).
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initial);
  }, [form, initial]);
  return (
    <Form
      form={form}
      disabled={disabled}
      layout="horizontal"
      labelCol={{ flex: '160px' }}
      labelWrap
      initialValues={initial}
      onValuesChange={onChange}
    >
      {fields.map((field) => (
        <FieldItem key={field.name} field={field} parent={[]} form={form} actingBodies={actingBodies} />
      ))}
    </Form>
  );
}
