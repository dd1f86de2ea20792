// /review: every session of the ATS's interviews, newest first.
import { html } from '../lib/html.mjs';
import { formatDate, layout } from './layout.mjs';

const evaluationLabel = (status, aiConfigured) => {
  if (!aiConfigured) return 'not configured';
  return { scored: 'scored', pending: 'pending', skipped: 'skipped', failed: 'failed' }[status] ?? 'not yet';
};

export function reviewListPage({ sessions, aiConfigured }) {
  return layout({
    title: 'Reviewer',
    active: 'review',
    body: html`    <h1>Candidates to review</h1>
    ${aiConfigured ? '' : html`<p class="banner">Transcription and scoring are not configured (no <code>OPENAI_API_KEY</code>): reviewers watch the answers and decide.</p>`}
    ${
      sessions.length === 0
        ? html`<p>No sessions yet. Invite a candidate from the <a href="/ats">ATS admin</a> page, or open the <a href="/">careers page</a>.</p>`
        : html`<table id="sessions">
      <thead><tr><th scope="col">Candidate</th><th scope="col">Interview</th><th scope="col">Status</th><th scope="col">Consent</th><th scope="col">Created</th><th scope="col">Answers</th><th scope="col">AI scores</th><th scope="col">Decision</th></tr></thead>
      <tbody>${sessions.map(
        (s) => html`
        <tr data-session-id="${s.id}"><td><a href="/review/${s.id}">${s.candidate}</a></td><td>${s.interview.title}</td><td>${s.status}</td><td>${s.consent}</td>
          <td>${formatDate(s.createdAt)}</td><td>${s.answers}</td><td>${evaluationLabel(s.evaluation, aiConfigured)}</td><td>${s.decided ? 'decided' : 'open'}</td></tr>`,
      )}
      </tbody>
    </table>`
    }`,
  });
}
