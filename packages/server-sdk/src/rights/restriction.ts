import type { Actor } from '../audit/audit-log.js';
import { CandidError } from '../errors.js';
import type { SessionRow } from '../services/rows.js';
import { Validator } from '../validation.js';
import type { RightsDeps } from './deps.js';

export interface RightsState {
  sessionId: string;
  /** `restricted` (GDPR Art. 18) or `objected` (Art. 21): data kept, no scoring, no sharing. */
  restriction: 'restricted' | 'objected' | null;
  restrictionReason: string | null;
  restrictedAt: string | null;
  legalHold: { reason: string; since: string } | null;
}

export function rightsStateOf(row: SessionRow): RightsState {
  return {
    sessionId: row.id,
    restriction: row.restriction ?? null,
    restrictionReason: row.restriction_reason ?? null,
    restrictedAt: row.restricted_at?.toISOString() ?? null,
    legalHold: row.legal_hold_reason ? { reason: row.legal_hold_reason, since: (row.legal_hold_at ?? new Date()).toISOString() } : null,
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
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(
        `update sessions set restriction = $2, restriction_reason = $3, restricted_at = now(), updated_at = now() where id = $1 returning *`,
        [session.id, state, reason],
      );
      await this.deps.audit.append(actor, { action: 'restrict', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { state, reason } }, tx);
      return rows[0]!;
    });
    await this.#announce(row);
    return rightsStateOf(row);
  }

  async lift(sessionId: string, input: unknown, actor: Actor): Promise<RightsState> {
    const { reason, v } = parseReason(input);
    v.done();
    const session = await this.#open(sessionId);
    if (!session.restriction) throw new CandidError('INVALID_STATE', 'The session is not restricted.');
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(
        `update sessions set restriction = null, restriction_reason = null, restricted_at = null, updated_at = now() where id = $1 returning *`,
        [session.id],
      );
      await this.deps.audit.append(actor, { action: 'restriction_lifted', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { was: session.restriction, reason } }, tx);
      return rows[0]!;
    });
    await this.#announce(row);
    await this.onLift(session.id).catch((error: unknown) => this.deps.logger.error({ err: error, sessionId }, 'resuming processing after a lifted restriction failed'));
    return rightsStateOf(row);
  }

  async placeLegalHold(sessionId: string, input: unknown, actor: Actor): Promise<RightsState> {
    const { reason, v } = parseReason(input);
    v.done();
    const session = await this.#open(sessionId);
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(
        `update sessions set legal_hold_reason = $2, legal_hold_at = now(), updated_at = now() where id = $1 returning *`,
        [session.id, reason],
      );
      await this.deps.audit.append(actor, { action: 'legal_hold', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { reason } }, tx);
      return rows[0]!;
    });
    return rightsStateOf(row);
  }

  async releaseLegalHold(sessionId: string, input: unknown, actor: Actor): Promise<RightsState> {
    const { reason, v } = parseReason(input);
    v.done();
    const session = await this.deps.sessions.row(sessionId);
    if (!session.legal_hold_reason) throw new CandidError('INVALID_STATE', 'The session has no legal hold.');
    const row = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>(`update sessions set legal_hold_reason = null, legal_hold_at = null, updated_at = now() where id = $1 returning *`, [session.id]);
      await this.deps.audit.append(actor, { action: 'legal_hold_released', objectType: 'session', objectId: session.id, sessionId: session.id, detail: { reason } }, tx);
      return rows[0]!;
    });
    return rightsStateOf(row);
  }

  async state(sessionId: string): Promise<RightsState> {
    return rightsStateOf(await this.deps.sessions.row(sessionId));
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
