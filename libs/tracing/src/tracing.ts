import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/** The running tracer of this process: what the Temporal worker's workflow span sink exports through. */
export interface Tracing {
  readonly resource: Resource;
  readonly processor: SpanProcessor;
  /** Exports what is buffered and stops (the process is about to exit). */
  shutdown(): Promise<void>;
}

let tracing: Tracing | undefined;

/**
 * Whether traces are exported: when an OTLP endpoint is configured (the standard variables
 * OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) and OpenTelemetry is not turned off
 * (OTEL_SDK_DISABLED=true). Off by default: nothing is traced without an endpoint.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED !== 'true';
}

/**
 * Starts OpenTelemetry tracing for the app when it is configured: OTLP over HTTP (the exporter reads the
 * standard OTEL_EXPORTER_OTLP_* variables), W3C trace context, spans for incoming and outgoing HTTP and for
 * every PostgreSQL query. Must run before `pg` is first required: each app's main.ts imports its `tracing.ts`
 * first. The Temporal client and worker add their interceptors when `activeTracing()` answers.
 */
export function startTracing(app: string): Tracing | undefined {
  if (tracing || !tracingConfigured()) return tracing;
  const resource = new Resource({
    [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME || `xianfeng-${app}`,
    [ATTR_SERVICE_VERSION]: process.env.npm_package_version ?? '0.1.0',
  });
  const processor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not traced: they would drown the traces of real work.
        ignoreIncomingRequestHook: (request) =>
          Boolean(request.url?.startsWith('/health') || request.url?.startsWith('/metrics')),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  tracing = { resource, processor, shutdown: () => provider.shutdown() };
  // Whatever is still buffered goes out before the process ends (after Nest's shutdown hooks ran).
  process.once('beforeExit', () => void tracing?.shutdown());
  return tracing;
}

/** The tracer started by `startTracing`, when tracing is on. */
export function activeTracing(): Tracing | undefined {
  return tracing;
}
