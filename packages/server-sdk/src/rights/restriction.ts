import type { Actor } from '../audit/audit-log.js';
import { CandidError } from '../errors.js';
import type { SessionRow } from '../services/rows.js';
import { Validator } from '../validation.js';
import type { RightsDeps } from './deps.js';
import { type SessionSealer, sealReason, storeReason } from './reasons.js';

export interface RightsState {
  sessionId: string;
  /** `restricted` (GDPR Art. 18) or `objected` (Art. 21): data kept, no scoring, no sharing. */
  restriction: 'restricted' | 'objected' | null;
  restrictionReason: string | null;
  restrictedAt: string | null;
  legalHold: { reason: string; since: string } | null;
}

/** The session's restriction and hold, their reasons opened (sealed under the session's key). */
export async function rightsStateOf(row: SessionRow, keys: SessionSealer): Promise<RightsState> {
  return {
    sessionId: row.id,
    restriction: row.restriction ?? null,
    restrictionReason: row.restriction ? await keys.openTextIfKept(row.id, row.restriction_reason) : null,
    restrictedAt: row.restricted_at?.toISOString() ?? null,
    legalHold: row.legal_hold_reason
      ? { reason: (await keys.openTextIfKept(row.id, row.legal_hold_reason)) ?? '', since: (row.legal_hold_at ?? new Date()).toISOString() }
      : null,
  };
}

function parseReason(input: unknown, extra: string[] = []): { body: Record<string, unknown>; reason: string; v: Validator } {
  const v = new Validator();
  const body = v.object(input ?? {}, '', ['reason', ...extra]);
  const reason = v.string(body.reason, 'reason', { max: 2000 });
  return { body, reason, v };
}

/**
 * Restriction and objection (freeze: stored, not scored, not shared) and legal holds (no erasure,
 * no retention deletion; only with a recorded reason). Each change is audited; restriction changes
 * also send `restriction.changed`, the one webhook a restricted session still sends.
 */
export class Restrictions {
  constructor(
    private readonly deps: RightsDeps,
    private readonly onLift: (sessionId: string) => Promise<void> = async () => undefined,
  ) {}

  async restrict(sessionId: string, input: unknown, actor: Actor): Promise<RightsState> {
    const { body, reason, v } = parseReason(input, ['kind']);
    const kind = body.kind === undefined ? 'restrict' : v.string(body.kind, 'kind');
    if (kind !== 'restrict' && kind !== 'object') v.fail('kind', 'must be "restrict" or "object"');
    v.done();
    const session = await this.#open(sessionId);
    const state = kind === 'object' ? 'objected' : 'restricted';
    const sealed = await sealReason(this.deps.dataKeys, session.id, reason);
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(
        `update sessions set restriction = $2, restriction_reason = $3, restricted_at = now(), updated_at = now() where id = $1 returning *`,
        [session.id, state, sealed.sealed],
      );
      await storeReason(tx, session.id, 'restrict', sealed);
      await this.deps.audit.append(actor, { action: 'restrict', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { state, ...sealed.audit } }, tx);
      return rows[0]!;
    });
    await this.#announce(row);
    return rightsStateOf(row, this.deps.dataKeys);
  }

  async lift(sessionId: string, input: unknown, actor: Actor): Promise<RightsState> {
    const { reason, v } = parseReason(input);
    v.done();
    const session = await this.#open(sessionId);
    if (!session.restriction) throw new CandidError('INVALID_STATE', 'The session is not restricted.');
    const sealed = await sealReason(this.deps.dataKeys, session.id, reason);
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(
        `update sessions set restriction = null, restriction_reason = null, restricted_at = null, updated_at = now() where id = $1 returning *`,
        [session.id],
      );
      await storeReason(tx, session.id, 'restriction_lifted', sealed);
      await this.deps.audit.append(actor, { action: 'restriction_lifted', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { was: session.restriction, ...sealed.audit } }, tx);
      return rows[0]!;
    });
    await this.#announce(row);
    await this.onLift(session.id).catch((error: unknown) => this.deps.logger.error({ err: error, sessionId }, 'resuming processing after a lifted restriction failed'));
    return rightsStateOf(row, this.deps.dataKeys);
  }

  async placeLegalHold(sessionId: string, input: unknown, actor: Actor): Promise<RightsState> {
    const { reason, v } = parseReason(input);
    v.done();
    const session = await this.#open(sessionId);
    const sealed = await sealReason(this.deps.dataKeys, session.id, reason);
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(
        `update sessions set legal_hold_reason = $2, legal_hold_at = now(), updated_at = now() where id = $1 returning *`,
        [session.id, sealed.sealed],
      );
      await storeReason(tx, session.id, 'legal_hold', sealed);
      await this.deps.audit.append(actor, { action: 'legal_hold', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { ...sealed.audit } }, tx);
      return rows[0]!;
    });
    return rightsStateOf(row, this.deps.dataKeys);
  }

  async releaseLegalHold(sessionId: string, input: unknown, actor: Actor): Promise<RightsState> {
    const { reason, v } = parseReason(input);
    v.done();
    const session = await this.deps.sessions.row(sessionId);
    if (!session.legal_hold_reason) throw new CandidError('INVALID_STATE', 'The session has no legal hold.');
    const sealed = await sealReason(this.deps.dataKeys, session.id, reason);
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(`update sessions set legal_hold_reason = null, legal_hold_at = null, updated_at = now() where id = $1 returning *`, [session.id]);
      await storeReason(tx, session.id, 'legal_hold_released', sealed);
      await this.deps.audit.append(actor, { action: 'legal_hold_released', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { ...sealed.audit } }, tx);
      return rows[0]!;
    });
    return rightsStateOf(row, this.deps.dataKeys);
  }

  async state(sessionId: string): Promise<RightsState> {
    return rightsStateOf(await this.deps.sessions.row(sessionId), this.deps.dataKeys);
  }

  /**
   * Seals restriction and legal-hold reasons that rows written before sealing still hold in clear
   * (run at start; repeating it changes nothing). Reasons in old audit rows cannot be rewritten
   * without breaking the chain: they go when the audit retention prunes those rows.
   */
  async sealLegacyReasons(): Promise<number> {
    const { rows } = await this.deps.db.query<{ id: string; restriction_reason: string | null; legal_hold_reason: string | null }>(
      `select id, restriction_reason, legal_hold_reason from sessions
       where (restriction_reason is not null and restriction_reason not like 'cdk1:%')
          or (legal_hold_reason is not null and legal_hold_reason not like 'cdk1:%')`,
    );
    let sealed = 0;
    for (const row of rows) {
      for (const column of ['restriction_reason', 'legal_hold_reason'] as const) {
        const text = row[column];
        if (text === null || text.startsWith('cdk1:')) continue;
        let value: string | null;
        try {
          value = await this.deps.dataKeys.sealText(row.id, text);
        } catch (error) {
          // An erased session's key is gone: the clear text goes instead of being sealed (a hold
          // stays a hold: its column is what marks it).
          if (error instanceof CandidError && error.code === 'DATA_KEY_DESTROYED') value = column === 'legal_hold_reason' ? '(reason not kept)' : null;
          else throw error;
        }
        // Only if unchanged meanwhile (another instance, or a new restriction).
        const updated = await this.deps.db.query(`update sessions set ${column} = $2 where id = $1 and ${column} = $3 returning 1`, [row.id, value, text]);
        sealed += updated.rows.length;
      }
    }
    return sealed;
  }

  async #open(sessionId: string): Promise<SessionRow> {
    const session = await this.deps.sessions.row(sessionId);
    if (session.status === 'erased') throw new CandidError('SESSION_ERASED');
    return session;
  }

  async #announce(row: SessionRow): Promise<void> {
    await this.deps.webhooks
      .emit('restriction.changed', { sessionId: row.id, restriction: row.restriction ?? null, changedAt: new Date().toISOString() }, { sessionId: row.id })
      .catch((error: unknown) => this.deps.logger.error({ err: error, sessionId: row.id }, 'restriction.changed webhook not recorded'));
  }
}
