import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import {
  type ActivityInterceptorsFactory,
  DefaultLogger,
  type LogEntry,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';

import { type HealthIndicator, Metrics, PiiConfig, TemporalConfig } from '@app/config';
import { activeTracing } from '@app/tracing';

import { temporalDataConverter } from './encryption-codec';
import { ensureCaseSearchAttributes } from './search-attributes';
import { workflowBundleOptions } from './workflow-bundle';

/** The activities object registered with the worker (built from Nest services by the worker app). */
export const TEMPORAL_ACTIVITIES = Symbol('TEMPORAL_ACTIVITIES');
/** Activity interceptors of the worker app (its one classification of activity failures), optional. */
export const TEMPORAL_ACTIVITY_INTERCEPTORS = Symbol('TEMPORAL_ACTIVITY_INTERCEPTORS');

let runtimeInstalled = false;
/**
 * Nest's enableShutdownHooks owns SIGTERM/SIGINT, so the SDK must not install its own handlers;
 * the SDK's own logs (warnings and errors) go through the app's JSON logger; its metrics (task latencies,
 * pollers, slots, sticky cache) are served in Prometheus format at `metricsAddress` when one is given.
 */
function installRuntime(metricsAddress: string | undefined): void {
  if (runtimeInstalled) return;
  const logger = new Logger('temporal-sdk');
  const forward = ({ level, message, meta }: LogEntry): void => {
    const line = meta && Object.keys(meta).length > 0 ? `${message} ${JSON.stringify(meta)}` : message;
    if (level === 'ERROR') logger.error(line);
    else logger.warn(line);
  };
  try {
    Runtime.install({
      shutdownSignals: [],
      logger: new DefaultLogger('WARN', forward),
      ...(metricsAddress
        ? {
            telemetryOptions: {
              metrics: { prometheus: { bindAddress: metricsAddress, useSecondsForDurations: true } },
            },
          }
        : {}),
    });
  } catch {
    // Already installed by an earlier app in this process (tests boot several apps).
  }
  runtimeInstalled = true;
}

/**
 * The worker's interceptors: the app's own activity interceptors, and when tracing is on, OpenTelemetry's for
 * activities (a span continuing the workflow's) and workflows (spans sent out of the sandbox through a sink
 * and exported with the app's own processor).
 */
function tracedWorker(
  activity: ActivityInterceptorsFactory[],
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const tracing = activeTracing();
  if (!tracing) return { interceptors: { activity } };
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
        ...activity,
      ],
      workflowModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
  };
}

/** Runs a Temporal worker for the app's lifetime and drains it on shutdown. */
@Injectable()
export class TemporalWorkerService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, HealthIndicator
{
  readonly name = 'temporal-worker';
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;
  private failure?: Error;

  constructor(
    private readonly config: TemporalConfig,
    private readonly pii: PiiConfig,
    @Inject(TEMPORAL_ACTIVITIES) private readonly activities: object,
    @Optional()
    @Inject(TEMPORAL_ACTIVITY_INTERCEPTORS)
    private readonly activityInterceptors: ActivityInterceptorsFactory[] = [],
    metrics: Metrics,
  ) {
    const address = config.TEMPORAL_WORKER_METRICS_ADDRESS;
    if (address) {
      metrics.addSource(async () => {
        const response = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(2_000) });
        return response.ok ? response.text() : '';
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    installRuntime(this.config.TEMPORAL_WORKER_METRICS_ADDRESS);
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    const namespace = this.config.TEMPORAL_NAMESPACE;
    // The workflows upsert these; a missing one would fail their workflow tasks, so none is polled before.
    const added = await ensureCaseSearchAttributes(this.connection.operatorService, namespace);
    if (added.length > 0) this.logger.log(`registered search attributes ${added.join(', ')} on ${namespace}`);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: this.activities,
      // Payloads are decrypted for the workflows and activities and encrypted again before they reach the server.
      dataConverter: temporalDataConverter(this.pii),
      ...tracedWorker(this.activityInterceptors),
      bundlerOptions: { webpackConfigHook: workflowBundleOptions().webpackConfigHook },
      workflowsPath: workflowBundleOptions().workflowsPath,
      // On shutdown, running activities get this long to finish before they are cancelled (and retried elsewhere).
      shutdownGraceTime: '20 seconds',
    });
    this.running = this.worker.run().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error(`worker stopped: ${this.failure.message}`);
    });
    this.logger.log(`worker polling task queue ${this.config.TEMPORAL_TASK_QUEUE}`);
  }

  /** Stops polling, lets running activities finish, then closes the connection. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }

  check(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const state = this.worker?.getState();
    return state === 'RUNNING'
      ? Promise.resolve()
      : Promise.reject(new Error(`worker state ${state ?? 'not created'}`));
  }
}
