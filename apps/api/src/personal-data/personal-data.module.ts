import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { NationalIdMaskInterceptor } from './national-id-mask.interceptor';

/** The one mask of national ID numbers on every response of the API. */
@Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: NationalIdMaskInterceptor }] })
export class PersonalDataModule {}
