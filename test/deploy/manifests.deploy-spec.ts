import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { type Type } from '@nestjs/common';
import { stringify } from 'yaml';

import { API_CONFIG } from '../../apps/api/src/api.module';
import { RELAY_CONFIG } from '../../apps/relay/src/relay.module';
import { TARGETS_CONFIG } from '../../apps/targets/src/targets.module';
import { WORKER_CONFIG } from '../../apps/worker/src/worker.module';
import { IMAGE_COMMANDS } from '../../deploy/image/entrypoint';
import {
  composeDocument,
  composeViolations,
  helmLint,
  helmTemplate,
  kubeconform,
  manifestObjects,
} from '../../deploy/local/deploy-checks';
import { ensureDeployTools } from '../../deploy/local/deploy-tools';
import { projectRoot } from '../../deploy/local/profiles';
import { DatabaseConfig, KafkaConfig, PiiConfig, TemporalConfig, loadSections } from '../../libs/config/src';

/**
 * The deployment files checked without a cluster or a container engine (deploy/README.md): the Helm chart
 * linted and rendered with its own and its example values, every object validated strictly against the
 * Kubernetes schemas; the Compose file against the Compose Specification; and in both, each app's environment
 * passes the configuration checks the app itself runs at boot.
 */
const EXAMPLES = join(projectRoot(), 'deploy', 'helm', 'examples');
const VALUE_SETS: Record<string, string[]> = {
  'its own values': [],
  'the operators example': [join(EXAMPLES, 'operators.values.yaml')],
  'the trial example': [join(EXAMPLES, 'operators.values.yaml'), join(EXAMPLES, 'trial.values.yaml')],
};
const APP_CONFIG: Record<string, readonly Type<object>[]> = {
  api: API_CONFIG,
  worker: WORKER_CONFIG,
  relay: RELAY_CONFIG,
  targets: TARGETS_CONFIG,
  setup: [DatabaseConfig, KafkaConfig, TemporalConfig, PiiConfig],
};
const key = (fill: string) => Buffer.alloc(32, fill).toString('base64');
/** What a deployment's secrets would hold, in the formats the apps accept. */
const SECRETS: Record<string, string> = {
  DATABASE_URL: 'postgresql://xianfeng:secret@db:5432/xianfeng',
  TEMPORAL_CODEC_KEYS: `k1:${key('a')}`,
  PERSON_ID_ENCRYPTION_KEYS: `k1:${key('b')}`,
  PERSON_ID_HMAC_KEY: key('c'),
  METRICS_TOKEN: 'metrics-token',
  POSTGRES_PASSWORD: 'secret',
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}
interface Container {
  args: string[];
  env?: EnvVar[];
  envFrom?: unknown[];
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
  /** A misspelt field, for the validator to refuse. */
  livenessprobe?: unknown;
  securityContext: Record<string, unknown>;
}
/** The parts of the rendered objects these checks read. */
interface K8sObject {
  kind: string;
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec: {
    replicas?: unknown;
    template: { spec: { containers: Container[]; securityContext: Record<string, unknown> } };
    endpoints: Record<string, unknown>[];
  };
}
interface ComposeService {
  command: string[];
  environment: Record<string, string>;
  depends_on: Record<string, { condition: string }>;
  restart_policy?: string;
}
type ComposeFile = { services: Record<string, ComposeService> };

/** A container's environment as Kubernetes would give it: the ConfigMap's data, then its own entries. */
function containerEnv(container: Container, configMap: K8sObject | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  if (container.envFrom?.length) Object.assign(env, configMap!.data);
  for (const variable of container.env ?? []) {
    const secretKey = variable.valueFrom?.secretKeyRef.key;
    env[variable.name] = secretKey ? (SECRETS[variable.name] ?? SECRETS[secretKey] ?? 'x') : variable.value!;
  }
  return env;
}

/** Compose's interpolation of `${NAME}`, `${NAME:-default}` and `${NAME:?error}` from `env`. */
function interpolated<T>(value: T, env: Record<string, string>): T {
  if (typeof value === 'string')
    return value.replace(
      /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
      (_, name: string, operator?: string, word?: string) => {
        if (env[name] !== undefined) return env[name];
        if (operator === '-') return word ?? '';
        throw new Error(`compose would stop: ${word ?? name}`);
      },
    ) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolated(item, env)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, interpolated(item as unknown, env)]),
    ) as T;
  return value;
}

describe('deployment files (static checks)', () => {
  // Built and fetched once per machine (cached under .local/tools): helm takes a few minutes to build. `npm test`
  // starts that in the background after its build; this waits for it (or does it).
  beforeAll(() => ensureDeployTools(), 900_000);

  describe('the Helm chart', () => {
    it.each(Object.keys(VALUE_SETS))('lints cleanly with %s', (set) => {
      const lint = helmLint(VALUE_SETS[set]);
      expect(lint.output).not.toMatch(/\[(ERROR|WARNING)\]/);
      expect(lint.ok).toBe(true);
    });

    it('refuses values its schema does not know, naming them', () => {
      const lint = helmLint([], ['apps.api.replica=3', 'kafka.brokers=not a broker list']);
      expect(lint.ok).toBe(false);
      expect(lint.output).toContain("additional properties 'replica' not allowed");
      expect(lint.output).toContain('/kafka/brokers');
    });

    it.each(Object.keys(VALUE_SETS))('renders only objects Kubernetes accepts, strictly, with %s', (set) => {
      const results = kubeconform(helmTemplate(VALUE_SETS[set]));
      expect(results.length).toBeGreaterThanOrEqual(12);
      expect(results.filter((result) => result.status !== 'statusValid')).toEqual([]);
    });

    it('is refused by the validator where Kubernetes would refuse it', () => {
      const objects = manifestObjects(helmTemplate());
      const deployment = objects.find((object) => object.kind === 'Deployment') as unknown as K8sObject;
      deployment.spec.replicas = 'two';
      deployment.spec.template.spec.containers[0]!.livenessprobe = { httpGet: { path: '/health/live' } };
      const results = kubeconform(stringify(deployment));
      expect(results).toEqual([expect.objectContaining({ kind: 'Deployment', status: 'statusInvalid' })]);
      expect(results[0]!.msg).toContain('/spec/replicas');
      expect(results[0]!.msg).toContain('livenessprobe');
    });

    it('runs each app from the one image with probes, autoscaling, budgets, setup first and its environment complete', () => {
      const objects = manifestObjects(helmTemplate(VALUE_SETS['the operators example']));
      const ofKind = (kind: string) =>
        objects.filter((object) => object.kind === kind) as unknown as K8sObject[];
      const configMap = ofKind('ConfigMap')[0];
      const component = (object: K8sObject) => object.metadata.labels['app.kubernetes.io/component']!;

      const deployments = ofKind('Deployment');
      expect(deployments.map(component).sort()).toEqual(['api', 'relay', 'targets', 'worker']);
      for (const deployment of deployments) {
        const app = component(deployment);
        const pod = deployment.spec.template.spec;
        const [container] = pod.containers;
        expect(container!.args).toEqual([app]);
        expect(container!.readinessProbe.httpGet.path).toBe('/health/ready');
        expect(container!.livenessProbe.httpGet.path).toBe('/health/live');
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(container!.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        });
        // The app would start: its environment passes the checks it runs at boot.
        expect(() => loadSections(APP_CONFIG[app]!, containerEnv(container!, configMap))).not.toThrow();
      }
      expect(ofKind('HorizontalPodAutoscaler').map(component).sort()).toEqual(['api', 'worker']);
      expect(ofKind('PodDisruptionBudget').map(component).sort()).toEqual([
        'api',
        'relay',
        'targets',
        'worker',
      ]);
      expect(ofKind('Ingress')).toHaveLength(1);
      expect(ofKind('ServiceMonitor')[0]!.spec.endpoints[0]).toMatchObject({
        path: '/metrics',
        authorization: { type: 'Bearer', credentials: { key: 'METRICS_TOKEN' } },
      });

      const [setup] = ofKind('Job');
      expect(setup!.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const [setupContainer] = setup!.spec.template.spec.containers;
      expect(setupContainer!.args).toEqual(['setup']);
      // A hook runs before the release's ConfigMap exists: the job carries its settings itself.
      expect(setupContainer!.envFrom).toBeUndefined();
      expect(() => loadSections(APP_CONFIG.setup!, containerEnv(setupContainer!, undefined))).not.toThrow();
      expect(containerEnv(setupContainer!, undefined).TEMPORAL_NAMESPACE).toBe('xianfeng');
    });
  });

  describe('the Compose file', () => {
    it('follows the Compose Specification', () => {
      expect(composeViolations(composeDocument())).toEqual([]);
    });

    it('is refused where docker compose would refuse it', () => {
      const document = composeDocument() as unknown as ComposeFile;
      document.services.api!.depends_on.setup!.condition = 'service_finished';
      document.services.worker!.restart_policy = 'always';
      const violations = composeViolations(document);
      expect(violations).toContainEqual(expect.stringContaining('/services/api/depends_on'));
      expect(violations).toContainEqual(expect.stringContaining('/services/worker'));
    });

    it('runs each app and the setup from the image, after the setup, with the environment it checks at boot', () => {
      const { services } = composeDocument() as unknown as ComposeFile;
      const env = interpolated(services, {
        ...SECRETS,
        AUTH_JWKS_URL: 'https://idp.example.org/certs',
        AUTH_ISSUER: 'https://idp.example.org',
        CONSOLE_OIDC_AUTHORITY: 'https://idp.example.org',
        CONSOLE_OIDC_CLIENT_ID: 'xianfeng-console',
      });
      for (const [app, sections] of Object.entries(APP_CONFIG)) {
        const service = env[app]!;
        expect(service.command).toEqual([app]);
        expect(() => loadSections(sections, service.environment)).not.toThrow();
        if (app !== 'setup')
          expect(service.depends_on).toEqual({ setup: { condition: 'service_completed_successfully' } });
      }
      expect(() => interpolated(services.api, {})).toThrow('set POSTGRES_PASSWORD in .env');
    });
  });

  describe('the image', () => {
    it('has a command for every app and the setup, each a file the build makes', () => {
      for (const relative of Object.values(IMAGE_COMMANDS))
        expect(existsSync(join(projectRoot(), 'dist', relative))).toBe(true);
      const dockerfile = readFileSync(join(projectRoot(), 'deploy', 'image', 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "dist\/deploy\/image\/entrypoint\.js"\]$/m);
      // What the image removes from dist/ is required by none of the modules its commands load.
      const removed = [...dockerfile.matchAll(/rm -rf ((?:dist\/\S+\s*)+)/g)].flatMap((match) =>
        match[1]!.trim().split(/\s+/),
      );
      expect(removed).toContain('dist/test');
      const loaded = new Set<string>();
      const load = (file: string) => {
        if (loaded.has(file)) return;
        loaded.add(file);
        for (const [, target] of readFileSync(file, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
          const resolved = join(dirname(file), target!);
          load(existsSync(`${resolved}.js`) ? `${resolved}.js` : join(resolved, 'index.js'));
        }
      };
      for (const relative of Object.values(IMAGE_COMMANDS)) load(join(projectRoot(), 'dist', relative));
      const distRoot = join(projectRoot(), 'dist');
      expect(
        [...loaded].filter((file) => removed.some((path) => file.startsWith(join(projectRoot(), path)))),
      ).toEqual([]);
      expect(loaded.size).toBeGreaterThan(100);
      expect([...loaded].every((file) => file.startsWith(distRoot))).toBe(true);
      const unknown = spawnSync(
        process.execPath,
        [join(projectRoot(), 'dist/deploy/image/entrypoint.js'), 'nope'],
        {
          encoding: 'utf8',
        },
      );
      expect(unknown.status).toBe(64);
      expect(unknown.stderr).toContain(
        'usage: <api|worker|relay|targets|setup|verify-chains|targets-rebuild>',
      );
    });
  });
});
