import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { DelegationsController } from './delegations.controller';
import { DelegationsService } from './delegations.service';

@Module({ controllers: [DelegationsController], providers: [DelegationsService, Clock] })
export class DelegationsModule {}
