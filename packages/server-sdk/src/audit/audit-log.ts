import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { canonicalJson } from './canonical-json.js';

/** Who acted: the candidate (session token), the ATS (an API key, by its key id), a reviewer, or Candid itself. */
export type ActorType = 'candidate' | 'ats' | 'reviewer' | 'system';

export interface Actor {
  type: ActorType;
  /** The session id for a candidate, the API key id (`key_…`) for the ATS, a reviewer's name, or a job name. */
  id: string | null;
  /** The HTTP request id (`X-Request-Id`), when the action came through the API. */
  requestId?: string | null | undefined;
}

/** Actions of compliance.md §2.5 (plus the ones retention and legal holds add). */
export const AUDIT_ACTIONS = [
  'view_media',
  'download',
  'export',
  'erase',
  'restrict',
  'restriction_lifted',
  'legal_hold',
  'legal_hold_released',
  'consent_change',
  'score_generated',
  'decision_recorded',
  'token_issued',
  'config_change',
  'accommodation_granted',
  'request_created',
  'retention_delete',
  'audit_export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  objectType: 'session' | 'interview' | 'answer' | 'audit_log' | 'system';
  objectId: string | null;
  sessionId?: string | null;
  /** Ids, counts, versions and statuses only: never names, e-mail addresses, transcripts or media. */
  detail?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  sessionId: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; rows: number; lastSeq: number | null; lastHash: string | null }
  | { ok: false; rows: number; firstBad: { seq: number; id: string; reason: string } };

interface AuditRow {
  seq: string | number;
  id: string;
  at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  session_id: string | null;
  request_id: string | null;
  detail: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers, in one canonical form (shared by append and verify). */
function hashOf(prevHash: string, record: Omit<AuditRecord, 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(record)).digest('hex');
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    sessionId: row.session_id,
    requestId: row.request_id,
    detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const hashedFields = (r: AuditRecord): Omit<AuditRecord, 'prevHash' | 'hash'> => ({
  seq: r.seq,
  id: r.id,
  at: r.at,
  actorType: r.actorType,
  actorId: r.actorId,
  action: r.action,
  objectType: r.objectType,
  objectId: r.objectId,
  sessionId: r.sessionId,
  requestId: r.requestId,
  detail: r.detail,
});

/**
 * One hash chain across every instance: appends serialize on a transaction-scoped advisory lock,
 * each row's hash = sha256(previous hash + canonical JSON of its fields). Rows are append-only (a
 * trigger refuses updates and deletes); `verify` walks the chain and names the first row that
 * does not fit.
 */
export class AuditLog {
  constructor(private readonly db: Database) {}

  /** Appends one entry; inside `tx` when given, so the entry commits (or not) with the action. */
  async append(actor: Actor, entry: AuditEntry, tx?: Queryable): Promise<AuditRecord> {
    const work = async (q: Queryable) => {
      await q.query(`select pg_advisory_xact_lock(hashtext('candid-audit:' || current_schema()))`);
      const { rows } = await q.query<{ seq: string | number; hash: string }>('select seq, hash from audit_log order by seq desc limit 1');
      const record = {
        seq: rows[0] ? Number(rows[0].seq) + 1 : 1,
        id: `aud_${randomBytes(16).toString('hex')}`,
        at: new Date().toISOString(),
        actorType: actor.type,
        actorId: actor.id,
        action: entry.action,
        objectType: entry.objectType,
        objectId: entry.objectId,
        sessionId: entry.sessionId ?? null,
        requestId: actor.requestId ?? null,
        // Through JSON once, so what is hashed is what jsonb gives back.
        detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>,
      };
      const prevHash = rows[0]?.hash ?? GENESIS_HASH;
      const hash = hashOf(prevHash, record);
      await q.query(
        `insert into audit_log (seq, id, at, actor_type, actor_id, action, object_type, object_id, session_id, request_id, detail, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [record.seq, record.id, record.at, record.actorType, record.actorId, record.action, record.objectType, record.objectId, record.sessionId, record.requestId, JSON.stringify(record.detail), prevHash, hash],
      );
      return { ...record, prevHash, hash };
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  /**
   * Walks the whole chain in order. The first row may point at a pruned predecessor (the retention
   * sweep drops the oldest rows); after it every row must follow its predecessor exactly.
   */
  async verify(): Promise<AuditVerification> {
    let previous: AuditRecord | null = null;
    let count = 0;
    for await (const record of this.#scan()) {
      count++;
      const bad = (reason: string): AuditVerification => ({ ok: false, rows: count, firstBad: { seq: record.seq, id: record.id, reason } });
      if (previous) {
        if (record.seq !== previous.seq + 1) return bad(`sequence gap: row ${previous.seq} is followed by ${record.seq} (rows were deleted)`);
        if (record.prevHash !== previous.hash) return bad('prev_hash does not match the previous row\'s hash');
      } else if (record.seq === 1 && record.prevHash !== GENESIS_HASH) {
        return bad('the first row does not start from the genesis hash');
      }
      if (hashOf(record.prevHash, hashedFields(record)) !== record.hash) return bad('the row\'s content does not match its hash (it was altered)');
      previous = record;
    }
    return { ok: true, rows: count, lastSeq: previous?.seq ?? null, lastHash: previous?.hash ?? null };
  }

  /** Rows with `from <= at < to`, oldest first (for `candid audit export` and the ATS route). */
  async *export(range: { from?: Date | undefined; to?: Date | undefined } = {}): AsyncGenerator<AuditRecord> {
    yield* this.#scan(range);
  }

  /** The audit extract of one session (for its export). */
  async forSession(sessionId: string): Promise<AuditRecord[]> {
    const { rows } = await this.db.query<AuditRow>('select * from audit_log where session_id = $1 order by seq', [sessionId]);
    return rows.map(toRecord);
  }

  /** Pages through the log by seq, so a long log never sits in memory. */
  async *#scan(range: { from?: Date | undefined; to?: Date | undefined } = {}): AsyncGenerator<AuditRecord> {
    let after = 0;
    for (;;) {
      const { rows } = await this.db.query<AuditRow>(
        `select * from audit_log where seq > $1 and ($2::timestamptz is null or at >= $2) and ($3::timestamptz is null or at < $3)
         order by seq limit 500`,
        [after, range.from ?? null, range.to ?? null],
      );
      for (const row of rows) yield toRecord(row);
      if (rows.length < 500) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
}
