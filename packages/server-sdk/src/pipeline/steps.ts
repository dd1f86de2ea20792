import type { Queryable } from '../db/database.js';

export type StepName = 'media' | 'transcription';
export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

/** Per-answer step statuses: every step ends done, skipped (with why) or failed (with why). */
export class StepStore {
  constructor(private readonly db: Queryable) {}

  async init(answerId: string): Promise<void> {
    await this.db.query(
      `insert into answer_steps (answer_id, step, status) values ($1, 'media', 'pending'), ($1, 'transcription', 'pending')
       on conflict do nothing`,
      [answerId],
    );
  }

  async set(answerId: string, step: StepName, status: StepStatus, detail: string | null = null): Promise<void> {
    await this.db.query(
      `update answer_steps set status = $3, detail = $4, updated_at = now(),
              attempts = attempts + case when $3 = 'running' then 1 else 0 end
       where answer_id = $1 and step = $2`,
      [answerId, step, status, detail],
    );
  }

  /** True when every answer of the session has a settled transcription step. */
  async transcriptionsSettled(sessionId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ open: string | number }>(
      `select count(*) as open from answer_steps s join answers a on a.id = s.answer_id
       where a.session_id = $1 and s.step = 'transcription' and s.status in ('pending', 'running')`,
      [sessionId],
    );
    return Number(rows[0]?.open ?? 0) === 0;
  }
}
