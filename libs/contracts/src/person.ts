/** Who a case or reserve entry is about, as the workflow hands them to the activity that records the person. */
export interface PersonIdentity {
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: string;
  readonly gender: 'MALE' | 'FEMALE';
}

/** A person as case and entry views show them: the national ID number masked. */
export interface PersonSummary {
  readonly id: string;
  readonly name: string;
  readonly nationalIdMasked: string;
  readonly birthDate: string;
}
