import type { AuditLog } from '../audit/audit-log.js';
import { systemActor } from '../audit/actors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { SessionKeyDestroyer } from '../rights/deps.js';
import { type ErasureReceipt, type ReceiptRow, newReceiptId, toReceipt } from '../rights/erasure.js';
import { purgeSessionJobs } from '../rights/job-purge.js';
import { type ReceiptItem, deleteRows, purgeEvaluation, purgeSessionMedia, purgeSessionRows } from '../rights/purge.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { WebhookEmitter } from '../webhooks/events.js';

export interface SweepResult {
  now: string;
  /** Sessions whose media (originals and renditions) expired. */
  media: string[];
  /** Sessions whose transcripts, scores and evaluation expired. */
  evaluations: string[];
  /** Upload leftovers removed (never committed to an answer). */
  uploads: string[];
  /**
   * Sessions whose proof period ended (consent records, withdrawals, receipts: 4 years): deleted
   * with everything left of them, the session row included. No receipt stays behind.
   */
  proof: string[];
  /** Audit rows older than the audit retention, pruned from the head of the chain. */
  auditRows: number;
  receipts: ErasureReceipt[];
}

export interface SweepSettings {
  /** AI/audit logs without content: 12 months by default, at least 6 (AI Act Art. 26(6)). */
  auditDays: number;
  /**
   * Proof (consent records, withdrawals, erasure receipts) after the session's last activity: 4
   * years by default (CO 3, CA FEHA 4). Never shorter than the interview's media or evaluation
   * retention, so the proof outlives what it proves.
   */
  proofDays: number;
}

/** Audit log 12 months; proof 4 years (CO 3, CA FEHA 4). */
export const DEFAULT_SWEEP_SETTINGS: SweepSettings = { auditDays: 365, proofDays: 1461 };

/**
 * The daily retention sweep (compliance.md §2.4): per data type, what is due under the interview's
 * retention (`mediaDays`, `evaluationDays` after the session's last activity; `incompleteUploadDays`
 * after an upload began) is deleted and a receipt is kept. When the proof period ends too, the
 * session goes entirely, receipts included. A legal hold keeps everything. `now` is a parameter so
 * the sweep can be run with a clock set forward.
 */
export class RetentionSweep {
  constructor(
    private readonly deps: {
      db: Database;
      storage: MediaStorage;
      audit: AuditLog;
      webhooks: WebhookEmitter;
      logger: Logger;
      dataKeys?: SessionKeyDestroyer | undefined;
      /** pg-boss's schema, to drop the jobs of a session whose proof expired. */
      jobsSchema?: string;
      settings: SweepSettings;
    },
  ) {}

  async sweep(options: { now?: Date } = {}): Promise<SweepResult> {
    const now = options.now ?? new Date();
    const result: SweepResult = { now: now.toISOString(), media: [], evaluations: [], uploads: [], proof: [], auditRows: 0, receipts: [] };
    const { db } = this.deps;
    // Last activity: the latest of creation, completion, withdrawal and any committed answer.
    const lastActivity = `greatest(s.created_at, s.completed_at, s.withdrawn_at, (select max(a.committed_at) from answers a where a.session_id = s.id))`;
    const days = (field: string, fallback: number) => `coalesce((i.retention->>'${field}')::int, ${fallback}) * interval '1 day'`;

    // First, so the rows this sweep appends are not pruned by a clock set far forward.
    // The oldest rows go as one prefix of the chain, with a checkpoint that anchors what is left.
    result.auditRows = await this.deps.audit.pruneThrough(new Date(now.getTime() - this.deps.settings.auditDays * 86_400_000));

    const mediaDue = await db.query<{ id: string; interview_id: string }>(
      `select s.id, s.interview_id from sessions s join interviews i on i.id = s.interview_id
       where s.status <> 'erased' and s.legal_hold_reason is null and s.media_expired_at is null
         and exists (select 1 from uploads u join answer_media m on m.upload_id = u.id where u.session_id = s.id)
         and ${lastActivity} + ${days('mediaDays', 365)} <= $1
       order by s.seq`,
      [now],
    );
    for (const session of mediaDue.rows) {
      const items = await purgeSessionMedia(db, this.deps.storage, session.id);
      if (items.some((i) => i.result === 'failed')) {
        this.deps.logger.error({ sessionId: session.id, items }, 'retention: storage refused a deletion; retried on the next sweep');
        continue;
      }
      const receipt = await this.#record(session, 'media', now, async (tx) => {
        const rows = [
          await deleteRows(tx, 'rendition records', 'delete from renditions where answer_id in (select id from answers where session_id = $1)', [session.id]),
          await deleteRows(tx, 'upload records never committed', 'delete from uploads u where u.session_id = $1 and not exists (select 1 from answer_media m where m.upload_id = u.id)', [session.id]),
        ];
        // Answer rows and their sizes and checksums stay: they are not content.
        await tx.query('update sessions set media_expired_at = $2 where id = $1', [session.id, now]);
        return [...items, ...rows];
      });
      result.media.push(session.id);
      result.receipts.push(receipt);
    }

    const evaluationDue = await db.query<{ id: string; interview_id: string }>(
      `select s.id, s.interview_id from sessions s join interviews i on i.id = s.interview_id
       where s.status <> 'erased' and s.legal_hold_reason is null and s.evaluation_expired_at is null
         and (exists (select 1 from evaluations e where e.session_id = s.id)
              or exists (select 1 from transcripts t join answers a on a.id = t.answer_id where a.session_id = s.id))
         and ${lastActivity} + ${days('evaluationDays', 730)} <= $1
       order by s.seq`,
      [now],
    );
    for (const session of evaluationDue.rows) {
      const receipt = await this.#record(session, 'evaluation', now, async (tx) => {
        const items = await purgeEvaluation(tx, session.id);
        await tx.query('update sessions set evaluation_expired_at = $2 where id = $1', [session.id, now]);
        return items;
      });
      result.evaluations.push(session.id);
      result.receipts.push(receipt);
    }

    // Upload leftovers: takes never committed (abandoned, superseded, or cut off), after 24 h by default.
    const leftovers = await db.query<{ id: string; session_id: string; interview_id: string }>(
      `select u.id, u.session_id, s.interview_id from uploads u join sessions s on s.id = u.session_id join interviews i on i.id = s.interview_id
       where s.legal_hold_reason is null
         and not exists (select 1 from answer_media m where m.upload_id = u.id)
         and u.created_at + ${days('incompleteUploadDays', 1)} <= $1
       order by u.session_id, u.created_at`,
      [now],
    );
    const bySession = new Map<string, { interview_id: string; ids: string[] }>();
    for (const row of leftovers.rows) {
      const entry = bySession.get(row.session_id) ?? { interview_id: row.interview_id, ids: [] };
      entry.ids.push(row.id);
      bySession.set(row.session_id, entry);
    }
    for (const [sessionId, { interview_id, ids }] of bySession) {
      const items = await purgeSessionMedia(db, this.deps.storage, sessionId, { uploadIds: ids });
      const removed = ids.filter((_, i) => items[i]?.result === 'deleted');
      if (removed.length === 0) continue;
      const receipt = await this.#record({ id: sessionId, interview_id }, 'uploads', now, async (tx) => [
        ...items,
        await deleteRows(tx, 'upload records', 'delete from uploads where id = any($1::text[]) and id not in (select upload_id from answer_media)', [removed]),
      ]);
      result.uploads.push(...removed);
      result.receipts.push(receipt);
    }

    // Last: the proof period. Erased sessions count from their erasure (its receipt is proof too).
    const proofDue = await db.query<{ id: string }>(
      `select s.id from sessions s join interviews i on i.id = s.interview_id
       where s.legal_hold_reason is null
         and greatest(${lastActivity}, s.erased_at)
             + greatest($2::int, coalesce((i.retention->>'mediaDays')::int, 365), coalesce((i.retention->>'evaluationDays')::int, 730)) * interval '1 day' <= $1
       order by s.seq`,
      [now, this.deps.settings.proofDays],
    );
    for (const { id } of proofDue.rows) {
      if (await this.#expireProof(id, now)) result.proof.push(id);
    }

    this.deps.logger.info(
      { now: result.now, media: result.media.length, evaluations: result.evaluations.length, uploads: result.uploads.length, proof: result.proof.length, auditRows: result.auditRows },
      'retention sweep done',
    );
    return result;
  }

  /**
   * Deletes everything left of a session whose proof period ended: stored objects (normally gone
   * already), its data key (crypto-shredding; a key-less tombstone stays so no key is made again),
   * then every row in one transaction, the consent records, withdrawals and receipts included, and
   * the session row last. The audit log keeps one `retention_delete` row (ids only, pruned after
   * its own retention); `retention.expired` with `dataTypes: ["proof"]` tells the ATS.
   */
  async #expireProof(sessionId: string, now: Date): Promise<boolean> {
    const { db } = this.deps;
    const items = await purgeSessionMedia(db, this.deps.storage, sessionId);
    if (items.some((i) => i.result === 'failed')) {
      this.deps.logger.error({ sessionId, items }, 'retention: storage refused a deletion; the proof stays until the next sweep');
      return false;
    }
    await this.deps.dataKeys?.destroy(sessionId);
    await db.transaction(async (tx) => {
      await tx.query('select id from sessions where id = $1 for update', [sessionId]);
      await tx.query(`select set_config('candid.proof_expiry', 'on', true)`);
      const answerIds = (await tx.query<{ id: string }>('select id from answers where session_id = $1', [sessionId])).rows.map((r) => r.id);
      const eventIds = (await tx.query<{ id: string }>('select id from webhook_events where session_id = $1', [sessionId])).rows.map((r) => r.id);
      const deliveryIds = (await tx.query<{ id: string }>('select id from webhook_deliveries where event_id = any($1::text[])', [eventIds])).rows.map((r) => r.id);
      if (this.deps.jobsSchema) await purgeSessionJobs(tx, this.deps.jobsSchema, { sessionId, answerIds, deliveryIds });
      await purgeSessionRows(tx, sessionId);
      for (const table of ['consent_withdrawals', 'consent_records', 'erasure_receipts']) await tx.query(`delete from ${table} where session_id = $1`, [sessionId]);
      await tx.query('delete from webhook_attempts where delivery_id = any($1::text[])', [deliveryIds]);
      await tx.query('delete from webhook_deliveries where id = any($1::text[])', [deliveryIds]);
      await tx.query('delete from webhook_events where id = any($1::text[])', [eventIds]);
      await tx.query('delete from sessions where id = $1', [sessionId]);
      await this.deps.audit.append(systemActor('retention-sweep'), { action: 'retention_delete', objectType: 'session', objectId: sessionId, sessionId, detail: { dataType: 'proof' } }, tx);
    });
    await this.deps.webhooks
      .emit('retention.expired', { sessionId, dataTypes: ['proof'], receiptId: null }, { sessionId, dedupeKey: `retention.expired:proof:${sessionId}` })
      .catch((error: unknown) => this.deps.logger.error({ err: error, sessionId, at: now.toISOString() }, 'retention.expired webhook not recorded'));
    return true;
  }

  async #record(
    session: { id: string; interview_id: string },
    dataType: 'media' | 'evaluation' | 'uploads',
    now: Date,
    work: (tx: Queryable) => Promise<ReceiptItem[]>,
  ): Promise<ErasureReceipt> {
    const receipt = await this.deps.db.transaction(async (tx) => {
      const items = await work(tx);
      const { rows } = await tx.query<ReceiptRow>(
        `insert into erasure_receipts (id, session_id, interview_id, kind, data_types, actor_type, actor_id, reason, items)
         values ($1, $2, $3, 'retention', $4, 'system', 'retention-sweep', $5, $6) returning *`,
        [newReceiptId(), session.id, session.interview_id, [dataType], `retention period ended (sweep at ${now.toISOString()})`, JSON.stringify(items)],
      );
      await this.deps.audit.append(systemActor('retention-sweep'), { action: 'retention_delete', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { dataType, receiptId: rows[0]!.id } }, tx);
      return toReceipt(rows[0]!);
    });
    await this.deps.webhooks
      .emit('retention.expired', { sessionId: session.id, dataTypes: [dataType], receiptId: receipt.id }, { sessionId: session.id, dedupeKey: `retention.expired:${dataType}:${session.id}` })
      .catch((error: unknown) => this.deps.logger.error({ err: error, sessionId: session.id }, 'retention.expired webhook not recorded'));
    return receipt;
  }
}
