import { CandidError } from '../errors.js';
import type { SessionRow } from './rows.js';

/** What the gate needs of the candidate's latest consent decision. */
export interface RecordingConsent {
  recording: boolean;
  ageConfirmed: boolean;
}

/**
 * The one rule for every write of a candidate's recording (upload creation, every PATCH, answer
 * commit, completion): the session's current state and its latest consent decision allow it.
 * The session row comes from the request's authentication (read per request), the consent from
 * the newest record. Withdrawn, erased and expired sessions never get here (authentication refuses
 * them); completed ones get `SESSION_CLOSED`.
 */
export function assertAcceptsRecording(session: Pick<SessionRow, 'status'>, consent: RecordingConsent | null): void {
  if (session.status === 'invited') throw new CandidError('CONSENT_REQUIRED');
  if (session.status !== 'consented' && session.status !== 'in_progress') throw new CandidError('SESSION_CLOSED');
  // Unreachable while consent downgrades are refused (ConsentService.record): kept as the last word.
  if (!consent?.recording || !consent.ageConfirmed) throw new CandidError('CONSENT_REQUIRED');
}
