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
  | {
      ok: true;
      rows: number;
      /** Where the chain starts: 1, or the seq of the retention checkpoint it starts from. */
      firstSeq: number | null;
      lastSeq: number | null;
      lastHash: string | null;
      /** The highest seq ever appended (`audit_head`): rows up to it were written, pruned or kept. */
      headSeq: number;
    }
  | { ok: false; rows: number; firstBad: { seq: number; id: string | null; reason: string } };

/**
 * A retention checkpoint: rows before `seq` were pruned on purpose; the row `seq` must point at
 * `prevHash` (the hash of the last pruned row). Written in the pruning transaction; append-only.
 */
export interface AuditCheckpoint {
  seq: number;
  prevHash: string;
  prunedRows: number;
  at: string;
}

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

/** Appends, pruning and the head serialize on one transaction-scoped advisory lock per schema. */
async function lockChain(q: Queryable): Promise<void> {
  await q.query(`select pg_advisory_xact_lock(hashtext('candid-audit:' || current_schema()))`);
}

/**
 * Where the next row links to: the head (the last row ever appended), or the last row when that is
 * further on (rows appended by a version of Candid older than the head). Rows deleted from the tail
 * stay a visible gap: the next row continues after the head, not after what is left.
 */
async function chainEnd(q: Queryable): Promise<{ seq: number; hash: string }> {
  const { rows } = await q.query<{ head_seq: string | number | null; head_hash: string | null; row_seq: string | number | null; row_hash: string | null }>(
    `select h.last_seq as head_seq, h.last_hash as head_hash, l.seq as row_seq, l.hash as row_hash
     from (select 1) one
     left join audit_head h on h.id
     left join lateral (select seq, hash from audit_log order by seq desc limit 1) l on true`,
  );
  const r = rows[0]!;
  const head = r.head_seq !== null && r.head_hash ? { seq: Number(r.head_seq), hash: r.head_hash } : { seq: 0, hash: GENESIS_HASH };
  const row = r.row_seq !== null && r.row_hash ? { seq: Number(r.row_seq), hash: r.row_hash } : null;
  return row && row.seq > head.seq ? row : head;
}

/**
 * One hash chain across every instance: appends serialize on a transaction-scoped advisory lock,
 * each row's hash = sha256(previous hash + canonical JSON of its fields). Rows are append-only
 * (triggers refuse updates, deletes and TRUNCATE; only `pruneThrough` may drop the oldest rows, and
 * it leaves a checkpoint); `audit_head` remembers the last row written; `verify` walks the chain
 * from seq 1 or a checkpoint to the head and names the first row that does not fit.
 */
export class AuditLog {
  constructor(private readonly db: Database) {}

  /** Appends one entry; inside `tx` when given, so the entry commits (or not) with the action. */
  async append(actor: Actor, entry: AuditEntry, tx?: Queryable): Promise<AuditRecord> {
    const work = async (q: Queryable) => {
      await lockChain(q);
      const previous = await chainEnd(q);
      const record = {
        seq: previous.seq + 1,
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
      const prevHash = previous.hash;
      const hash = hashOf(prevHash, record);
      await q.query(
        `insert into audit_log (seq, id, at, actor_type, actor_id, action, object_type, object_id, session_id, request_id, detail, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [record.seq, record.id, record.at, record.actorType, record.actorId, record.action, record.objectType, record.objectId, record.sessionId, record.requestId, JSON.stringify(record.detail), prevHash, hash],
      );
      // The head remembers what was written, so rows deleted from the tail (or all of them) show.
      await q.query(
        `insert into audit_head (id, last_seq, last_hash, updated_at) values (true, $1, $2, now())
         on conflict (id) do update set last_seq = excluded.last_seq, last_hash = excluded.last_hash, updated_at = now()`,
        [record.seq, hash],
      );
      return { ...record, prevHash, hash };
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  /**
   * Walks the whole chain in order. It must start at seq 1 (from the genesis hash) or exactly at a
   * retention checkpoint (the sweep records one whenever it prunes the oldest rows), every row must
   * follow its predecessor, and it must end at the head (the last seq and hash ever appended). So
   * TRUNCATE, and deleting rows at the head or the tail, are reported like an altered row.
   */
  async verify(): Promise<AuditVerification> {
    // One snapshot: appends from running instances must not look like a head or tail that moved.
    return this.db.transaction(async (q) => {
      await q.query('set transaction isolation level repeatable read');
      return this.#verify(q);
    });
  }

  async #verify(q: Queryable): Promise<AuditVerification> {
    const head = await this.head(q);
    const checkpoints = new Map((await this.checkpoints(q)).map((c) => [c.seq, c]));
    let previous: AuditRecord | null = null;
    let first: AuditRecord | null = null;
    let count = 0;
    for await (const record of this.#scan({}, q)) {
      count++;
      const bad = (reason: string): AuditVerification => ({ ok: false, rows: count, firstBad: { seq: record.seq, id: record.id, reason } });
      if (previous) {
        if (record.seq !== previous.seq + 1) return bad(`sequence gap: row ${previous.seq} is followed by ${record.seq} (rows were deleted)`);
        if (record.prevHash !== previous.hash) return bad('prev_hash does not match the previous row\'s hash');
      } else if (record.seq === 1) {
        if (record.prevHash !== GENESIS_HASH) return bad('the first row does not start from the genesis hash');
      } else {
        const checkpoint = checkpoints.get(record.seq);
        if (!checkpoint) return bad(`the chain starts at seq ${record.seq}, but no retention checkpoint records rows 1-${record.seq - 1} as pruned (rows were deleted from the head)`);
        if (checkpoint.prevHash !== record.prevHash) return bad(`prev_hash does not match the retention checkpoint at seq ${record.seq}`);
      }
      if (hashOf(record.prevHash, hashedFields(record)) !== record.hash) return bad('the row\'s content does not match its hash (it was altered)');
      first ??= record;
      previous = record;
    }
    if (previous) {
      if (previous.seq < head.seq) {
        return { ok: false, rows: count, firstBad: { seq: previous.seq + 1, id: null, reason: `the chain ends at seq ${previous.seq}, but rows up to seq ${head.seq} were written (rows were deleted from the tail)` } };
      }
      if (previous.seq > head.seq || previous.hash !== head.hash) {
        return {
          ok: false,
          rows: count,
          firstBad: { seq: previous.seq, id: previous.id, reason: `the last row does not match the recorded head (seq ${head.seq}): rows were written or replaced around the audit log (by hand, or by a version before migration 10 until the next append)` },
        };
      }
    } else if (head.seq > 0) {
      // Empty, but rows were written: only fine if a checkpoint says all of them were pruned.
      const last = checkpoints.get(head.seq + 1);
      if (!last || last.prevHash !== head.hash) {
        return { ok: false, rows: 0, firstBad: { seq: 1, id: null, reason: `the audit log is empty, but ${head.seq} row(s) were written and no retention checkpoint covers them (rows were deleted or the table was truncated)` } };
      }
    }
    return { ok: true, rows: count, firstSeq: first?.seq ?? null, lastSeq: previous?.seq ?? null, lastHash: previous?.hash ?? null, headSeq: head.seq };
  }

  /** The last seq and hash ever appended (0 and the genesis hash on a new log). */
  async head(q: Queryable = this.db): Promise<{ seq: number; hash: string }> {
    const { rows } = await q.query<{ last_seq: string | number; last_hash: string }>('select last_seq, last_hash from audit_head where id');
    return rows[0] ? { seq: Number(rows[0].last_seq), hash: rows[0].last_hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Retention checkpoints, oldest first. */
  async checkpoints(q: Queryable = this.db): Promise<AuditCheckpoint[]> {
    const { rows } = await q.query<{ seq: string | number; prev_hash: string; pruned_rows: string | number; at: Date }>('select * from audit_checkpoints order by seq');
    return rows.map((r) => ({ seq: Number(r.seq), prevHash: r.prev_hash, prunedRows: Number(r.pruned_rows), at: r.at.toISOString() }));
  }

  /**
   * Retention: drops the oldest rows written at or before `cutoff`, as one prefix of the chain
   * (a row out of time order stops it, so nothing in the middle goes), and records a checkpoint
   * naming the first row kept and the hash it must point at. Returns how many rows went.
   */
  async pruneThrough(cutoff: Date): Promise<number> {
    return this.db.transaction(async (q) => {
      await lockChain(q);
      const { rows } = await q.query<{ seq: string | number | null; hash: string | null; n: string | number }>(
        `with boundary as (
           select coalesce((select min(seq) from audit_log where at > $1), (select max(seq) + 1 from audit_log), 0) as first_kept
         )
         select l.seq, l.hash, (select count(*) from audit_log where seq < (select first_kept from boundary)) as n
         from audit_log l where l.seq = (select max(seq) from audit_log where seq < (select first_kept from boundary))`,
        [cutoff],
      );
      const last = rows[0];
      if (!last || last.seq === null || !last.hash) return 0;
      const lastPruned = Number(last.seq);
      await q.query('insert into audit_checkpoints (seq, prev_hash, pruned_rows) values ($1, $2, $3)', [lastPruned + 1, last.hash, Number(last.n)]);
      // The guard lets a delete through only with this setting and a checkpoint beyond the row.
      await q.query(`select set_config('candid.audit_prune', 'on', true)`);
      const deleted = await q.query('delete from audit_log where seq <= $1 returning 1', [lastPruned]);
      return deleted.rows.length;
    });
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
  async *#scan(range: { from?: Date | undefined; to?: Date | undefined } = {}, q: Queryable = this.db): AsyncGenerator<AuditRecord> {
    let after = 0;
    for (;;) {
      const { rows } = await q.query<AuditRow>(
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
