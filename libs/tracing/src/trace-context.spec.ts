import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

import { eventTraceContext, startEventSpan, traceContextAttributes, traceLogFields } from './trace-context';

describe('trace context on events and log lines', () => {
  it('adds nothing when nothing is traced', () => {
    expect(traceContextAttributes()).toEqual({});
    expect(traceLogFields()).toEqual({});
    expect(trace.getSpanContext(eventTraceContext({ id: 'e1' }))).toBeUndefined();
    expect(trace.getSpanContext(eventTraceContext({ traceparent: 42 }))).toBeUndefined();
  });

  describe('with a tracer', () => {
    const exporter = new InMemorySpanExporter();
    // As startTracing registers it: AsyncLocalStorage context and the W3C propagator.
    beforeAll(() =>
      new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register(),
    );
    afterAll(() => {
      trace.disable();
      propagation.disable();
      context.disable();
    });

    it('puts the active span on an event, and the consumer’s span continues it', () => {
      const recording = trace.getTracer('test').startSpan('RunActivity:recordApplication');
      const event = context.with(trace.setSpan(context.active(), recording), () => ({
        id: 'e1',
        ...traceContextAttributes(),
        log: traceLogFields(),
      }));
      recording.end();
      const { traceId, spanId } = recording.spanContext();
      expect(event.traceparent).toBe(`00-${traceId}-${spanId}-01`);
      expect(event.log).toEqual({ traceId, spanId });

      const applied = startEventSpan('apply cn.xianfeng.member.application-received.v1', event, {
        'cloudevents.event_id': 'e1',
      });
      applied.end();
      const [, consumer] = exporter.getFinishedSpans();
      expect(consumer!.spanContext().traceId).toBe(traceId);
      expect(consumer!.parentSpanId).toBe(spanId);
      expect(consumer!.attributes).toEqual({ 'cloudevents.event_id': 'e1' });
    });
  });
});
