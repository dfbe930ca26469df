import { Injectable } from '@nestjs/common';

import {
  type MemberCaseView,
  type RecordApplicationCommand,
  type RecordDeadlineSignalCommand,
  type RecordImportedMemberCaseCommand,
  type RecordMemberActionCommand,
} from '@app/contracts';
import { MemberCasesRepository, PersonsRepository, type ResolvedApplication } from '@app/persistence';
import { type MemberDevelopmentActivities } from '@app/workflows/member-development/activities';

import { bindActivities } from './case-activities';

@Injectable()
export class MemberDevelopmentActivitiesService implements MemberDevelopmentActivities {
  constructor(
    private readonly memberCases: MemberCasesRepository,
    private readonly persons: PersonsRepository,
  ) {}

  async recordApplication(command: RecordApplicationCommand): Promise<MemberCaseView> {
    return this.memberCases.recordApplication(await this.withPersonId(command));
  }

  /** Histories recorded before person references carry the applicant's identity: registered here, as then. */
  private async withPersonId(command: RecordApplicationCommand): Promise<ResolvedApplication> {
    if ('personId' in command) return command;
    const { name, nationalId, birthDate, gender, ...fields } = command;
    const { personId } = await this.persons.ensure({ name, nationalId, birthDate, gender });
    return { ...fields, personId };
  }

  recordMemberAction(command: RecordMemberActionCommand): Promise<MemberCaseView> {
    return this.memberCases.recordAction(command);
  }

  recordImportedCase({ application, history }: RecordImportedMemberCaseCommand): Promise<MemberCaseView> {
    return this.memberCases.recordImportedCase(application, history);
  }

  recordDeadlineSignal(command: RecordDeadlineSignalCommand): Promise<void> {
    return this.memberCases.recordDeadlineSignal(command);
  }
}

/** The plain object the worker registers: methods bound to the Nest service, their failures classified. */
export const createMemberDevelopmentActivities = (
  service: MemberDevelopmentActivitiesService,
): MemberDevelopmentActivities =>
  bindActivities(service, [
    'recordApplication',
    'recordMemberAction',
    'recordImportedCase',
    'recordDeadlineSignal',
  ]);
