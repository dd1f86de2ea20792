import { createRequire } from 'node:module';
import type { Database, Queryable } from '../db/database.js';
import { type DataKeys, isSealedText } from '../crypto/data-keys.js';
import { CandidError } from '../errors.js';
import { isWellFormedId, newId } from '../ids.js';
import { type JobQueue, QUEUES } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { Validator } from '../validation.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEmitter, type WebhookEventType } from './events.js';
import { type PostResult, postWebhook } from './http-post.js';
import { type WebhookPayload, signWebhook, webhookKey } from './signing.js';
import { WebhookUrlError, assertWebhookUrlResolvesPublic, checkWebhookUrl, redactUrl } from './url-guard.js';

export interface WebhookSettings {
  url: string | undefined;
  secret: string | undefined;
  allowPrivate: boolean;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';
export const WEBHOOK_DELIVERY_STATUSES: readonly WebhookDeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** One HTTP attempt of a delivery, as logged. */
export interface WebhookAttempt {
  attemptedAt: string;
  /** The receiver's status; null when no response arrived (DNS, refused address, timeout, reset). */
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
}

/** One delivery of an event to the webhook URL (a replay is a new delivery of the same event). */
export interface WebhookDelivery {
  id: string;
  /** The event id, sent as `webhook-id`: the same on every attempt and every replay. */
  eventId: string;
  eventType: WebhookEventType;
  sessionId: string | null;
  /** Where it was sent (password hidden); null when no webhook URL was configured at the time. */
  url: string | null;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** While pending: the earliest time of the next attempt (the queue adds up to 100% jitter). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The signed body, as JSON. */
  payload: WebhookPayload;
  attempts: WebhookAttempt[];
}

export interface WebhookDeliveryPage {
  deliveries: WebhookDelivery[];
  nextCursor: string | null;
}

/** The webhook API an integrator sees on a Candid instance. */
export interface CandidWebhooks extends WebhookEmitter {
  listDeliveries(query?: { status?: unknown; sessionId?: unknown; eventType?: unknown; limit?: unknown; cursor?: unknown }): Promise<WebhookDeliveryPage>;
  replay(deliveryId: string): Promise<WebhookDelivery>;
}

/** The retry policy of the job running an attempt (pg-boss's metadata). */
interface RetryPolicy {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
}

/** A delivery attempt as the job queue runs it. `retryCount` is 0 on the first attempt. */
export type DeliveryJob = { id?: string; retryCount: number } & Partial<RetryPolicy>;

interface DeliveryRow {
  id: string;
  event_id: string;
  url: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
  created_at: Date | string;
  seq: string;
  event_type: WebhookEventType;
  session_id: string | null;
  payload: WebhookPayload | string;
}

interface AttemptRow {
  delivery_id: string;
  attempted_at: Date | string;
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
}

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
const USER_AGENT = `Candid-Webhooks/${VERSION}`;
const TIMEOUT_MS = 10_000;
const LOST_LAST_ATTEMPT_ERROR = 'Every attempt was used, the last one by a worker that died; replay it with POST /v1/webhooks/deliveries/{id}/replay.';
const NO_URL_ERROR = 'Not sent: no webhook URL was configured (CANDID_WEBHOOK_URL). Replay this delivery once one is set.';

/** Events whose data carries candidate content (scores, the candidate's message, a reviewer's reasons): stored sealed. */
const SEALED_EVENT_TYPES: ReadonlySet<WebhookEventType> = new Set(['session.scored', 'request.created', 'review.recorded']);
const ERASED_ERROR = 'Not sent: the session was erased, so this event\'s content no longer exists.';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const is2xx = (result: PostResult) => result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;

/** Opaque cursors: the position (`seq`) of the last delivery of the page. */
const encodeCursor = (seq: string) => Buffer.from(`d${seq}`).toString('base64url');
function decodeCursor(cursor: string): string | null {
  const match = /^d(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? match[1]! : null;
}

/**
 * The body sent for an event: `{ type, timestamp, data }` in that order. Built from the stored
 * row, so every attempt and every replay sends the same bytes.
 */
export function serializePayload(payload: WebhookPayload): string {
  return JSON.stringify({ type: payload.type, timestamp: payload.timestamp, data: payload.data });
}

/** Raised by a failed attempt so the job queue retries it (with backoff) while retries remain. */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

/**
 * Records events, delivers them signed (Standard Webhooks), logs every attempt, lists and replays.
 *
 * - `emit` stores the event once per `dedupeKey` and, with a URL configured, a delivery and its job.
 * - The `candid.webhook.deliver` job POSTs it; a non-2xx answer or a network error throws, and
 *   pg-boss retries with exponential backoff (retryLimit 12, 30 s doubling, ≈34 h in all). The
 *   attempt with `retryCount === retryLimit` is the last: its failure marks the delivery `failed`.
 * - Without a URL, events are still recorded, each with a `failed` delivery (`url` null) that can
 *   be listed and replayed once a URL is configured.
 */
export class WebhookService implements CandidWebhooks {
  readonly #key: Buffer | undefined;
  #jobsSchema: Promise<string | null> | undefined;

  constructor(
    private readonly deps: { db: Database; jobs: JobQueue | undefined; settings: WebhookSettings; logger: Logger; dataKeys?: DataKeys | undefined },
  ) {
    const { url, secret, allowPrivate } = deps.settings;
    // Configuration errors surface here, so `candid.start()` fails with the reason.
    if (url) {
      if (!secret) {
        throw new TypeError(
          'createCandid: `webhookSecret` (CANDID_WEBHOOK_SECRET) is required with `webhookUrl`: receivers verify every webhook with it. ' +
            'Generate one with: node -e "console.log(\'whsec_\' + crypto.randomBytes(32).toString(\'base64\'))"',
        );
      }
      try {
        checkWebhookUrl(url, { allowPrivate });
      } catch (error) {
        throw new TypeError(`createCandid: webhookUrl (CANDID_WEBHOOK_URL) refused: ${(error as Error).message}`, { cause: error });
      }
    } else {
      deps.logger.warn(
        'No webhook URL is configured (CANDID_WEBHOOK_URL): webhook events are recorded but not sent. List them with GET /v1/webhooks/deliveries and replay them once a URL is set.',
      );
    }
    if (secret) {
      try {
        this.#key = webhookKey(secret);
      } catch (error) {
        throw new TypeError(`createCandid: webhookSecret (CANDID_WEBHOOK_SECRET) is invalid: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  /**
   * Records an event and schedules its delivery. With `dedupeKey`, a second emit of the same key is
   * a no-op (no event, no delivery): that is how each session is announced `session.scored` once,
   * however many workers or retries get there. `data` must be JSON; keep it to ids and statuses.
   */
  async emit(type: WebhookEventType, data: Record<string, unknown>, options: { sessionId?: string; dedupeKey?: string } = {}): Promise<void> {
    if (!WEBHOOK_EVENT_TYPES.includes(type)) throw new TypeError(`Unknown webhook event type ${JSON.stringify(type)}.`);
    const eventId = newId('msg');
    const payload: WebhookPayload = { type, timestamp: new Date().toISOString(), data };
    if (this.deps.dataKeys && options.sessionId && SEALED_EVENT_TYPES.has(type)) {
      // Sealed before the transaction (creating a data key uses its own connection); opened to send.
      (payload as { data: unknown }).data = await this.deps.dataKeys.sealText(options.sessionId, JSON.stringify(data));
    }
    const url = this.deps.settings.url;
    const deliveryId = newId('dlv');
    const created = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `insert into webhook_events (id, type, session_id, payload, dedupe_key) values ($1, $2, $3, $4, $5)
         on conflict (dedupe_key) do nothing returning id`,
        [eventId, type, options.sessionId ?? null, JSON.stringify(payload), options.dedupeKey ?? null],
      );
      if (!rows[0]) return false;
      await this.insertDelivery(tx, deliveryId, eventId);
      return true;
    });
    if (!created) return;
    if (url) await this.enqueue(deliveryId);
  }

  /** A pending delivery to the configured URL, or (without one) a failed delivery that can be replayed later. */
  private async insertDelivery(tx: Queryable, deliveryId: string, eventId: string): Promise<void> {
    const url = this.deps.settings.url;
    await tx.query(
      `insert into webhook_deliveries (id, event_id, url, status, last_error, next_attempt_at)
       values ($1, $2, $3, $4, $5, case when $4 = 'pending' then now() end)`,
      [deliveryId, eventId, url ?? '', url ? 'pending' : 'failed', url ? null : NO_URL_ERROR],
    );
  }

  private async enqueue(deliveryId: string): Promise<void> {
    let error: string | null = null;
    if (!this.deps.jobs) error = 'Not sent: the job queue is not running in this instance.';
    else {
      try {
        await this.deps.jobs.send(QUEUES.deliverWebhook.name, { deliveryId }, { singletonKey: deliveryId });
      } catch (cause) {
        error = `Not sent: the delivery job could not be queued (${(cause as Error).message}).`;
      }
    }
    if (error) {
      this.deps.logger.error({ deliveryId, error }, 'webhook delivery not scheduled');
      await this.deps.db.query(`update webhook_deliveries set status = 'failed', last_error = $2, next_attempt_at = null where id = $1`, [deliveryId, error]);
    }
  }

  /**
   * Registers the delivery worker on the job queue (called when this instance runs workers), after
   * resolving the webhook host once: a host that resolves to a non-public address fails start-up.
   */
  async startWorker(): Promise<void> {
    const { url, allowPrivate } = this.deps.settings;
    if (url) {
      try {
        await assertWebhookUrlResolvesPublic(url, { allowPrivate });
      } catch (error) {
        if (error instanceof WebhookUrlError && error.code === 'DNS_FAILED') {
          // DNS may be down at boot; every delivery resolves (and checks) again, and retries.
          this.deps.logger.warn({ url: redactUrl(url), err: error }, 'webhook host did not resolve at start-up; deliveries will retry');
        } else {
          throw new TypeError(`createCandid: webhookUrl (CANDID_WEBHOOK_URL) refused: ${(error as Error).message}`, { cause: error });
        }
      }
    }
    if (!this.deps.jobs) {
      this.deps.logger.warn('webhook worker not started: no job queue');
      return;
    }
    await this.deps.jobs.work<{ deliveryId: string }>(QUEUES.deliverWebhook.name, (data, job) => this.attemptDelivery(data.deliveryId, job));
    void this.catchUp().catch((error: unknown) => this.deps.logger.error({ err: error }, 'webhook catch-up failed; the daily sweep tries again'));
  }

  /**
   * Pending deliveries no job will send: the process died between storing the event and queuing
   * its job, or a worker died during the last attempt. Queued again (the receiver dedupes on
   * `webhook-id`); one whose attempts are used up is marked failed, to be replayed by a person.
   * Run at every worker start and by the daily sweep job; safe to repeat.
   */
  async catchUp(): Promise<{ queued: string[]; failed: string[] }> {
    const { db, jobs, settings } = this.deps;
    const queued: string[] = [];
    const failed: string[] = [];
    if (!jobs || !settings.url) return { queued, failed };
    const { rows } = await db.query<{ id: string; attempts: number }>(
      `select id, attempts from webhook_deliveries
       where status = 'pending' and created_at < now() - interval '1 minute' and coalesce(next_attempt_at, created_at) < now() - interval '1 minute'
       order by seq`,
    );
    for (const row of rows) {
      if (await jobs.hasLiveJob(QUEUES.deliverWebhook.name, 'deliveryId', row.id)) continue;
      if (row.attempts > QUEUES.deliverWebhook.retryLimit) {
        await db.query(`update webhook_deliveries set status = 'failed', last_error = $2, next_attempt_at = null where id = $1 and status = 'pending'`, [row.id, LOST_LAST_ATTEMPT_ERROR]);
        failed.push(row.id);
        continue;
      }
      await this.enqueue(row.id);
      queued.push(row.id);
    }
    if (queued.length + failed.length > 0) this.deps.logger.warn({ queued, failed }, 'webhooks: pending deliveries without a job were queued again (or failed)');
    return { queued, failed };
  }

  /**
   * One delivery attempt (the job handler; exposed for tests and tooling). Logs the attempt and
   * updates the delivery; throws {@link WebhookDeliveryError} on failure so the queue retries.
   * @internal
   */
  async attemptDelivery(deliveryId: string, job: DeliveryJob): Promise<void> {
    const { db, settings, logger } = this.deps;
    const { rows } = await db.query<DeliveryRow>(
      `select d.*, d.seq::text as seq, e.type as event_type, e.session_id, e.payload
       from webhook_deliveries d join webhook_events e on e.id = d.event_id where d.id = $1`,
      [deliveryId],
    );
    const row = rows[0];
    if (!row) {
      logger.warn({ deliveryId }, 'webhook delivery no longer exists; nothing to send');
      return;
    }
    // Already settled: a duplicate job, or a retry after the success was stored but not acknowledged.
    if (row.status !== 'pending') return;

    const policy = await this.retryPolicy(job);
    const isLast = job.retryCount >= policy.retryLimit;
    const startedAt = new Date();
    let result: PostResult;
    const payload = await this.openPayload(row, null);
    if (!payload) {
      await db.query(`update webhook_deliveries set status = 'failed', last_error = $2, next_attempt_at = null where id = $1`, [deliveryId, ERASED_ERROR]);
      return;
    }
    if (!settings.url || !this.#key) {
      result = { statusCode: null, error: 'This instance has no webhook URL or secret configured (CANDID_WEBHOOK_URL, CANDID_WEBHOOK_SECRET).', durationMs: 0 };
    } else {
      const body = serializePayload(payload);
      // Signed afresh at each attempt, so a retry hours later is within the receiver's tolerance.
      const timestamp = Math.floor(Date.now() / 1000);
      result = await postWebhook({
        url: settings.url,
        body,
        timeoutMs: TIMEOUT_MS,
        allowPrivate: settings.allowPrivate,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': row.event_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook({ id: row.event_id, timestamp, body, secret: this.#key }),
        },
      });
    }

    const ok = is2xx(result);
    const status: WebhookDeliveryStatus = ok ? 'delivered' : isLast ? 'failed' : 'pending';
    const nextAttemptAt = status === 'pending' ? new Date(Date.now() + retryDelaySeconds(policy, job.retryCount) * 1000) : null;
    await db.transaction(async (tx) => {
      await tx.query('insert into webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms) values ($1, $2, $3, $4, $5)', [
        deliveryId,
        startedAt,
        result.statusCode,
        result.error,
        result.durationMs,
      ]);
      await tx.query(
        `update webhook_deliveries
         set attempts = attempts + 1, last_status_code = $2, last_error = $3, status = $4, next_attempt_at = $5,
             delivered_at = case when $4 = 'delivered' then now() else delivered_at end, url = coalesce($6, url)
         where id = $1`,
        [deliveryId, result.statusCode, result.error, status, nextAttemptAt, settings.url ?? null],
      );
    });
    if (ok) return;
    const context = { deliveryId, eventId: row.event_id, attempt: job.retryCount + 1, statusCode: result.statusCode, error: result.error };
    if (isLast) logger.error(context, 'webhook delivery failed for good: no retries left (replay it with POST /v1/webhooks/deliveries/{id}/replay)');
    throw new WebhookDeliveryError(`Webhook delivery ${deliveryId} failed: ${result.error ?? `HTTP ${result.statusCode}`}`);
  }

  /**
   * The job's own retry policy: from the queue's job metadata when given, else from pg-boss's job
   * row (the queue's retry delay is shortened in tests), else the queue defaults.
   */
  private async retryPolicy(job: DeliveryJob): Promise<RetryPolicy> {
    const defaults: RetryPolicy = { retryLimit: QUEUES.deliverWebhook.retryLimit, retryDelay: QUEUES.deliverWebhook.retryDelay, retryBackoff: QUEUES.deliverWebhook.retryBackoff };
    if (job.retryLimit !== undefined && job.retryDelay !== undefined) {
      return { retryLimit: job.retryLimit, retryDelay: job.retryDelay, retryBackoff: job.retryBackoff ?? defaults.retryBackoff };
    }
    if (!job.id) return defaults;
    try {
      // pg-boss lives in `<sdk schema>_jobs` (candid.ts); read-only, and only these three columns.
      this.#jobsSchema ??= this.deps.db
        .query<{ schema: string }>('select current_schema() as schema')
        .then(({ rows }) => (rows[0]?.schema && /^[a-z_][a-z0-9_]*$/.test(rows[0].schema) ? `${rows[0].schema}_jobs` : null));
      const schema = await this.#jobsSchema;
      if (!schema) return defaults;
      const { rows } = await this.deps.db.query<{ retry_limit: number; retry_delay: number; retry_backoff: boolean }>(
        `select retry_limit, retry_delay, retry_backoff from ${schema}.job where name = $1 and id = $2::uuid`,
        [QUEUES.deliverWebhook.name, job.id],
      );
      const found = rows[0];
      return found ? { retryLimit: found.retry_limit, retryDelay: found.retry_delay, retryBackoff: found.retry_backoff } : defaults;
    } catch {
      return defaults;
    }
  }

  /**
   * Deliveries, newest first, with their attempts; keyset-paginated on the insertion sequence.
   * Filters: `status`, `sessionId`, `eventType`; `limit` 1–200 (default 50); `cursor` from the previous page.
   */
  async listDeliveries(query: { status?: unknown; sessionId?: unknown; eventType?: unknown; limit?: unknown; cursor?: unknown } = {}): Promise<WebhookDeliveryPage> {
    const v = new Validator();
    const status = query.status === undefined ? undefined : v.string(query.status, 'status');
    if (status !== undefined && !WEBHOOK_DELIVERY_STATUSES.includes(status as WebhookDeliveryStatus)) v.fail('status', `must be one of ${WEBHOOK_DELIVERY_STATUSES.join(', ')}`);
    const sessionId = query.sessionId === undefined ? undefined : v.string(query.sessionId, 'sessionId', { max: 64 });
    const eventType = query.eventType === undefined ? undefined : v.string(query.eventType, 'eventType');
    if (eventType !== undefined && !WEBHOOK_EVENT_TYPES.includes(eventType as WebhookEventType)) v.fail('eventType', `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    const limit = query.limit === undefined ? 50 : v.integer(typeof query.limit === 'string' && /^\d+$/.test(query.limit) ? Number(query.limit) : query.limit, 'limit', 1, 200);
    const cursor = query.cursor === undefined ? null : typeof query.cursor === 'string' ? decodeCursor(query.cursor) : null;
    if (query.cursor !== undefined && !cursor) v.fail('cursor', 'is not a cursor this API returned');
    v.done();

    const { rows } = await this.deps.db.query<DeliveryRow>(
      `select d.*, d.seq::text as seq, e.type as event_type, e.session_id, e.payload
       from webhook_deliveries d join webhook_events e on e.id = d.event_id
       where ($1::text is null or d.status = $1) and ($2::text is null or e.session_id = $2)
         and ($3::text is null or e.type = $3) and ($4::bigint is null or d.seq < $4::bigint)
       order by d.seq desc limit $5`,
      [status ?? null, sessionId ?? null, eventType ?? null, cursor, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { deliveries: await this.hydrate(page), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.seq) : null };
  }

  /**
   * Sends a delivery's event again, as a new delivery to the currently configured URL: the same
   * event id (`webhook-id`) and the same body, signed afresh. Returns the new delivery (pending).
   */
  async replay(deliveryId: string): Promise<WebhookDelivery> {
    if (typeof deliveryId !== 'string' || !isWellFormedId(deliveryId, 'dlv')) throw new CandidError('WEBHOOK_DELIVERY_NOT_FOUND');
    const { rows } = await this.deps.db.query<{ event_id: string }>('select event_id from webhook_deliveries where id = $1', [deliveryId]);
    if (!rows[0]) throw new CandidError('WEBHOOK_DELIVERY_NOT_FOUND');
    if (!this.deps.settings.url) throw new CandidError('WEBHOOK_NOT_CONFIGURED');
    const replayId = newId('dlv');
    await this.insertDelivery(this.deps.db, replayId, rows[0].event_id);
    await this.enqueue(replayId);
    return this.get(replayId);
  }

  private async get(deliveryId: string): Promise<WebhookDelivery> {
    const { rows } = await this.deps.db.query<DeliveryRow>(
      `select d.*, d.seq::text as seq, e.type as event_type, e.session_id, e.payload
       from webhook_deliveries d join webhook_events e on e.id = d.event_id where d.id = $1`,
      [deliveryId],
    );
    if (!rows[0]) throw new CandidError('WEBHOOK_DELIVERY_NOT_FOUND');
    return (await this.hydrate(rows))[0]!;
  }

  /**
   * The stored payload with its data decrypted. Once the session's key is destroyed: `ifErased`
   * (plus the session id) as data, or null when `ifErased` is null.
   */
  private async openPayload(row: { session_id: string | null; payload: WebhookPayload | string }, ifErased: Record<string, unknown> | null): Promise<WebhookPayload | null> {
    const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as WebhookPayload) : row.payload;
    const data: unknown = payload.data;
    if (!isSealedText(data) || !row.session_id || !this.deps.dataKeys) return payload;
    const opened = await this.deps.dataKeys.openTextIfKept(row.session_id, data);
    if (opened === null) return ifErased ? { ...payload, data: { sessionId: row.session_id, ...ifErased } } : null;
    return { ...payload, data: JSON.parse(opened) as WebhookPayload['data'] };
  }

  private async hydrate(rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
    if (rows.length === 0) return [];
    const { rows: attempts } = await this.deps.db.query<AttemptRow>(
      'select delivery_id, attempted_at, status_code, error, duration_ms from webhook_attempts where delivery_id = any($1::text[]) order by id',
      [rows.map((r) => r.id)],
    );
    const byDelivery = new Map<string, WebhookAttempt[]>();
    for (const a of attempts) {
      const list = byDelivery.get(a.delivery_id) ?? [];
      list.push({ attemptedAt: iso(a.attempted_at)!, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms });
      byDelivery.set(a.delivery_id, list);
    }
    const payloads = await Promise.all(rows.map((r) => this.openPayload(r, { erased: true })));
    return rows.map((r, i) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      sessionId: r.session_id,
      url: r.url ? redactUrl(r.url) : null,
      status: r.status,
      attemptCount: r.attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      nextAttemptAt: iso(r.next_attempt_at),
      deliveredAt: iso(r.delivered_at),
      createdAt: iso(r.created_at)!,
      payload: payloads[i]!,
      attempts: byDelivery.get(r.id) ?? [],
    }));
  }
}

/** The earliest wait before the next attempt: pg-boss waits between this and twice this (jitter). */
export function retryDelaySeconds(policy: { retryDelay: number; retryBackoff: boolean }, retryCount: number): number {
  return policy.retryBackoff ? Math.max(policy.retryDelay, 1) * 2 ** Math.min(16, retryCount) : policy.retryDelay;
}
