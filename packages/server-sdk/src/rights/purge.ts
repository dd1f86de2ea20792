import type { Queryable } from '../db/database.js';
import { RENDITION_KINDS } from '../media/rendition-kinds.js';
import type { MediaStorage } from '../storage/media-storage.js';

/** One line of a receipt: what was deleted, where, and whether it worked. */
export interface ReceiptItem {
  /** `storage:disk`, `storage:s3`, `database`, `jobs`, `webhooks`, `keys`. */
  system: string;
  what: string;
  count?: number;
  result: 'deleted' | 'failed' | 'none';
  error?: string;
}


/**
 * Removes every stored object of a session: each tus upload (complete or not, with its sidecar,
 * `.part`/`.info` and any open multipart upload on S3) and each rendition. Storage first, rows
 * after: a failure leaves the rows, so the purge can simply be run again.
 */
export async function purgeSessionMedia(
  q: Queryable,
  storage: MediaStorage,
  sessionId: string,
  opts: { uploadIds?: string[] } = {},
): Promise<ReceiptItem[]> {
  const system = `storage:${storage.kind}`;
  const uploads = opts.uploadIds
    ? opts.uploadIds
    : (await q.query<{ id: string }>('select id from uploads where session_id = $1 order by created_at', [sessionId])).rows.map((r) => r.id);
  const answers = opts.uploadIds
    ? []
    : (await q.query<{ id: string }>('select id from answers where session_id = $1', [sessionId])).rows.map((r) => r.id);
  const items: ReceiptItem[] = [];
  for (const uploadId of uploads) {
    try {
      await storage.remove(uploadId);
      items.push({ system, what: `upload ${uploadId} (bytes, tus metadata, unfinished multipart parts)`, result: 'deleted' });
    } catch (error) {
      items.push({ system, what: `upload ${uploadId}`, result: 'failed', error: (error as Error).message });
    }
  }
  for (const removed of await removeRenditions(storage, answers)) {
    const what = `rendition ${removed.answerId}.${removed.kind}`;
    items.push(removed.error === undefined ? { system, what, result: 'deleted' } : { system, what, result: 'failed', error: removed.error });
  }
  return items;
}

/** Removes every rendition kind of each answer from storage; one entry per object, with the error if it failed. */
export async function removeRenditions(
  storage: MediaStorage,
  answerIds: readonly string[],
): Promise<Array<{ answerId: string; kind: string; error?: string }>> {
  const results: Array<{ answerId: string; kind: string; error?: string }> = [];
  for (const answerId of answerIds) {
    for (const kind of RENDITION_KINDS) {
      try {
        await storage.removeDerived(`${answerId}.${kind}`);
        results.push({ answerId, kind });
      } catch (error) {
        results.push({ answerId, kind, error: (error as Error).message });
      }
    }
  }
  return results;
}

/** Runs a delete and reports its row count as a receipt line. */
export async function deleteRows(q: Queryable, what: string, sql: string, params: unknown[]): Promise<ReceiptItem> {
  const { rows } = await q.query(`${sql} returning 1`, params);
  return { system: 'database', what, count: rows.length, result: rows.length > 0 ? 'deleted' : 'none' };
}

/**
 * Every row about a session's answers, uploads, requests and reviews, evaluation included (not the
 * session row, its consent and withdrawals, receipts, keys or webhooks: erasure keeps or redacts
 * those, proof expiry deletes them itself). Deleting reviews needs `candid.erasing` or
 * `candid.proof_expiry` set in the transaction (migration 8).
 */
export async function purgeSessionRows(q: Queryable, sessionId: string): Promise<ReceiptItem[]> {
  const byAnswer = 'where answer_id in (select id from answers where session_id = $1)';
  return [
    ...(await purgeEvaluation(q, sessionId)),
    await deleteRows(q, 'pipeline step status', `delete from answer_steps ${byAnswer}`, [sessionId]),
    await deleteRows(q, 'rendition records', `delete from renditions ${byAnswer}`, [sessionId]),
    await deleteRows(q, 'answer media records (sizes, checksums, probes)', `delete from answer_media ${byAnswer}`, [sessionId]),
    await deleteRows(q, 'answers (timings, speech segments)', 'delete from answers where session_id = $1', [sessionId]),
    await deleteRows(q, 'upload locks', 'delete from upload_locks where upload_id in (select id from uploads where session_id = $1)', [sessionId]),
    await deleteRows(q, 'upload records', 'delete from uploads where session_id = $1', [sessionId]),
    await deleteRows(q, 'candidate requests (with messages)', 'delete from candidate_requests where session_id = $1', [sessionId]),
    await deleteRows(q, 'reviews (with rationales)', 'delete from reviews where session_id = $1', [sessionId]),
    await deleteRows(q, 'reasons given for restriction, objection and legal hold (sealed)', 'delete from session_reasons where session_id = $1', [sessionId]),
  ];
}

/** Transcripts, scores and the evaluation of a session (the "evaluation" data type). */
export async function purgeEvaluation(q: Queryable, sessionId: string): Promise<ReceiptItem[]> {
  const byAnswer = 'where answer_id in (select id from answers where session_id = $1)';
  return [
    await deleteRows(q, 'transcripts', `delete from transcripts ${byAnswer}`, [sessionId]),
    await deleteRows(q, 'competency scores with evidence', 'delete from competency_scores where session_id = $1', [sessionId]),
    await deleteRows(q, 'evaluation (summary, model output)', 'delete from evaluations where session_id = $1', [sessionId]),
  ];
}
