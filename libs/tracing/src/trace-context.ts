import {
  type Context,
  type Span,
  SpanKind,
  SpanStatusCode,
  ROOT_CONTEXT,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';

/**
 * The CloudEvents distributed-tracing extension (`traceparent`, `tracestate`: W3C trace context) of the active
 * span, to put on an event recorded now; empty when nothing is traced.
 */
export function traceContextAttributes(): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The trace context an event carries (its `traceparent` and `tracestate` attributes), or none. */
export function eventTraceContext(event: unknown): Context {
  if (!event || typeof event !== 'object') return ROOT_CONTEXT;
  const { traceparent, tracestate } = event as { traceparent?: unknown; tracestate?: unknown };
  if (typeof traceparent !== 'string') return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, {
    traceparent,
    ...(typeof tracestate === 'string' ? { tracestate } : {}),
  });
}

/**
 * A span continuing the trace of the event it handles (the action that raised it): the relay publishing it
 * (PRODUCER), a consumer applying it (CONSUMER); the caller ends it.
 */
export function startEventSpan(
  name: string,
  event: unknown,
  attributes: Record<string, string | number> = {},
  kind: SpanKind.PRODUCER | SpanKind.CONSUMER = SpanKind.CONSUMER,
): Span {
  return trace.getTracer('xianfeng').startSpan(name, { kind, attributes }, eventTraceContext(event));
}

/** Ends the spans of a batch handled together, failed when the batch failed. */
export async function withEventSpans<T>(spans: readonly Span[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

/** The active span's trace and span id, for log lines (empty when nothing is traced). */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const span = trace.getSpan(context.active());
  const spanContext = span?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
