import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { Clock } from '@app/config';

import { AccessService } from './access.service';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

/** Bearer-token authentication on every route (needs AuthConfig and PersistenceModule). */
@Global()
@Module({
  providers: [TokenVerifier, AccessService, Clock, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessService, TokenVerifier],
})
export class AuthModule {}
