import { Alert } from 'antd';

import { ProblemError } from '../api/client';

/** A refused or failed call, in the API's words: title, each broken rule with its article, each bad field. */
export function ProblemAlert({
  error,
  style,
}: {
  readonly error: unknown;
  readonly style?: React.CSSProperties;
}) {
  if (!error) return null;
  if (!(error instanceof ProblemError)) {
    return (
      <Alert
        type="error"
        showIcon
        title="出错了"
        description={error instanceof Error ? error.message : JSON.stringify(error)}
        style={style}
      />
    );
  }
  const { problem } = error;
  const lines = [
    ...(problem.violations ?? []).map((v) => `${v.message}${v.article ? `（${v.article}）` : ''}`),
    ...(problem.errors ?? []).map((e) => `${e.field}：${e.message}`),
  ];
  return (
    <Alert
      type={problem.status >= 500 ? 'error' : 'warning'}
      showIcon
      role="alert"
      title={`${problem.title}（${problem.code}）`}
      description={
        lines.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          problem.detail
        )
      }
      style={style}
    />
  );
}
