import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { BacklogController } from './backlog.controller';
import { BacklogService } from './backlog.service';

@Module({ controllers: [BacklogController], providers: [BacklogService, Clock] })
export class BacklogModule {}
