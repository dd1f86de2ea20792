import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import type { MasterKeyring } from '../crypto/master-keys.js';

/**
 * Reasons given for a restriction, an objection, a legal hold and their release are free text,
 * often about the candidate ("candidate contests the transcript of her call with …"). They are
 * kept only sealed under the session's data key, so erasure crypto-shreds them: in
 * `session_reasons` (one row per action, the history the export shows) and in the session row
 * while the restriction or hold lasts. The audit row names the reason's id and the sha256 of its
 * sealed form (binding it to the chain, revealing nothing), never the text.
 */
export interface SessionSealer {
  destroy(sessionId: string): Promise<unknown>;
  sealText(sessionId: string, text: string | null | undefined): Promise<string | null>;
  /** Null once the session's key was destroyed; values stored before sealing pass through. */
  openTextIfKept(sessionId: string, stored: string | null | undefined): Promise<string | null>;
  readonly keyring: MasterKeyring;
}

export type ReasonAction = 'restrict' | 'restriction_lifted' | 'legal_hold' | 'legal_hold_released';

export interface SealedReason {
  id: string;
  sealed: string;
  /** For the audit detail: `{ reasonId, reasonSealedSha256 }`. */
  audit: { reasonId: string; reasonSealedSha256: string };
}

export interface StoredReason {
  id: string;
  action: string;
  /** The text, or null once the session was erased (its data key destroyed). */
  reason: string | null;
  createdAt: string;
}

/** Seals before any transaction opens (PGlite has one connection; the key may be created). */
export async function sealReason(keys: SessionSealer, sessionId: string, reason: string): Promise<SealedReason> {
  const sealed = (await keys.sealText(sessionId, reason))!;
  const id = `rsn_${randomBytes(16).toString('hex')}`;
  return { id, sealed, audit: { reasonId: id, reasonSealedSha256: createHash('sha256').update(sealed).digest('hex') } };
}

export async function storeReason(tx: Queryable, sessionId: string, action: ReasonAction, reason: SealedReason): Promise<void> {
  await tx.query('insert into session_reasons (id, session_id, action, reason) values ($1, $2, $3, $4)', [reason.id, sessionId, action, reason.sealed]);
}

/** Every reason recorded for a session, oldest first, opened (null after erasure). */
export async function reasonsOf(q: Queryable, keys: SessionSealer, sessionId: string): Promise<StoredReason[]> {
  const { rows } = await q.query<{ id: string; action: string; reason: string; created_at: Date }>(
    'select id, action, reason, created_at from session_reasons where session_id = $1 order by created_at, id',
    [sessionId],
  );
  const out: StoredReason[] = [];
  for (const r of rows) out.push({ id: r.id, action: r.action, reason: await keys.openTextIfKept(sessionId, r.reason), createdAt: r.created_at.toISOString() });
  return out;
}

/**
 * Why a session was erased, as kept on its receipt (which outlives the data key): one of these
 * codes when the reason given is exactly a code, otherwise `other` and a keyed digest of the text.
 */
export const ERASURE_REASON_CODES = [
  'data_subject_request',
  'consent_withdrawn',
  'no_longer_needed',
  'objection',
  'unlawful_processing',
  'legal_obligation',
  'test_data',
  'other',
] as const;
export type ErasureReasonCode = (typeof ERASURE_REASON_CODES)[number];

export function erasureReason(text: string | null | undefined, keyring: MasterKeyring | undefined): { code: ErasureReasonCode | null; digest: string | null } {
  if (text === null || text === undefined) return { code: null, digest: null };
  if ((ERASURE_REASON_CODES as readonly string[]).includes(text)) return { code: text as ErasureReasonCode, digest: null };
  return { code: 'other', digest: keyring ? keyring.digest(text) : `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}` };
}
