// /review: every session of the ATS's interviews, newest first.
import { html } from '../lib/html.mjs';
import { CONSENT, DECIDED, EVALUATION, SESSION_STATUS, label } from '../public/js/labels.js';
import { dateCell, operatorLayout } from './layout.mjs';

/** The AI column: `off` without an OpenAI-compatible API, `none` before the evaluation exists. */
const evaluationLabel = (status, aiConfigured) => label(EVALUATION, aiConfigured ? (status ?? 'none') : 'off');

export function reviewListPage({ sessions, aiConfigured }) {
  return operatorLayout({
    title: 'Reviewer',
    active: 'review',
    body: html`    <h1>Candidates to review</h1>
    ${aiConfigured ? '' : html`<p class="banner">Transcription and scoring are not configured (no <code>OPENAI_API_KEY</code>): reviewers watch the answers and decide.</p>`}
    ${
      sessions.length === 0
        ? html`<p>No sessions yet. Invite a candidate from the <a href="/ats">ATS admin</a> page, or open the <a href="/">careers page</a> as a candidate.</p>`
        : html`<table id="sessions" class="responsive">
      <thead><tr><th scope="col">Candidate</th><th scope="col">Interview</th><th scope="col">Status</th><th scope="col">Consent</th><th scope="col">Created</th><th scope="col">Answers</th><th scope="col">AI scores</th><th scope="col">Decision</th></tr></thead>
      <tbody>${sessions.map(
        (s) => html`
        <tr data-session-id="${s.id}"><td data-label="Candidate"><span><a href="/review/${s.id}">${s.candidate.display}</a><span class="note block">${s.candidate.externalId}</span></span></td><td data-label="Interview">${s.interview.title}</td><td data-label="Status">${label(SESSION_STATUS, s.status)}</td><td data-label="Consent">${label(CONSENT, s.consent)}</td>
          <td data-label="Created">${dateCell(s.createdAt)}</td><td data-label="Answers">${s.answers}</td><td data-label="AI scores">${evaluationLabel(s.evaluation, aiConfigured)}</td><td data-label="Decision">${label(DECIDED, s.decided ? 'yes' : 'no')}</td></tr>`,
      )}
      </tbody>
    </table>`
    }`,
  });
}
