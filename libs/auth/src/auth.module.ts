import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';

import { Clock, HttpLimitsConfig } from '@app/config';

import { AccessService } from './access.service';
import { AuthGuard } from './auth.guard';
import { AddressRateLimitGuard, CallerRateLimitGuard, rateLimitOptions } from './rate-limit';
import { TokenVerifier } from './token-verifier';

/**
 * Bearer-token authentication on every route (needs AuthConfig and PersistenceModule), between two rate
 * limits: per client address before the token is verified, per caller after. Global guards run in the order
 * they are listed here. The counters live in process: each instance limits on its own.
 */
@Global()
@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [HttpLimitsConfig], useFactory: rateLimitOptions })],
  providers: [
    TokenVerifier,
    AccessService,
    Clock,
    { provide: APP_GUARD, useClass: AddressRateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: CallerRateLimitGuard },
  ],
  exports: [AccessService, TokenVerifier],
})
export class AuthModule {}
