/** Who a case or reserve entry is about, as the API receives them (and as histories recorded before 2026-11 carry them). */
export interface PersonIdentity {
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: string;
  readonly gender: 'MALE' | 'FEMALE';
}

/**
 * Who a case or reserve entry is about, as workflow inputs carry them: the person row the API ensured before
 * starting the workflow, and the birth date the age rules need. No name, no ID number in workflow histories.
 */
export interface PersonReference {
  readonly personId: string;
  readonly birthDate: string;
}

/** A workflow's person: a reference, or the identity itself in histories recorded before references. */
export type WorkflowPerson = PersonReference | PersonIdentity;

export function isPersonReference(person: WorkflowPerson): person is PersonReference {
  return 'personId' in person && typeof person.personId === 'string';
}

/** A person as case and entry views show them: the national ID number masked (maskNationalId). */
export interface PersonSummary {
  readonly id: string;
  readonly name: string;
  readonly nationalIdMasked: string;
  readonly birthDate: string;
}
