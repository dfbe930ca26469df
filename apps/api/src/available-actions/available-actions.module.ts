import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { CadreCasesModule } from '../cadre-cases/cadre-cases.controller';
import { MemberCasesModule } from '../member-cases/member-cases.module';
import { ReservePoolModule } from '../reserve-pool/reserve-pool.controller';
import { AvailableActionsController } from './available-actions.controller';
import { AvailableActionsService } from './available-actions.service';
import { CadreCaseActionsKind } from './cadre-case-actions.kind';
import { MemberCaseActionsKind } from './member-case-actions.kind';
import { OpenApiDocumentHolder } from './openapi-document';
import { ReserveEntryActionsKind } from './reserve-entry-actions.kind';

/** The available actions of every case kind, and the OpenAPI document their body schemas come from. */
@Module({
  imports: [MemberCasesModule, CadreCasesModule, ReservePoolModule],
  controllers: [AvailableActionsController],
  providers: [
    AvailableActionsService,
    OpenApiDocumentHolder,
    Clock,
    MemberCaseActionsKind,
    CadreCaseActionsKind,
    ReserveEntryActionsKind,
  ],
  exports: [OpenApiDocumentHolder],
})
export class AvailableActionsModule {}
