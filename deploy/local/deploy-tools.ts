import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { toolsDir } from './profiles';
import { InfraError, commandExists } from './processes';

/**
 * What the deployment files are checked with (deploy/README.md), each pinned and cached under .local/tools:
 * helm and kubeconform built from the Go module proxy, the Kubernetes JSON schemas from PyPI's
 * kubernetes-validate, the Prometheus Operator's ServiceMonitor CRD and the Compose Specification's JSON schema
 * from their Go modules. Nothing here needs a cluster or a container engine.
 */
export const DEPLOY_TOOL_VERSIONS = {
  helm: 'v3.22.0',
  kubeconform: 'v0.8.0',
  /** The Kubernetes release the chart is validated against (its schemas from kubernetes-validate). */
  kubernetes: '1.34.0',
  kubernetesValidate: '1.37.0',
  prometheusOperator: 'v0.85.0',
  composeGo: 'v2.16.2',
} as const;

const goDir = () => join(toolsDir(), 'go');

/** The Go environment the tools are built and their modules downloaded in: all of it under .local/tools/go. */
function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOPATH: join(goDir(), 'path'),
    GOMODCACHE: join(goDir(), 'path', 'pkg', 'mod'),
    GOCACHE: join(goDir(), 'build-cache'),
    GOFLAGS: '-modcacherw -buildvcs=false',
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
  };
}

function requireGo(): void {
  if (!commandExists('go'))
    throw new InfraError(
      'the deployment checks build helm and kubeconform with Go: install Go 1.24 or newer',
    );
}

/** A command-line tool from the Go module proxy: `go install <pkg>@<version>` into its own folder. */
function goTool(name: string, pkg: string, version: string): string {
  const dir = join(goDir(), `bin-${name}-${version}`);
  const binary = join(dir, name);
  if (existsSync(binary)) return binary;
  requireGo();
  process.stderr.write(`building ${name} ${version} from the Go module proxy (a few minutes, once)\n`);
  mkdirSync(dir, { recursive: true });
  execFileSync('go', ['install', `${pkg}@${version}`], {
    env: { ...goEnv(), GOBIN: dir },
    stdio: ['ignore', 2, 2],
  });
  return binary;
}

/** A Go module's files (its zip from the module proxy, unpacked in the module cache). */
function goModuleDir(module: string, version: string): string {
  requireGo();
  const out = execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
    env: goEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 2],
  });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

export const helmPath = (): string => goTool('helm', 'helm.sh/helm/v3/cmd/helm', DEPLOY_TOOL_VERSIONS.helm);
export const kubeconformPath = (): string =>
  goTool('kubeconform', 'github.com/yannh/kubeconform/cmd/kubeconform', DEPLOY_TOOL_VERSIONS.kubeconform);

/** The Compose Specification's JSON schema, as docker compose itself validates with it (compose-go). */
export function composeSchemaPath(): string {
  return join(
    goModuleDir('github.com/compose-spec/compose-go/v2', DEPLOY_TOOL_VERSIONS.composeGo),
    'schema',
    'compose-spec.json',
  );
}

/** Recursively: `additionalProperties: false` wherever properties are listed and nothing says otherwise. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, strict(value)]));
  if (node['x-kubernetes-int-or-string'] === true) {
    delete node.type;
    node.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (
    node.properties &&
    node.additionalProperties === undefined &&
    !node['x-kubernetes-preserve-unknown-fields']
  )
    node.additionalProperties = false;
  return node;
}

/**
 * The folder of JSON schemas kubeconform reads (`<kind>-<group>-<version>.json`, strict: unknown fields are
 * errors): Kubernetes' own from kubernetes-validate (their `$id` and absolute `$ref`s rewritten so they resolve
 * to the files beside them, offline), and the ServiceMonitor's converted from the Prometheus Operator's CRD.
 */
export function kubernetesSchemasDir(): string {
  const { kubernetes, kubernetesValidate, prometheusOperator } = DEPLOY_TOOL_VERSIONS;
  const dir = join(toolsDir(), `kubernetes-json-schema-${kubernetes}-${prometheusOperator}`);
  if (existsSync(join(dir, 'servicemonitor-monitoring-v1.json'))) return dir;
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  process.stderr.write(`fetching the Kubernetes ${kubernetes} JSON schemas (PyPI kubernetes-validate)\n`);
  execFileSync(
    'python3',
    [
      ...['-m', 'pip', 'download', '--quiet', '--disable-pip-version-check', '--no-deps'],
      ...['--dest', work, `kubernetes-validate==${kubernetesValidate}`],
    ],
    { stdio: ['ignore', 2, 2] },
  );
  const wheel = readdirSync(work).find((file) => file.endsWith('.whl'));
  if (!wheel) throw new InfraError(`pip downloaded no kubernetes-validate wheel into ${work}`);
  const prefix = `kubernetes_validate/kubernetes-json-schema/v${kubernetes}-local-strict/`;
  execFileSync('python3', [
    '-c',
    'import sys, zipfile, os\n' +
      'z = zipfile.ZipFile(sys.argv[1])\n' +
      'for name in z.namelist():\n' +
      '    if name.startswith(sys.argv[2]) and name.endswith(".json"):\n' +
      '        open(os.path.join(sys.argv[3], os.path.basename(name)), "wb").write(z.read(name))\n',
    join(work, wheel),
    prefix,
    work,
  ]);
  rmSync(join(work, wheel));
  for (const file of readdirSync(work).filter((name) => name.endsWith('.json'))) {
    const text = readFileSync(join(work, file), 'utf8').replaceAll(
      '"/api/_definitions.json#',
      '"_definitions.json#',
    );
    const schema = JSON.parse(text) as Record<string, unknown>;
    delete schema.$id; // relative references resolve against the file, not kubernetes.io
    writeFileSync(join(work, file), JSON.stringify(schema));
  }
  const crd = parse(
    readFileSync(
      join(
        goModuleDir('github.com/prometheus-operator/prometheus-operator', prometheusOperator),
        'example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml',
      ),
      'utf8',
    ),
  ) as { spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] } };
  for (const version of crd.spec.versions)
    writeFileSync(
      join(work, `servicemonitor-monitoring-${version.name}.json`),
      JSON.stringify(strict(version.schema.openAPIV3Schema)),
    );
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return dir;
}

/** Builds or fetches every deployment-check tool (cached: nothing to do the second time). */
export function ensureDeployToolsNow(): void {
  helmPath();
  kubeconformPath();
  kubernetesSchemasDir();
  composeSchemaPath();
}

const lockPath = () => join(goDir(), '.installing');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `ensureDeployToolsNow` under a lock file, so the background install `npm test` starts after its build (while
 * the type check and lint run) and the deployment test that needs the tools never build them twice at once:
 * whoever comes second waits for the first, then finds everything cached.
 */
export async function ensureDeployTools(): Promise<void> {
  mkdirSync(goDir(), { recursive: true });
  for (;;) {
    try {
      closeSync(openSync(lockPath(), 'wx'));
      writeFileSync(lockPath(), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSync(lockPath(), 'utf8') || '0');
      if (holder && !alive(holder)) rmSync(lockPath(), { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  try {
    ensureDeployToolsNow();
  } finally {
    rmSync(lockPath(), { force: true });
  }
}

if (require.main === module) {
  ensureDeployTools().catch((error: unknown) => {
    process.stderr.write(`deployment tools: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
