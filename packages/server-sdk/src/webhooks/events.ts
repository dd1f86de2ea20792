/** Webhook event types (the contract's, plus the ones the pipeline and reviews add). */
export const WEBHOOK_EVENT_TYPES = [
  'session.consented',
  'session.withdrawn',
  'answer.stored',
  'session.completed',
  'session.scored',
  'session.processing_failed',
  'session.erased',
  'request.created',
  'review.recorded',
  'restriction.changed',
  'retention.expired',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What services call to announce something; delivery, signing and retries are the webhook module's job. */
export interface WebhookEmitter {
  /**
   * Records the event and schedules its delivery. `dedupeKey` makes emitting idempotent: the same
   * key emits once, however many workers or retries get there (e.g. `session.scored:<sessionId>`).
   */
  emit(type: WebhookEventType, data: Record<string, unknown>, options?: { sessionId?: string; dedupeKey?: string }): Promise<void>;
}
