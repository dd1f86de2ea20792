import { randomBytes } from 'node:crypto';
import type { Actor } from '../audit/audit-log.js';
import { CandidError } from '../errors.js';
import { Validator } from '../validation.js';
import type { RightsDeps } from './deps.js';
import { purgeSessionJobs } from './job-purge.js';
import { type ErasureReasonCode, erasureReason } from './reasons.js';
import { type ReceiptItem, purgeSessionMedia, purgeSessionRows, removeRenditions } from './purge.js';

export interface ErasureReceipt {
  id: string;
  sessionId: string;
  interviewId: string | null;
  kind: 'erasure' | 'retention';
  /** Data types removed: `media`, `evaluation`, `candidate`, `uploads`… */
  dataTypes: string[];
  actor: { type: string; id: string | null };
  /**
   * Why: for an erasure, a reason code (`data_subject_request`, `consent_withdrawn`, …, `other`),
   * never the free text given (the receipt outlives the session's data key); for retention, the
   * sweep's own words.
   */
  reason: ErasureReasonCode | string | null;
  /** Keyed digest (`hmac-sha256:<kid>:<hex>`) of a free-text reason, to check a text against it; else null. */
  reasonDigest: string | null;
  items: ReceiptItem[];
  /** What is kept on purpose, and why. */
  kept: string[];
  createdAt: string;
}

export interface ReceiptRow {
  id: string;
  session_id: string;
  interview_id: string | null;
  kind: 'erasure' | 'retention';
  data_types: string[];
  actor_type: string;
  actor_id: string | null;
  reason: string | null;
  reason_digest?: string | null;
  items: ReceiptItem[] | string;
  created_at: Date;
}

export const KEPT_AFTER_ERASURE = [
  'consent records and withdrawals (proof of what was shown and chosen; 4 years, compliance.md §2.2)',
  'this erasure receipt',
  'audit log rows (ids and actions, no content)',
  "the session row's ids, status and timestamps (no name, e-mail or accommodations)",
];

export function toReceipt(row: ReceiptRow): ErasureReceipt {
  return {
    id: row.id,
    sessionId: row.session_id,
    interviewId: row.interview_id,
    kind: row.kind,
    dataTypes: row.data_types,
    actor: { type: row.actor_type, id: row.actor_id },
    reason: row.reason,
    reasonDigest: row.reason_digest ?? null,
    items: typeof row.items === 'string' ? (JSON.parse(row.items) as ReceiptItem[]) : row.items,
    kept: row.kind === 'erasure' ? KEPT_AFTER_ERASURE : [],
    createdAt: row.created_at.toISOString(),
  };
}

export const newReceiptId = () => `rcp_${randomBytes(16).toString('hex')}`;

/**
 * Erasure on request (GDPR Art. 17, IL §15, CCPA): media in storage (uploads, unfinished multipart
 * parts, renditions), transcripts, scores, requests, reviews, queued jobs and webhook bodies go;
 * the consent record and an itemised receipt stay. The session is marked erased first, so its
 * tokens die before anything else happens; a legal hold refuses the erasure.
 */
export class Erasure {
  constructor(private readonly deps: RightsDeps) {}

  /**
   * Erases one session. Repeating it returns the first receipt. `reason` is a reason code
   * (`ERASURE_REASON_CODES`) or free text; free text is not kept, only its keyed digest (code `other`).
   */
  async eraseSession(sessionId: string, actor: Actor, reason: string | null = null): Promise<ErasureReceipt> {
    const { db, storage } = this.deps;
    const session = await this.deps.sessions.row(sessionId);
    const done = await db.query<ReceiptRow>(`select * from erasure_receipts where session_id = $1 and kind = 'erasure' order by created_at limit 1`, [session.id]);
    if (done.rows[0]) return toReceipt(done.rows[0]);
    if (session.legal_hold_reason) {
      // Never the hold's reason: it is free text about the candidate (and sealed).
      throw new CandidError('LEGAL_HOLD_ACTIVE', `This session is under a legal hold${session.legal_hold_at ? ` since ${session.legal_hold_at.toISOString()}` : ''}; release the hold first.`);
    }

    // Tokens die at once: every candidate request rechecks the status.
    await db.query(`update sessions set status = 'erased', erased_at = coalesce(erased_at, now()), updated_at = now() where id = $1`, [session.id]);

    // Computed while the master key is at hand; the text itself is never stored.
    const why = erasureReason(reason, this.deps.dataKeys?.keyring);

    const storageItems = await purgeSessionMedia(db, storage, session.id);
    const failed = storageItems.filter((i) => i.result === 'failed');
    if (failed.length > 0) {
      throw new CandidError('ERASURE_INCOMPLETE', `Storage refused ${failed.length} deletion(s) (${failed[0]!.error}); nothing else was deleted. Repeat the request.`);
    }

    // Crypto-shredding first: whatever copy of sealed fields lingers (dead tuples, WAL, backups) is
    // unreadable from here on. Outside the transaction: PGlite has one connection.
    let keyItem: ReceiptItem | null = null;
    if (this.deps.dataKeys) {
      await this.deps.dataKeys.destroy(session.id);
      keyItem = { system: 'keys', what: "the session's data key (sealed copies in database files, WAL and backups become unreadable)", result: 'deleted' };
    }

    const outcome = await db.transaction(async (tx) => {
      // Two erasures of one session at once: the second waits here, then returns the first's receipt.
      await tx.query('select id from sessions where id = $1 for update', [session.id]);
      const raced = await tx.query<ReceiptRow>(`select * from erasure_receipts where session_id = $1 and kind = 'erasure' limit 1`, [session.id]);
      if (raced.rows[0]) return { receipt: toReceipt(raced.rows[0]), first: false, answerIds: [] };
      // Lets the reviews trigger accept deletes in this transaction only.
      await tx.query(`select set_config('candid.erasing', 'on', true)`);
      // Locked, so a pipeline step still making a rendition or transcript cannot add a row for an
      // answer deleted below: its insert waits for this commit, then fails (the answer is gone).
      const answerIds = (await tx.query<{ id: string }>('select id from answers where session_id = $1 for update', [session.id])).rows.map((r) => r.id);
      const deliveryIds = (
        await tx.query<{ id: string }>('select d.id from webhook_deliveries d join webhook_events e on e.id = d.event_id where e.session_id = $1', [session.id])
      ).rows.map((r) => r.id);
      const items: ReceiptItem[] = [...storageItems, ...(await purgeSessionRows(tx, session.id))];
      const redacted = await tx.query(
        `update webhook_events set payload = jsonb_build_object('type', type, 'timestamp', to_jsonb(created_at), 'data', jsonb_build_object('sessionId', session_id, 'redacted', true))
         where session_id = $1 returning 1`,
        [session.id],
      );
      items.push({ system: 'webhooks', what: 'event bodies (replaced by the session id)', count: redacted.rows.length, result: redacted.rows.length ? 'deleted' : 'none' });
      const cancelled = await tx.query(
        `update webhook_deliveries set status = 'failed', last_error = 'Cancelled: the session was erased.', next_attempt_at = null
         where status = 'pending' and id = any($1::text[]) returning 1`,
        [deliveryIds],
      );
      items.push({ system: 'webhooks', what: 'queued deliveries cancelled', count: cancelled.rows.length, result: cancelled.rows.length ? 'deleted' : 'none' });
      const jobs = await purgeSessionJobs(tx, this.deps.jobsSchema, { sessionId: session.id, answerIds, deliveryIds });
      items.push({ system: 'jobs', what: 'job queue entries (queued, active and archived)', count: jobs, result: jobs ? 'deleted' : 'none' });
      await tx.query(
        `update sessions set candidate_name = null, candidate_email = null, accommodations = '{}', restriction_reason = null, updated_at = now() where id = $1`,
        [session.id],
      );
      items.push({ system: 'database', what: 'candidate name, e-mail and accommodations on the session', count: 1, result: 'deleted' });
      items.push({
        system: 'ai-provider',
        what: 'no state kept: stateless calls (no store, files or assistants); the provider keeps abuse logs up to 30 days',
        result: 'none',
      });
      if (keyItem) items.push(keyItem);
      const { rows } = await tx.query<ReceiptRow>(
        `insert into erasure_receipts (id, session_id, interview_id, kind, data_types, actor_type, actor_id, reason, reason_digest, items)
         values ($1, $2, $3, 'erasure', $4, $5, $6, $7, $8, $9) returning *`,
        [newReceiptId(), session.id, session.interview_id, ['media', 'uploads', 'evaluation', 'candidate', 'requests', 'reviews', 'jobs', 'webhook_bodies'], actor.type, actor.id, why.code, why.digest, JSON.stringify(items)],
      );
      await this.deps.audit.append(actor, { action: 'erase', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { receiptId: rows[0]!.id } }, tx);
      return { receipt: toReceipt(rows[0]!), first: true, answerIds };
    });
    if (!outcome.first) return outcome.receipt;
    const { receipt } = outcome;
    await this.#removeLateRenditions(session.id, outcome.answerIds);
    await this.deps.webhooks
      .emit('session.erased', { sessionId: session.id, candidateExternalId: session.candidate_external_id, receiptId: receipt.id }, { sessionId: session.id, dedupeKey: `session.erased:${session.id}` })
      .catch((error: unknown) => this.deps.logger.error({ err: error, sessionId: session.id }, 'session.erased webhook not recorded'));
    return receipt;
  }

  /**
   * A pipeline step that was storing a rendition while the media was purged may have stored it
   * after the purge (and its row was deleted with the answer): remove those objects once more.
   * Steps that store later find their answer gone and remove their own object (pipeline.ts).
   */
  async #removeLateRenditions(sessionId: string, answerIds: string[]): Promise<void> {
    for (const { answerId, kind, error } of await removeRenditions(this.deps.storage, answerIds)) {
      if (error !== undefined) this.deps.logger.warn({ err: error, sessionId, answerId, kind }, 'erasure: a rendition stored during the erasure could not be removed');
    }
  }

  /** Erases every session of one candidate (the ATS's external id), or of one interview. */
  async eraseMany(input: unknown, actor: Actor): Promise<ErasureReceipt[]> {
    const v = new Validator();
    const body = v.object(input, '', ['candidateExternalId', 'interviewId', 'reason']);
    const externalId = v.optionalString(body.candidateExternalId, 'candidateExternalId', { max: 200 });
    const interviewId = v.optionalString(body.interviewId, 'interviewId', { max: 64 });
    const reason = v.optionalString(body.reason, 'reason', { max: 2000 }) ?? null;
    if ((externalId === undefined) === (interviewId === undefined)) v.fail('', 'give exactly one of candidateExternalId and interviewId');
    v.done();
    const { rows } = await this.deps.db.query<{ id: string }>(
      externalId !== undefined ? 'select id from sessions where candidate_external_id = $1 order by seq' : 'select id from sessions where interview_id = $1 order by seq',
      [externalId ?? interviewId],
    );
    if (interviewId !== undefined && rows.length === 0) await this.deps.interviews.get(interviewId);
    const held = await this.deps.db.query<{ id: string }>('select id from sessions where id = any($1::text[]) and legal_hold_reason is not null', [rows.map((r) => r.id)]);
    if (held.rows.length > 0) {
      throw new CandidError('LEGAL_HOLD_ACTIVE', `Session(s) under a legal hold: ${held.rows.map((r) => r.id).join(', ')}. Nothing was erased.`);
    }
    const receipts: ErasureReceipt[] = [];
    for (const row of rows) receipts.push(await this.eraseSession(row.id, actor, reason));
    return receipts;
  }

  /** Whether `text` is the free-text reason a receipt's digest was made from (needs the master key it names). */
  reasonMatches(receipt: Pick<ErasureReceipt, 'reasonDigest'>, text: string): boolean {
    return !!receipt.reasonDigest && !!this.deps.dataKeys && this.deps.dataKeys.keyring.digestMatches(receipt.reasonDigest, text);
  }

  async receipts(sessionId: string): Promise<ErasureReceipt[]> {
    const session = await this.deps.sessions.row(sessionId);
    const { rows } = await this.deps.db.query<ReceiptRow>('select * from erasure_receipts where session_id = $1 order by created_at', [session.id]);
    return rows.map(toReceipt);
  }
}
