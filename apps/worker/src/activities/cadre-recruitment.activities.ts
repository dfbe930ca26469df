import { Injectable } from '@nestjs/common';

import {
  type CadreCaseView,
  type RecordCadreActionCommand,
  type RecordCadreDeadlineCommand,
  type RecordCadreNominationCommand,
} from '@app/contracts';
import { CadreCasesRepository, PersonsRepository } from '@app/persistence';
import { type CadreRecruitmentActivities } from '@app/workflows/cadre-recruitment/activities';

import { classifyFailures } from './activity-failures';

@Injectable()
export class CadreRecruitmentActivitiesService implements CadreRecruitmentActivities {
  constructor(
    private readonly cadreCases: CadreCasesRepository,
    private readonly persons: PersonsRepository,
  ) {}

  async recordCadreNomination(command: RecordCadreNominationCommand): Promise<CadreCaseView> {
    // Histories recorded before person references carry the identity: registered here, as then.
    const person = await this.persons.reference(command.person);
    return this.cadreCases.recordNomination({ ...command, person });
  }

  recordCadreAction(command: RecordCadreActionCommand): Promise<CadreCaseView> {
    return this.cadreCases.recordAction(command);
  }

  recordCadreDeadline(command: RecordCadreDeadlineCommand): Promise<void> {
    return this.cadreCases.recordDeadline(command);
  }
}

/** The plain object the worker registers: methods bound to the Nest service, their failures classified. */
export function createCadreRecruitmentActivities(
  service: CadreRecruitmentActivitiesService,
): CadreRecruitmentActivities {
  return classifyFailures({
    recordCadreNomination: service.recordCadreNomination.bind(service),
    recordCadreAction: service.recordCadreAction.bind(service),
    recordCadreDeadline: service.recordCadreDeadline.bind(service),
  });
}
