import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import { parse, parseAllDocuments } from 'yaml';

import {
  DEPLOY_TOOL_VERSIONS,
  composeSchemaPath,
  helmPath,
  kubeconformPath,
  kubernetesSchemasDir,
} from './deploy-tools';
import { projectRoot } from './profiles';

/** The static checks of deploy/ (no cluster, no container engine): the tests run them, and so can anyone. */
export const CHART_DIR = (): string => join(projectRoot(), 'deploy', 'helm', 'xianfeng');
export const COMPOSE_FILE = (): string => join(projectRoot(), 'deploy', 'compose', 'compose.yaml');

export interface ToolRun {
  readonly ok: boolean;
  readonly output: string;
}

function run(command: string, args: readonly string[], input?: string): ToolRun {
  const result = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const valuesArgs = (valuesFiles: readonly string[]) => valuesFiles.flatMap((file) => ['--values', file]);
const kubeVersion = ['--kube-version', DEPLOY_TOOL_VERSIONS.kubernetes];

/** `helm lint --strict` of the chart with the given values files (the chart's own values.yaml always applies). */
export function helmLint(valuesFiles: readonly string[] = [], set: readonly string[] = []): ToolRun {
  return run(helmPath(), [
    ...['lint', '--strict', ...kubeVersion, ...valuesArgs(valuesFiles)],
    ...set.flatMap((value) => ['--set', value]),
    CHART_DIR(),
  ]);
}

/** The chart rendered as the cluster would receive it (hooks included); throws when it does not render. */
export function helmTemplate(valuesFiles: readonly string[] = [], set: readonly string[] = []): string {
  const rendered = run(helmPath(), [
    'template',
    'xianfeng',
    CHART_DIR(),
    ...['--namespace', 'xianfeng'],
    ...kubeVersion,
    ...valuesArgs(valuesFiles),
    ...set.flatMap((value) => ['--set', value]),
  ]);
  if (!rendered.ok) throw new Error(`helm template failed:\n${rendered.output}`);
  return rendered.output;
}

export interface ManifestResult {
  readonly kind: string;
  readonly name: string;
  readonly status: 'statusValid' | 'statusInvalid' | 'statusError' | 'statusSkipped' | 'statusEmpty';
  readonly msg?: string;
}

/**
 * Every object of the manifests validated against the Kubernetes schemas of DEPLOY_TOOL_VERSIONS.kubernetes
 * (and the ServiceMonitor CRD's), strictly: an unknown field, a wrong type or a missing required field fails.
 */
export function kubeconform(manifests: string): ManifestResult[] {
  const schemas = kubernetesSchemasDir();
  const checked = run(
    kubeconformPath(),
    [
      ...['-strict', '-output', 'json', '-verbose'],
      ...['-schema-location', join(schemas, '{{ .ResourceKind }}{{ .KindSuffix }}.json')],
    ],
    manifests,
  );
  return (JSON.parse(checked.output) as { resources: ManifestResult[] }).resources;
}

/** The objects of a multi-document YAML stream (empty documents left out). */
export function manifestObjects(manifests: string): Record<string, unknown>[] {
  return parseAllDocuments(manifests)
    .map((document) => document.toJS() as Record<string, unknown> | null)
    .filter((object): object is Record<string, unknown> => object !== null);
}

/** A Compose file as docker compose reads it (YAML anchors and merge keys resolved, variables not yet). */
export function composeDocument(file = COMPOSE_FILE()): Record<string, unknown> {
  return parse(readFileSync(file, 'utf8'), { merge: true }) as Record<string, unknown>;
}

/** The violations of the Compose Specification's JSON schema (empty: valid), as `<path>: <message>`. */
export function composeViolations(document: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(composeSchemaPath(), 'utf8')) as object);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? ''}`);
}
