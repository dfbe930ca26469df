import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { MemberCaseActionsController } from './actions/member-case-actions.controller';
import { MemberCaseActionsService } from './actions/member-case-actions.service';
import { MemberCaseImportController } from './imports/member-case-import.controller';
import { MemberCaseImportService } from './imports/member-case-import.service';
import { MemberCasesController } from './member-cases.controller';
import { MemberCasesService } from './member-cases.service';

@Module({
  // The import's literal path is registered before the case routes (`:id`).
  controllers: [MemberCaseImportController, MemberCasesController, MemberCaseActionsController],
  providers: [MemberCasesService, MemberCaseActionsService, MemberCaseImportService, Clock],
  exports: [MemberCaseActionsService],
})
export class MemberCasesModule {}
