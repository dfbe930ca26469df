import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface DossierHashInput {
  readonly caseId: string;
  readonly seq: number;
  readonly step: number;
  readonly action: string;
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly actorId: string | null;
  readonly actingBodyId: string | null;
  readonly data: unknown;
  readonly evidence: unknown;
  readonly prevHash: string | null;
}

/** SHA-256 over the record and its predecessor's hash: editing any record breaks every later link. */
export function dossierRecordHash(record: DossierHashInput): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}
