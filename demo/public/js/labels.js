// Plain-English labels for every status, decision and processing value the demo shows: the one
// place where Candid's raw values become words. The server's pages import this file from
// demo/public/js, and the browser scripts load it from /js/labels.js, so both say the same.

export const SESSION_STATUS = {
  invited: 'Invited, not started',
  consented: 'Agreed, not answered yet',
  in_progress: 'Answering',
  completed: 'Finished',
  scored: 'Finished, AI scores ready',
  withdrawn: 'Withdrew consent',
  erased: 'Data erased',
};

/** What the candidate agreed to (codes from review-model.mjs `consentOf`). */
export const CONSENT = {
  none: 'Not decided yet',
  declined: 'Declined the recording',
  recording: 'Recording only, no AI',
  recording_ai: 'Recording and AI evaluation',
};

/** The pipeline's steps per answer, and their states. */
export const STEP = { media: 'Video processing', transcription: 'Transcript' };
export const STEP_STATUS = { pending: 'waiting', running: 'in progress', done: 'done', skipped: 'skipped', failed: 'failed' };

/** The AI evaluation of a session (`none`: not started; `off`: no OpenAI-compatible API configured). */
export const EVALUATION = {
  none: 'Not started',
  pending: 'Waiting for the AI',
  scored: 'Scored (a recommendation)',
  skipped: 'Not scored',
  failed: 'Scoring failed',
  off: 'AI not configured',
};

/** The reviewer's decisions, in the order the form offers them. */
export const DECISION = {
  advance: 'Advance to the next stage',
  hold: 'On hold (decide later)',
  reject: 'Reject',
};

export const DECIDED = { yes: 'Decision recorded', no: 'Awaiting a decision' };

export const REQUEST_TYPE = {
  accommodation: 'Asked for an accommodation',
  alternative_process: 'Asked for another format',
  human_review: 'Asked for a human review',
  opt_out_ai: 'Opted out of AI evaluation',
};
export const REQUEST_STATUS = { open: 'open', resolved: 'resolved' };

/** `table[value]`, or a visible marker for a value this demo does not know yet (never the raw word alone). */
export const label = (table, value) => (value !== null && value !== undefined && Object.hasOwn(table, value) ? table[value] : `Unknown (${value})`);

/** "Video processing: in progress". */
export const stepLabel = (step, status) => `${label(STEP, step)}: ${label(STEP_STATUS, status)}`;

/**
 * Who the candidate is: the name the ATS invited them with. Visitors of the careers and React pages
 * come without one (their external ids start with `demo-` and `react-`, see routes/pages.mjs).
 */
export function candidateName(candidate) {
  if (candidate.name) return candidate.name;
  if (candidate.externalId.startsWith('demo-')) return 'Careers-page visitor';
  if (candidate.externalId.startsWith('react-')) return 'React-page visitor';
  return 'No name given';
}
