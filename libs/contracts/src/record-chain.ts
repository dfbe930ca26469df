/**
 * How a record of a hash chain (全程纪实, 一人一档) fails verification:
 * - CONTENT_CHANGED: the stored hash no longer matches the record's content (edited, hash left as it was);
 * - HASH_REWRITTEN: the record's content and hash agree, but the next record was linked to another hash
 *   (content and hash rewritten together);
 * - LINK_BROKEN: the record's prevHash is not the hash of the record before it (or its own prevHash was edited);
 * - RECORD_MISSING: a seq is absent (deleted), or a subject has no records at all;
 * - DUPLICATE_SEQ: a second record with the same seq;
 * - OUT_OF_ORDER: recorded before the record preceding it in the chain (inserted later, back-dated).
 */
export const CHAIN_BREAK_KINDS = [
  'CONTENT_CHANGED',
  'HASH_REWRITTEN',
  'LINK_BROKEN',
  'RECORD_MISSING',
  'DUPLICATE_SEQ',
  'OUT_OF_ORDER',
] as const;
export type ChainBreakKind = (typeof CHAIN_BREAK_KINDS)[number];

/** One break of a chain: where (seq; the record's id, null when the record is missing) and how. */
export interface ChainBreak {
  readonly seq: number;
  readonly recordId: string | null;
  readonly kind: ChainBreakKind;
  readonly detail: string;
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly breaks: readonly ChainBreak[];
}

/** A record endpoint's answer: the records in order, each with its own verification state, and the chain's. */
export interface VerifiedRecords<R> {
  readonly records: readonly (R & { readonly verified: boolean })[];
  /** Same as chain.valid (kept for existing clients). */
  readonly chainValid: boolean;
  readonly chain: ChainVerification;
}
