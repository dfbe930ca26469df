import { Global, Module } from '@nestjs/common';

import { IdempotencyService } from './idempotency.service';

/** The Idempotency-Key mechanism, for every feature module of the API. */
@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
