import { Injectable } from '@nestjs/common';

import {
  type CadreCaseView,
  type RecordCadreActionCommand,
  type RecordCadreDeadlineCommand,
  type RecordCadreNominationCommand,
} from '@app/contracts';
import { CadreCasesRepository, PersonsRepository } from '@app/persistence';
import { type CadreRecruitmentActivities } from '@app/workflows/cadre-recruitment/activities';

import { bindActivities, withPersonReference } from './case-activities';

@Injectable()
export class CadreRecruitmentActivitiesService implements CadreRecruitmentActivities {
  constructor(
    private readonly cadreCases: CadreCasesRepository,
    private readonly persons: PersonsRepository,
  ) {}

  async recordCadreNomination(command: RecordCadreNominationCommand): Promise<CadreCaseView> {
    return this.cadreCases.recordNomination(await withPersonReference(this.persons, command));
  }

  recordCadreAction(command: RecordCadreActionCommand): Promise<CadreCaseView> {
    return this.cadreCases.recordAction(command);
  }

  recordCadreDeadline(command: RecordCadreDeadlineCommand): Promise<void> {
    return this.cadreCases.recordDeadline(command);
  }
}

/** The plain object the worker registers: methods bound to the Nest service, their failures classified. */
export const createCadreRecruitmentActivities = (
  service: CadreRecruitmentActivitiesService,
): CadreRecruitmentActivities =>
  bindActivities(service, ['recordCadreNomination', 'recordCadreAction', 'recordCadreDeadline']);
