import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { MemberCaseActionsController } from './actions/member-case-actions.controller';
import { MemberCaseActionsService } from './actions/member-case-actions.service';
import { MemberCasesController } from './member-cases.controller';
import { MemberCasesService } from './member-cases.service';

@Module({
  controllers: [MemberCasesController, MemberCaseActionsController],
  providers: [MemberCasesService, MemberCaseActionsService, Clock],
  exports: [MemberCaseActionsService],
})
export class MemberCasesModule {}
