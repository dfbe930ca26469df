import { join, relative } from 'node:path';

import { type Profile, projectRoot } from './profiles';

export interface SummaryRow {
  readonly what: string;
  readonly where: string;
}

/**
 * What `npm start` prints once every app is ready, and the README's table under "Two commands" shows for the
 * dev profile (deploy/local/readme-commands.spec.ts keeps them in step). Every link answers a GET from a
 * browser without a token (test/e2e/readme-examples.e2e-spec.ts opens them); the `/v1` endpoints need one,
 * so they are shown with their token in the README's "Try it".
 */
export function startSummary(p: Profile): SummaryRow[] {
  const { api, worker, relay, targets } = p.apps;
  const rows: SummaryRow[] = [
    { what: 'Console', where: `http://127.0.0.1:${api}/   (web console: sign in as a demo user)` },
    { what: 'API docs', where: `http://127.0.0.1:${api}/docs   (Swagger UI; JSON: /docs-json)` },
    { what: 'Targets docs', where: `http://127.0.0.1:${targets}/docs   (Swagger UI; JSON: /docs-json)` },
    {
      what: 'Health',
      where:
        `http://127.0.0.1:${api}/health/ready   ` +
        `(and /health/live; worker ${worker}, relay ${relay}, targets ${targets})`,
    },
    {
      what: 'Metrics',
      where: `http://127.0.0.1:${api}/metrics   (Prometheus; /metrics on the other three ports too)`,
    },
  ];
  if (p.temporal.uiPort) rows.push({ what: 'Temporal UI', where: `http://127.0.0.1:${p.temporal.uiPort}` });
  rows.push(
    { what: 'Logs', where: `${relative(projectRoot(), join(p.dataDir, 'logs'))}/*.log` },
    { what: 'Tokens', where: 'npm run -s auth:token -- dz-organiser   (no user: the demo users)' },
    { what: 'Try it', where: 'README.md, "Try it": requests to /v1 with a demo user\'s token' },
  );
  return rows;
}

/** The links of the summary, first to last. */
export function summaryLinks(rows: readonly SummaryRow[]): string[] {
  return rows.flatMap((row) => row.where.match(/http:\/\/[^\s,;()`]+/g) ?? []);
}
