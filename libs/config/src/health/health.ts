import {
  Controller,
  type DynamicModule,
  Get,
  HttpCode,
  Inject,
  Module,
  Res,
  type Type,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  type SchemaObject,
} from '@nestjs/swagger';
import { type Response } from 'express';

import { Public } from '../public';

const READINESS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'per dependency: up, or down with the reason',
    },
  },
};

/** A dependency the app needs in order to do its work; `check` rejects when it is not usable. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');
const CHECK_TIMEOUT_MS = 3000;

async function withTimeout(check: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: readonly HealthIndicator[]) {}

  /** Liveness: the process answers. Restart it only when this fails. */
  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers' })
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The process answers',
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
    },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers; 503 with the failing ones otherwise. */
  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: every dependency answers' })
  @ApiOkResponse({ description: 'Every dependency answers', schema: READINESS_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer', schema: READINESS_SCHEMA })
  async ready(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: string; checks: Record<string, string> }> {
    const results = await Promise.allSettled(
      this.indicators.map((indicator) => withTimeout(indicator.check())),
    );
    const checks: Record<string, string> = {};
    results.forEach((result, i) => {
      checks[this.indicators[i]!.name] =
        result.status === 'fulfilled'
          ? 'up'
          : `down: ${String((result.reason as Error)?.message ?? result.reason)}`;
    });
    const healthy = results.every((result) => result.status === 'fulfilled');
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'unavailable', checks };
  }
}

@Module({})
export class HealthModule {
  /** `indicators` must be exported by a global module or by one of `imports`. */
  static forRoot(
    indicators: readonly Type<HealthIndicator>[],
    imports: readonly Type<unknown>[] = [],
  ): DynamicModule {
    return {
      module: HealthModule,
      imports: [...imports],
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_INDICATORS,
          useFactory: (...all: HealthIndicator[]) => all,
          inject: [...indicators],
        },
      ],
    };
  }
}
