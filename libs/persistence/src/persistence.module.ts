import { Global, Module } from '@nestjs/common';

import { DatabaseHealthIndicator, PrismaService } from './prisma.service';
import { CadreCasesRepository } from './repositories/cadre-cases.repository';
import { ReservePoolRepository } from './repositories/reserve-pool.repository';
import { VillageCadresRepository } from './repositories/village-cadres.repository';
import { ApprovalTasksRepository } from './repositories/approval-tasks';
import { MemberCasesRepository } from './repositories/member-cases.repository';
import { OrgUnitsRepository } from './repositories/org-units.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { PartyMembershipsRepository } from './repositories/party-memberships.repository';
import { TargetActualsRepository } from './repositories/target-actuals.repository';
import { BacklogRepository } from './repositories/backlog.repository';
import { OperationalCountsRepository } from './repositories/operational-counts.repository';
import { DelegationsRepository } from './repositories/delegations.repository';
import { IdempotencyKeysRepository } from './repositories/idempotency-keys.repository';
import { TargetForecastRepository } from './repositories/target-forecast.repository';
import { TargetQuotasRepository } from './repositories/target-quotas.repository';

const providers = [
  PrismaService,
  DatabaseHealthIndicator,
  OrgUnitsRepository,
  MemberCasesRepository,
  ApprovalTasksRepository,
  OutboxRepository,
  PartyMembershipsRepository,
  TargetActualsRepository,
  TargetQuotasRepository,
  DelegationsRepository,
  IdempotencyKeysRepository,
  BacklogRepository,
  OperationalCountsRepository,
  TargetForecastRepository,
  CadreCasesRepository,
  ReservePoolRepository,
  VillageCadresRepository,
];

/** Needs DatabaseConfig from ConfigModule. */
@Global()
@Module({ providers, exports: providers })
export class PersistenceModule {}
