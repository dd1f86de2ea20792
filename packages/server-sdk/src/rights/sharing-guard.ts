import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { WebhookEmitter, WebhookEventType } from '../webhooks/events.js';

/** What a restricted or objected session may still announce. */
const ALWAYS_SENT: ReadonlySet<WebhookEventType> = new Set(['restriction.changed', 'session.erased']);

/**
 * "No sharing" while a session is restricted (GDPR Art. 18/21): every event about it is dropped,
 * except the change of restriction itself and the erasure notice.
 */
export class SharingGuard implements WebhookEmitter {
  constructor(
    private readonly db: Database,
    private readonly inner: WebhookEmitter,
    private readonly logger: Logger,
  ) {}

  async emit(type: WebhookEventType, data: Record<string, unknown>, options: { sessionId?: string; dedupeKey?: string } = {}): Promise<void> {
    if (options.sessionId && !ALWAYS_SENT.has(type)) {
      const { rows } = await this.db.query<{ restriction: string | null }>('select restriction from sessions where id = $1', [options.sessionId]);
      if (rows[0]?.restriction) {
        this.logger.info({ sessionId: options.sessionId, type }, 'webhook not sent: the session is restricted');
        return;
      }
    }
    await this.inner.emit(type, data, options);
  }
}
