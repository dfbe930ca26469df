import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { MemberCaseActionsController } from './actions/member-case-actions.controller';
import { MemberCaseActionsService } from './actions/member-case-actions.service';
import { MemberCaseBulkController } from './actions/member-case-bulk.controller';
import { MemberCaseBulkService } from './actions/member-case-bulk.service';
import { MemberCasesController } from './member-cases.controller';
import { MemberCasesService } from './member-cases.service';

@Module({
  controllers: [MemberCaseBulkController, MemberCasesController, MemberCaseActionsController],
  providers: [MemberCasesService, MemberCaseActionsService, MemberCaseBulkService, Clock],
})
export class MemberCasesModule {}
