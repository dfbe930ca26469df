import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { MemberCasesController } from './member-cases.controller';
import { MemberCasesService } from './member-cases.service';

@Module({ controllers: [MemberCasesController], providers: [MemberCasesService, Clock] })
export class MemberCasesModule {}
