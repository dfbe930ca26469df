import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
} from '@nestjs/throttler';

import { type HttpLimitsConfig, ProblemError } from '@app/config';

import { type AuthenticatedRequest } from './principal';

const BY_ADDRESS = 'address';
const BY_CALLER = 'caller';

/** The two limits of HttpLimitsConfig as throttlers; a limit of 0 is off. */
export function rateLimitOptions(config: HttpLimitsConfig): ThrottlerModuleOptions {
  const ttl = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  return {
    throttlers: [
      {
        name: BY_ADDRESS,
        ttl,
        limit: config.RATE_LIMIT_PER_ADDRESS,
        skipIf: () => config.RATE_LIMIT_PER_ADDRESS === 0,
      },
      {
        name: BY_CALLER,
        ttl,
        limit: config.RATE_LIMIT_PER_CALLER,
        skipIf: () => config.RATE_LIMIT_PER_CALLER === 0,
      },
    ],
  };
}

/** Counts one of the two throttlers; refusals are 429 problems with a standard Retry-After header. */
abstract class OneThrottlerGuard extends ThrottlerGuard {
  protected abstract readonly throttlerName: string;
  protected abstract trackerOf(request: AuthenticatedRequest): string | undefined;

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    if (props.throttler.name !== this.throttlerName) return Promise.resolve(true);
    const tracker = this.trackerOf(props.context.switchToHttp().getRequest<AuthenticatedRequest>());
    if (tracker === undefined) return Promise.resolve(true);
    return super.handleRequest({ ...props, getTracker: () => tracker });
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    context
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string): void }>()
      .setHeader('Retry-After', String(detail.timeToBlockExpire));
    throw new ProblemError(
      429,
      'RATE_LIMITED',
      '请求过于频繁',
      `more than ${detail.limit} requests in ${detail.ttl / 1000} s ${this.throttlerName === BY_CALLER ? 'by this caller' : 'from this address'}; retry after ${detail.timeToBlockExpire} s`,
      { retryAfter: detail.timeToBlockExpire },
    );
  }
}

/** Before authentication: every request from one client address (forged or missing tokens included). */
@Injectable()
export class AddressRateLimitGuard extends OneThrottlerGuard {
  protected readonly throttlerName = BY_ADDRESS;
  protected trackerOf(request: AuthenticatedRequest): string {
    return request.ip ?? request.socket.remoteAddress ?? 'unknown';
  }
}

/** After authentication: every request of one caller (token subject), from wherever it comes. */
@Injectable()
export class CallerRateLimitGuard extends OneThrottlerGuard {
  protected readonly throttlerName = BY_CALLER;
  protected trackerOf(request: AuthenticatedRequest): string | undefined {
    return request.principal?.subject;
  }
}
