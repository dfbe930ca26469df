import { withCheckCharacter } from '@app/domain';

import { type DemoClient, DemoRequestError, isRecord, text } from './client';

/** One recorded step: who sends it, to which action path of the case, with which body. */
export interface DemoStep {
  readonly as: string;
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export type CaseKind = 'member' | 'cadre' | 'reserve';

/** A demo case: how it is opened and the steps that carry it to the stage it shows. */
export interface CaseJob {
  readonly kind: CaseKind;
  /** Stable name: its Idempotency-Keys derive from it, so a second run finds the same case. */
  readonly code: string;
  readonly name: string;
  /** The stage (or outcome) the case is meant to show, for the summary. */
  readonly label: string;
  /** Rule set or programme, for the summary. */
  readonly group: string;
  /** Who opens the case and with which body (POST to the kind's collection). */
  readonly open: { readonly as: string; readonly body: Readonly<Record<string, unknown>> };
  readonly steps: readonly DemoStep[];
}

export interface CaseResult {
  readonly job: CaseJob;
  readonly id: string;
  /** Steps recorded by this run (none when an earlier run recorded them all). */
  readonly recorded: number;
}

const COLLECTIONS: Record<CaseKind, { readonly path: string; readonly records: string }> = {
  member: { path: '/v1/member-cases', records: 'timeline' },
  cadre: { path: '/v1/cadre-cases', records: 'records' },
  reserve: { path: '/v1/reserve-pool/entries', records: 'records' },
};

/** Codes answering "this case has ended" when it is opened again with its key: there is nothing left to do. */
const CLOSED_CODES = new Set(['MEMBER_CASE_CLOSED', 'CADRE_CASE_CLOSED', 'RESERVE_ENTRY_CLOSED']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * Opens the case with its stable Idempotency-Key (the same request again answers with the same case, or says
 * it has ended), then records the steps its dossier does not hold yet, each under its own stable key. A case
 * recorded in full by an earlier run costs two requests and records nothing.
 */
export async function runCase(client: DemoClient, job: CaseJob): Promise<CaseResult> {
  const collection = COLLECTIONS[job.kind];
  const key = client.key(job.kind, job.code);
  const opened = await client.send({
    as: job.open.as,
    method: 'POST',
    path: collection.path,
    body: job.open.body,
    idempotencyKey: key,
    accept: [201, 409],
  });
  const body = isRecord(opened.body) ? opened.body : {};
  if (opened.status === 409) {
    const id = body.caseId ?? body.entryId ?? UUID.exec(text(body.detail))?.[0];
    if (!CLOSED_CODES.has(text(body.code)) || typeof id !== 'string') {
      throw new DemoRequestError(`POST ${collection.path} as ${job.open.as}`, 409, opened.body);
    }
    return { job, id, recorded: 0 };
  }
  const id = text(body.id);
  const records = await client.send({
    as: job.open.as,
    method: 'GET',
    path: `${collection.path}/${id}/${collection.records}`,
  });
  const held =
    isRecord(records.body) && Array.isArray(records.body.records) ? records.body.records.length : 0;
  // The first record is the opening itself; each step adds one.
  const done = Math.max(held - 1, 0);
  for (const [index, step] of job.steps.entries()) {
    if (index < done) continue;
    await client.send({
      as: step.as,
      method: 'POST',
      path: `${collection.path}/${id}/${step.path}`,
      body: step.body,
      idempotencyKey: client.key(job.kind, job.code, index + 1, step.path),
      accept: [200],
    });
  }
  return { job, id, recorded: Math.max(job.steps.length - done, 0) };
}

export interface DemoPerson {
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: string;
}

/**
 * A demo person with a valid GB 11643 number (region 320602 like the seeded county, the check character
 * computed): sequence `series + 2 × index`, plus one for a man (the sequence's last digit is odd for men).
 */
export function demoPerson(
  series: number,
  index: number,
  name: string,
  birthDate: string,
  gender: 'M' | 'F',
): DemoPerson {
  const seq = series + 2 * index + (gender === 'M' ? 1 : 0);
  if (seq > 999) throw new Error(`demo person ${name}: sequence ${seq} has more than three digits`);
  const nationalId = withCheckCharacter(
    `320602${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`,
  );
  return { name, nationalId, birthDate };
}
