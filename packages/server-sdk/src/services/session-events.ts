import type { Logger } from '../logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { WebhookEmitter } from '../webhooks/events.js';

/**
 * What happens after a state change is stored: background work is scheduled and the ATS is told.
 * Payloads carry ids (session, the ATS's own candidate id), never names or e-mail addresses.
 */
export class SessionEvents {
  /** Extra work on withdrawal (set by createServices: drop the session's queued AI jobs). */
  onWithdrawn: ((sessionId: string) => Promise<void>) | undefined;

  constructor(
    private readonly webhooks: WebhookEmitter,
    private readonly pipeline: Pipeline | undefined,
    private readonly logger: Logger,
  ) {}

  async consented(sessionId: string, consent: { id: string; choices: object; noticeVersion: string | null }, status: string): Promise<void> {
    if (status !== 'consented') return;
    await this.webhooks.emit('session.consented', { sessionId, consentId: consent.id, choices: consent.choices, noticeVersion: consent.noticeVersion }, { sessionId, dedupeKey: `session.consented:${sessionId}` });
  }

  async answerStored(sessionId: string, answer: { id: string; questionId: string; attempt: number; media: object[] }): Promise<void> {
    await this.pipeline?.answerCommitted(answer.id);
    await this.webhooks.emit('answer.stored', { sessionId, answerId: answer.id, questionId: answer.questionId, attempt: answer.attempt, media: answer.media }, { sessionId, dedupeKey: `answer.stored:${answer.id}` });
  }

  async completed(sessionId: string): Promise<void> {
    await this.pipeline?.sessionCompleted(sessionId);
    await this.webhooks.emit('session.completed', { sessionId }, { sessionId, dedupeKey: `session.completed:${sessionId}` });
  }

  async withdrawn(sessionId: string): Promise<void> {
    await this.pipeline?.stopEvaluation(sessionId, 'The candidate withdrew consent.');
    await this.onWithdrawn?.(sessionId);
    await this.webhooks.emit('session.withdrawn', { sessionId }, { sessionId, dedupeKey: `session.withdrawn:${sessionId}` });
  }

  async requestCreated(request: { id: string; sessionId: string; type: string; message: string | null }): Promise<void> {
    if (request.type === 'opt_out_ai') await this.pipeline?.stopEvaluation(request.sessionId, 'The candidate opted out of automated evaluation; a person reviews the answers.');
    await this.webhooks.emit('request.created', { ...request }, { sessionId: request.sessionId, dedupeKey: `request.created:${request.id}` });
  }

  async reviewRecorded(review: { id: string; sessionId: string; reviewer: string; decision: string; rationale: string }): Promise<void> {
    await this.webhooks.emit('review.recorded', { ...review }, { sessionId: review.sessionId, dedupeKey: `review.recorded:${review.id}` });
  }

  /** For triggers that must not fail the candidate's request once its data is stored. */
  async safely(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ err: error, what }, 'after-commit work failed');
    }
  }
}
