import { timingSafeEqual } from 'node:crypto';

import {
  Controller,
  Get,
  Global,
  Header,
  Injectable,
  Module,
  type NestMiddleware,
  type MiddlewareConsumer,
  type NestModule,
  UnauthorizedException,
  Req,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type NextFunction, type Request, type Response } from 'express';
import {
  Counter,
  Gauge,
  Histogram,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

import { Public } from '../public';
import { MetricsConfig } from '../sections';

/**
 * `read` at most once every `maxAgeMs`, its answer shared meanwhile: gauges that show parts of one store query
 * read it once per scrape, and frequent scrapes do not load the store. A failed read is tried again next time.
 */
export function readAtMostEvery<T>(maxAgeMs: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > maxAgeMs) {
      const value = read();
      last = { at: Date.now(), value };
      value.catch(() => (last = undefined));
    }
    return last.value;
  };
}

/** Seconds: from a fast read of the store (5 ms) to a slow workflow update (10 s). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The app's Prometheus registry: the Node process's own series, HTTP requests per route, and what each app
 * declares (outbox backlog, consumer lag, cases per stage, ...). One registry per app, never the global one,
 * because tests boot several apps in one process.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly sources: (() => Promise<string>)[] = [];
  /**
   * Each request's duration by method, route template (never the path with its ids: that would be a series per
   * case) and status code. Requests no route took (the console's files, unknown paths) count under `(none)`.
   */
  readonly httpRequests;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = this.histogram({
      name: 'http_server_request_duration_seconds',
      help: 'HTTP requests served, by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
    });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return new Counter({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return new Histogram({ buckets: DURATION_BUCKETS, ...config, registers: [this.registry] });
  }

  /** Series exposed by another exporter in this process (the Temporal SDK's), appended to this app's. */
  addSource(source: () => Promise<string>): void {
    this.sources.push(source);
  }

  async exposition(): Promise<string> {
    const own = await this.registry.metrics();
    const others = await Promise.all(this.sources.map((source) => source().catch(() => '')));
    return [own, ...others].filter((text) => text !== '').join('\n');
  }
}

/** Times every request into Metrics.httpRequests. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      this.metrics.httpRequests.observe(
        {
          method: request.method,
          route: route ? `${request.baseUrl}${route}` : '(none)',
          status_code: String(response.statusCode),
        },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  }
}

function sameToken(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics in Prometheus's text format. Open when METRICS_TOKEN is unset (local profiles); otherwise the
 * scraper sends it as a bearer token, since the API's port is also the public one.
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: MetricsConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Req() request: Request): Promise<string> {
    const expected = this.config.METRICS_TOKEN;
    if (expected) {
      const offered = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!sameToken(offered, expected)) throw new UnauthorizedException('metrics token missing or wrong');
    }
    return this.metrics.exposition();
  }
}

/** Every app imports this once: the registry for its services, /metrics, and the HTTP series. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, HttpMetricsMiddleware],
  exports: [Metrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
