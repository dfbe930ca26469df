import { type PersonSummary } from '@app/contracts';
import { parseNationalId } from '@app/domain';
import { type PersonsRepository, maskNationalId } from '@app/persistence';

/** A person as a creation dry run shows them: their id once registered (else null), masked as recording masks. */
export type PersonPreview = Omit<PersonSummary, 'id'> & { readonly id: string | null };

/**
 * What a dry run of opening a case answers: the case as recording would open it, without what only recording
 * gives (its id and workflow), and the person as known so far.
 */
export type CreationPreview<View extends { readonly id: string; readonly workflowId: string }> = Omit<
  View,
  'id' | 'workflowId' | 'person'
> & { readonly id: null; readonly workflowId: null; readonly person: PersonPreview };

/** The person a request names (its ID number already checked by the rules), looked up by the keyed hash. */
export async function previewPerson(
  persons: PersonsRepository,
  person: { readonly name: string; readonly nationalId: string },
): Promise<PersonPreview> {
  const parsed = parseNationalId(person.nationalId);
  if (!parsed.ok) throw new Error('national ID number not checked before the preview');
  const { value, birthDate } = parsed.id;
  return {
    id: (await persons.findIdByNationalId(value)) ?? null,
    name: person.name,
    nationalIdMasked: maskNationalId(value),
    birthDate,
  };
}
