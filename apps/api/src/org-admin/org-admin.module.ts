import { Module } from '@nestjs/common';

import { Clock } from '@app/config';
import { OrgAdminRepository, OrgTransferRepository } from '@app/persistence';

import { OrgAdminController } from './org-admin.controller';
import { OrgAdminService } from './org-admin.service';
import { OrgTransferService } from './org-transfer.service';

/** Org-unit administration, and import/export of a county's tree and roster, by the org department (issue 13). */
@Module({
  controllers: [OrgAdminController],
  providers: [OrgAdminService, OrgTransferService, OrgAdminRepository, OrgTransferRepository, Clock],
})
export class OrgAdminModule {}
