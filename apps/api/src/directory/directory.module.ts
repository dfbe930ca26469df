import { Module } from '@nestjs/common';

import { Clock } from '@app/config';

import { DirectoryController } from './directory.controller';
import { MeService } from './me.service';
import { OrgTreeService } from './org-tree.service';
import { PartyMembersService } from './party-members.service';

/** Who and where (issue 13): the caller in context, the org tree in scope, the members of a unit. */
@Module({
  controllers: [DirectoryController],
  providers: [MeService, OrgTreeService, PartyMembersService, Clock],
})
export class DirectoryModule {}
