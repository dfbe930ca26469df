import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { type Rule } from 'antd/es/form';
import { createContext, useContext, useState } from 'react';

import { OrgUnitSelect } from '../OrgUnitSelect';
import { PersonSelect, type PersonSelectProps } from '../PersonSelect';
import { HolidayDatePicker } from './HolidayDatePicker';
import { fieldHint, fieldLabel, valueLabel } from './labels';
import { type JsonSchema, enumValues, flatten, widgetOf } from './schema';

/** What the widgets need to know of the case and the action. */
export interface FieldContextValue {
  /** The action's earliest date (a hint on its `date`). */
  readonly earliest?: string | null;
  /** Who may act (offered for `actingBody`). */
  readonly actingOrgUnits?: readonly { id: string; code: string; name: string }[];
  /** Whose roster people are picked from: the case's branch or village. */
  readonly rosterUnit: string;
  readonly ruleSet?: PersonSelectProps['ruleSet'];
}

const FieldContext = createContext<FieldContextValue>({ rosterUnit: '' });

type NamePath = (string | number)[];

interface FieldProps {
  readonly name: NamePath;
  /** The property's own name (labels and widgets are chosen by it). */
  readonly property: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  /** Top-level fields: the action's `date` carries the earliest-date hint. */
  readonly topLevel?: boolean;
}

const ELIGIBILITY: Record<string, PersonSelectProps['eligibility']> = {
  sponsorIds: 'sponsor',
  contactIds: 'cultivationContact',
};

/** A description worth a tooltip: Chinese, not the developers' English. */
const readable = (text: string | undefined) =>
  !!text && /\p{Script=Han}/u.test(text) && !/[A-Za-z]{3,}/.test(text);

function rulesFor(label: string, required: boolean, schema: JsonSchema, kind: string): Rule[] {
  if (!required || kind === 'object') return [];
  const many = kind === 'persons' || kind === 'tags' || kind === 'enums';
  // An empty list is a value the API may accept (no negative records); a required list needs the field only.
  if (many && (schema.minItems ?? 0) === 0) return [];
  return [{ required: true, message: `请填写${label}` }];
}

/** What Form.Item hands its control: id (the label's target), value, onChange, aria attributes. */
type ControlProps = Record<string, unknown> & { readonly id?: string };

function Widget({
  property,
  schema,
  topLevel,
  ...control
}: Omit<FieldProps, 'name' | 'required'> & ControlProps) {
  const context = useContext(FieldContext);
  const node = flatten(schema);
  const kind = widgetOf(property, schema);
  switch (kind) {
    case 'date':
      return (
        <HolidayDatePicker
          {...control}
          earliest={topLevel && property === 'date' ? context.earliest : undefined}
          style={{ width: 200 }}
        />
      );
    case 'orgUnit':
      return (
        <OrgUnitSelect
          {...control}
          preferred={property === 'actingBody' ? context.actingOrgUnits : undefined}
          allowClear={!topLevel}
          style={{ width: '100%', maxWidth: 420 }}
        />
      );
    case 'person':
    case 'persons':
      return (
        <PersonSelect
          {...control}
          multiple={kind === 'persons'}
          maxCount={kind === 'persons' ? node.maxItems : undefined}
          orgUnit={context.rosterUnit}
          ruleSet={context.ruleSet}
          eligibility={ELIGIBILITY[property]}
          style={{ width: '100%', maxWidth: 520 }}
        />
      );
    case 'enum':
      return (
        <Select
          {...control}
          allowClear={!topLevel}
          style={{ width: '100%', maxWidth: 320 }}
          options={enumValues(node).map((value) => ({ value, label: valueLabel(property, value) }))}
        />
      );
    case 'enums':
    case 'tags': {
      const items = node.items ? flatten(node.items) : {};
      return (
        <Select
          {...control}
          mode={kind === 'enums' ? 'multiple' : 'tags'}
          maxCount={node.maxItems}
          style={{ width: '100%', maxWidth: 520 }}
          placeholder={kind === 'tags' ? '输入后回车添加' : undefined}
          options={enumValues(items).map((value) => ({ value, label: valueLabel(property, value) }))}
          suffixIcon={kind === 'tags' ? null : undefined}
        />
      );
    }
    case 'integer':
    case 'number':
      return (
        <InputNumber
          {...control}
          min={node.minimum}
          max={node.maximum}
          precision={kind === 'integer' ? 0 : undefined}
          style={{ width: 160 }}
        />
      );
    case 'boolean':
      return (
        <Radio.Group
          {...control}
          optionType="button"
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
        />
      );
    case 'textarea':
      return (
        <Input.TextArea
          {...control}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={node.maxLength}
          showCount
        />
      );
    default:
      return <Input {...control} maxLength={node.maxLength} style={{ maxWidth: 520 }} />;
  }
}

/** One object's fields, in the schema's order (required first would reorder what the regulation lists). */
function ObjectFields({ name, schema }: { readonly name: NamePath; readonly schema: JsonSchema }) {
  const node = flatten(schema);
  const required = new Set(node.required ?? []);
  return (
    <>
      {Object.entries(node.properties ?? {}).map(([property, child]) => (
        <SchemaField
          key={property}
          name={[...name, property]}
          property={property}
          schema={child}
          required={required.has(property)}
          topLevel={name.length === 0}
        />
      ))}
    </>
  );
}

/** An optional group (a nullable object such as 个别特殊情况): filled in only when ticked. */
function OptionalGroup({ label, children }: { readonly label: string; readonly children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div style={{ marginBottom: 16 }}>
      <Checkbox checked={open} onChange={(event) => setOpen(event.target.checked)}>
        填写{label}
      </Checkbox>
      {open && <div style={{ marginTop: 12 }}>{children}</div>}
    </div>
  );
}

function ListOfObjects({ name, schema, label }: FieldProps & { readonly label: string }) {
  const node = flatten(schema);
  const items = node.items ? flatten(node.items) : {};
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px', flexBasis: '100%' }}>
          <legend style={{ fontSize: 14, marginBottom: 8, border: 0 }}>{label}</legend>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.length === 0 && <Typography.Text type="secondary">（无）</Typography.Text>}
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={`${label} ${index + 1}`}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除${label} ${index + 1}`}
                    onClick={() => remove(field.name)}
                  />
                }
              >
                <ObjectFields name={[field.name]} schema={items} />
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add()}
              disabled={node.maxItems !== undefined && fields.length >= node.maxItems}
            >
              添加一项
            </Button>
          </Space>
        </fieldset>
      )}
    </Form.List>
  );
}

export function SchemaField(props: FieldProps) {
  const { name, property, schema, required } = props;
  const node = flatten(schema);
  const label = fieldLabel(property, { ...schema, ...node });
  const hint = fieldHint(label, schema);
  const kind = widgetOf(property, schema);
  if (kind === 'object') {
    const group = (
      <fieldset
        style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 16px 0', margin: '0 0 16px' }}
      >
        <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
          {required && (
            <span aria-hidden style={{ color: '#cf1322', marginInlineEnd: 4 }}>
              *
            </span>
          )}
          {label}
        </legend>
        {/* A group's fields are short (counts, a vote): side by side. */}
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 24 }}>
          <ObjectFields name={name} schema={node} />
        </div>
      </fieldset>
    );
    return required ? group : <OptionalGroup label={label}>{group}</OptionalGroup>;
  }
  if (kind === 'objects') return <ListOfObjects {...props} label={label} />;
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      tooltip={readable(hint) ? hint : undefined}
      rules={rulesFor(label, required, node, kind)}
      extra={props.topLevel && property === 'date' ? <EarliestHint /> : undefined}
    >
      <Widget property={property} schema={schema} topLevel={props.topLevel} />
    </Form.Item>
  );
}

function EarliestHint() {
  const { earliest } = useContext(FieldContext);
  return earliest
    ? `最早可办理日期：${earliest}（日历中“休”为法定节假日，“班”为调休上班日）`
    : '日历中“休”为法定节假日，“班”为调休上班日';
}

/** The fields of an action's body, generated from its JSON schema. */
export function SchemaFields({
  schema,
  context,
}: {
  readonly schema: JsonSchema;
  readonly context: FieldContextValue;
}) {
  return (
    <FieldContext.Provider value={context}>
      <ObjectFields name={[]} schema={schema} />
    </FieldContext.Provider>
  );
}
