import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';

import { ProblemError, type Schemas, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { saveDownload } from '../../shared/download';
import { MUTED } from './style';

type Content = 'tree' | 'roster';
type ImportResult = Schemas['ImportResultResponse'];
type RowError = Schemas['ImportRowError'];

const CONTENT_NAMES: Record<Content, string> = { tree: '组织树', roster: '党员名册' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The bad rows a 422 IMPORT_ROWS_INVALID problem lists (row numbered as the spreadsheet numbers it). */
function rowErrorsOf(error: unknown): RowError[] | null {
  if (!(error instanceof ProblemError)) return null;
  return error.problem.rowErrors ?? null;
}

/** The files' columns as their headers name them in Chinese (README, "Org tree and roster files"). */
const COLUMN_NAMES: Record<Content, Readonly<Record<string, string>>> = {
  tree: {
    code: '组织代码',
    name: '组织名称',
    kind: '组织类别',
    parentCode: '上级组织代码',
    canApproveMembership: '审批权',
  },
  roster: {
    name: '姓名',
    nationalId: '公民身份号码',
    birthDate: '出生日期',
    gender: '性别',
    branchCode: '所在党组织代码',
    status: '党员类别',
    partyAgeFrom: '党龄起算日',
    disciplineKind: '党纪处分',
    disciplineImpactEnds: '处分影响期截止',
    rightsRestored: '恢复党员权利',
  },
};

/** The file's media type, by its name: the import reads CSV (text/csv) or an xlsx workbook. */
const mediaTypeOf = (file: File): string => (/\.xlsx$/i.test(file.name) ? XLSX : 'text/csv');

function sendFile(unitCode: string, content: Content, file: File, dryRun: boolean) {
  const init = {
    params: { path: { idOrCode: unitCode }, query: { dryRun } },
    // The API takes the file itself as the body (no form); openapi-typescript types a binary body as a string.
    body: file as unknown as string,
    bodySerializer: (body: string) => body,
    headers: { 'Content-Type': mediaTypeOf(file) },
  };
  return unwrap(
    content === 'tree'
      ? api.POST('/v1/org-units/{idOrCode}/imports/tree', init)
      : api.POST('/v1/org-units/{idOrCode}/imports/roster', init),
  );
}

function Counts({ result }: { readonly result: ImportResult }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={4}
      items={[
        { key: 'rows', label: '数据行', children: result.counts.rows },
        { key: 'created', label: '新增', children: result.counts.created },
        { key: 'updated', label: '更新', children: result.counts.updated },
        { key: 'unchanged', label: '未变', children: result.counts.unchanged },
      ]}
    />
  );
}

/** The dry run's report: every bad row with its line, column and message, or what importing would do. */
function DryRunReport({
  content,
  result,
  error,
}: {
  readonly content: Content;
  readonly result: ImportResult | null;
  readonly error: unknown;
}) {
  const rows = rowErrorsOf(error);
  if (rows && error instanceof ProblemError) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="error"
          showIcon
          role="alert"
          title={`${error.problem.title}（${error.problem.code}）`}
          description={error.problem.detail}
        />
        <Table<RowError>
          rowKey={(row) => `${row.row}|${row.column ?? ''}|${row.code}`}
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            {
              title: '列',
              render: (_, row) =>
                row.column ? (COLUMN_NAMES[content][row.column] ?? row.column) : '（整行）',
            },
            { title: '错误', render: (_, row) => row.message },
            { title: '代码', render: (_, row) => <span style={MUTED}>{row.code}</span> },
          ]}
        />
      </Space>
    );
  }
  if (error) return <ProblemAlert error={error} />;
  if (!result) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={result.dryRun ? 'success' : 'info'}
        showIcon
        role="status"
        title={
          result.dryRun
            ? `检查通过：可以导入到 ${result.under}（尚未导入任何数据）`
            : `已导入到 ${result.under}`
        }
      />
      <Counts result={result} />
    </Space>
  );
}

/**
 * Imports (a check first, then the import of exactly the file checked) and exports of the tree and the roster
 * under a unit. Only the county org department may; anyone else sees why not.
 */
export function ImportExport({
  unitCode,
  canAdminister,
  refusal,
}: {
  readonly unitCode: string;
  readonly canAdminister: boolean;
  readonly refusal: string;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [content, setContent] = useState<Content>('roster');
  const [file, setFile] = useState<File | null>(null);
  // Which of the two is running: only its own button spins; the other waits, disabled.
  const [running, setRunning] = useState<'check' | 'import' | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const checked = result?.dryRun === true && error === null;

  const reset = () => {
    setResult(null);
    setError(null);
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setRunning(dryRun ? 'check' : 'import');
    reset();
    try {
      setResult(await sendFile(unitCode, content, file, dryRun));
      if (!dryRun) {
        void message.success(`${CONTENT_NAMES[content]}已导入`);
        await queryClient.invalidateQueries();
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(null);
    }
  };
  const confirmImport = () => {
    modal.confirm({
      title: `导入${CONTENT_NAMES[content]}到 ${unitCode}？`,
      content: result
        ? `将新增 ${result.counts.created} 条、更新 ${result.counts.updated} 条（${result.counts.unchanged} 条不变）。`
        : undefined,
      okText: '导入',
      cancelText: '取消',
      onOk: () => run(false),
    });
  };
  const download = async (what: Content, format: 'csv' | 'xlsx') => {
    setExportError(null);
    const init = { params: { path: { idOrCode: unitCode }, query: { format } }, parseAs: 'blob' as const };
    try {
      const name = await saveDownload(
        what === 'tree'
          ? api.GET('/v1/org-units/{idOrCode}/exports/tree', init)
          : api.GET('/v1/org-units/{idOrCode}/exports/roster', init),
        `${unitCode}-${what}.${format}`,
      );
      void message.success(`已导出 ${name}`);
    } catch (caught) {
      setExportError(caught);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {!canAdminister && <Alert type="info" showIcon title="不能导入或导出" description={refusal} />}
      <Card size="small" title="导入">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Radio.Group
            aria-label="导入内容"
            disabled={!canAdminister}
            value={content}
            onChange={(event) => {
              setContent(event.target.value as Content);
              reset();
            }}
            options={[
              { value: 'roster', label: '党员名册' },
              { value: 'tree', label: '组织树' },
            ]}
          />
          <Space wrap>
            <Upload
              accept=".csv,.xlsx,text/csv"
              maxCount={1}
              showUploadList={false}
              disabled={!canAdminister}
              beforeUpload={(picked) => {
                setFile(picked);
                reset();
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} disabled={!canAdminister}>
                选择文件（CSV 或 xlsx）
              </Button>
            </Upload>
            <Typography.Text style={MUTED}>{file ? file.name : '未选择文件'}</Typography.Text>
          </Space>
          <Space wrap>
            <Button
              disabled={!canAdminister || !file || running === 'import'}
              loading={running === 'check'}
              onClick={() => void run(true)}
            >
              检查（试导入）
            </Button>
            <Button
              type="primary"
              disabled={!canAdminister || !checked || running === 'check'}
              loading={running === 'import'}
              onClick={confirmImport}
            >
              导入
            </Button>
          </Space>
          <DryRunReport content={content} result={result} error={error} />
        </Space>
      </Card>
      <Card size="small" title="导出">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            {(['tree', 'roster'] as const).flatMap((what) =>
              (['xlsx', 'csv'] as const).map((format) => (
                <Button
                  key={`${what}-${format}`}
                  icon={<DownloadOutlined />}
                  disabled={!canAdminister}
                  onClick={() => void download(what, format)}
                >
                  {`导出${CONTENT_NAMES[what]}（${format === 'xlsx' ? 'Excel' : 'CSV'}）`}
                </Button>
              )),
            )}
          </Space>
          <Typography.Text style={MUTED}>
            导出的文件与导入的格式相同；党员名册含完整身份证号，每次导出都会留痕。
          </Typography.Text>
          <ProblemAlert error={exportError} />
        </Space>
      </Card>
    </Space>
  );
}
