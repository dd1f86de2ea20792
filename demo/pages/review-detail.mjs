// /review/:id: one candidate's answers (playback, transcript, AI scores with evidence) and the
// person's decision. review.js plays HLS with hls.js, seeks the video from the transcript, posts
// the decision, and while processing runs polls the session and reloads the page when it is done.
import { html } from '../lib/html.mjs';
import { DECISIONS } from '../lib/review-form.mjs';
import { CONSENT, DECISION, EVALUATION, REQUEST_STATUS, REQUEST_TYPE, SESSION_STATUS, label, stepLabel } from '../public/js/labels.js';
import { formatDate, operatorLayout } from './layout.mjs';

const clock = (ms) => {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

function player(answer) {
  if (answer.sources.length === 0) return html`<p class="note">No media stored for this answer.</p>`;
  const sources = answer.sources.map((s) => html`<source src="${s.url}" type="${s.type}" data-label="${s.label}">`);
  return answer.kind === 'audio'
    ? html`<audio id="media-${answer.id}" controls preload="metadata">${sources}</audio>`
    : answer.hls
      ? html`<video id="media-${answer.id}" controls preload="metadata" playsinline data-hls="${answer.hls}">${sources}</video>`
      : html`<video id="media-${answer.id}" controls preload="metadata" playsinline>${sources}</video>`;
}

function transcript(answer, ai) {
  if (!ai.configured) return '';
  const step = answer.processing.transcription;
  if (!answer.transcript) return html`<p class="note">${stepLabel('transcription', step.status)}${step.detail ? html` (${step.detail})` : ''}.</p>`;
  const { segments, text } = answer.transcript;
  return html`<h4>Transcript</h4>${
    segments.length
      ? html`<ol class="transcript">${segments.map(
          (s) => html`<li><button type="button" class="timestamp" data-seek="${(s.startMs / 1000).toFixed(2)}" data-media="media-${answer.id}">${clock(s.startMs)}</button> ${s.text.trim()}</li>`,
        )}</ol>`
      : html`<p class="transcript">${text}</p>`
  }`;
}

function scores(answer, ai) {
  if (!ai.configured || answer.scores.length === 0) return '';
  return html`<h4>AI scores (a recommendation)</h4>
      <table class="scores">
        <thead><tr><th scope="col">Competency</th><th scope="col">Level</th><th scope="col">Rationale</th><th scope="col">Evidence (verbatim quotes)</th></tr></thead>
        <tbody>${answer.scores.map(
          (s) => html`
          <tr><th scope="row">${s.competencyId}<span class="note">${s.description}</span></th><td>${s.level} of ${s.topLevel}</td><td>${s.rationale}</td>
            <td>${s.evidence.length ? html`<ul class="evidence">${s.evidence.map((q) => html`<li><q>${q}</q></li>`)}</ul>` : html`<span class="note">no quote</span>`}${
              s.rejectedEvidence.length ? html`<p class="note">Not used (not found in the transcript): ${s.rejectedEvidence.map((q) => html`<q>${q}</q> `)}</p>` : ''
            }</td></tr>`,
        )}
        </tbody>
      </table>`;
}

function aiSection(ai) {
  const recommendation = html`<p class="recommendation"><strong>AI scores are a recommendation.</strong> A person reviews the answers and makes the decision.</p>`;
  if (!ai.configured) return html`<section aria-labelledby="ai-heading"><h2 id="ai-heading">AI evaluation</h2><p class="banner" id="ai-status">Transcription and scoring are not configured (no <code>OPENAI_API_KEY</code> on this server). Watch the answers and decide.</p></section>`;
  return html`<section aria-labelledby="ai-heading"><h2 id="ai-heading">AI evaluation</h2>${recommendation}
    <dl class="facts" id="ai-status">
      <dt>Status</dt><dd>${ai.status ? label(EVALUATION, ai.status) : 'Waits for the candidate to finish'}${ai.detail ? html` (${ai.detail})` : ''}</dd>
      ${ai.model ? html`<dt>Model</dt><dd>${ai.model}</dd>` : ''}
      ${ai.humanReviewRequired !== null ? html`<dt>Human review required</dt><dd>${ai.humanReviewRequired ? 'yes' : 'no'}</dd>` : ''}
      ${ai.summary ? html`<dt>Summary</dt><dd>${ai.summary}</dd>` : ''}
    </dl></section>`;
}

function decisions(reviews) {
  if (reviews.length === 0) return html`<p id="no-decision">No decision recorded yet.</p>`;
  return html`<ol class="reviews">${reviews.map(
    (r) => html`<li><strong>${label(DECISION, r.decision)}</strong> by ${r.reviewer}, ${formatDate(r.createdAt)}<p>${r.rationale}</p></li>`,
  )}</ol>`;
}

/**
 * While the candidate answers or the pipeline runs: a live status line, and the JSON route review.js
 * polls (`data-poll`); it reloads the page once nothing is left to wait for.
 */
function progressLine(session, progress) {
  if (!progress.busy) return '';
  return html`<p class="banner progress" id="progress" role="status" data-poll="/ats/api/sessions/${session.id}">${progress.summary}</p>`;
}

export function reviewDetailPage(detail) {
  const { session, interview, ai, answers, reviews, progress } = detail;
  return operatorLayout({
    title: `Review ${session.candidate.display}`,
    active: 'review',
    scripts: [{ src: '/js/review.js', module: true }],
    body: html`    <p><a href="/review">← All candidates</a></p>
    <h1>${session.candidate.display} <span class="subtitle">${interview.title}</span></h1>
    ${progressLine(session, progress)}
    <dl class="facts">
      ${session.candidate.name ? '' : html`<dt>Name</dt><dd class="note">The ATS has no name for this candidate.</dd>`}
      <dt>ATS id</dt><dd><code>${session.candidate.externalId}</code></dd>
      <dt>Session</dt><dd><code class="wrap">${session.id}</code> (<a href="/ats/sessions/${session.id}">as the ATS API returns it</a>)</dd>
      <dt>Status</dt><dd id="session-status">${label(SESSION_STATUS, session.status)}</dd>
      <dt>Consent</dt><dd>${label(CONSENT, session.consent)}${session.consentRecord ? html` (notice ${session.consentRecord.noticeVersion ?? 'standard'}, ${formatDate(session.consentRecord.decidedAt)})` : ''}</dd>
      <dt>Created</dt><dd>${formatDate(session.createdAt)}</dd>
      ${session.completedAt ? html`<dt>Completed</dt><dd>${formatDate(session.completedAt)}</dd>` : ''}
      ${session.requests.length ? html`<dt>Candidate requests</dt><dd>${session.requests.map((r) => html`${label(REQUEST_TYPE, r.type)}${r.message ? html`: “${r.message}”` : ''} (${label(REQUEST_STATUS, r.status)}) `)}</dd>` : ''}
    </dl>
    ${aiSection(ai)}
    <section aria-labelledby="answers-heading">
      <h2 id="answers-heading">Answers</h2>
      ${answers.length === 0 ? html`<p>No answers committed yet.</p>` : ''}
      ${answers.map(
        (a) => html`<article class="answer" data-answer-id="${a.id}">
        <h3>${a.prompt}</h3>
        <p class="note">Take ${a.attempt}${a.durationMs ? html` · ${clock(a.durationMs)}` : ''}${a.silent ? ' · no speech detected' : ''} · ${stepLabel('media', a.processing.media.status)}${a.processing.media.detail ? html` (${a.processing.media.detail})` : ''}</p>
        ${player(a)}
        ${transcript(a, ai)}
        ${scores(a, ai)}
      </article>`,
      )}
    </section>
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">Decision</h2>
      <p class="note">A person decides, with reasons. Candid stores the decision with the session (and its audit log).</p>
      <div id="decisions">${decisions(reviews)}</div>
      <form id="decision-form" data-session-id="${session.id}">
        <label>Your name <input name="reviewer" maxlength="200" required></label>
        <fieldset><legend>Decision</legend>
          ${DECISIONS.map((d) => html`<label class="inline"><input type="radio" name="decision" value="${d.value}" required> ${d.label}</label>`)}
        </fieldset>
        <label>Rationale (your reasons, in your words) <textarea name="rationale" rows="3" maxlength="10000" required></textarea></label>
        <div id="decision-error" class="form-error" aria-live="polite"></div>
        <p><button type="submit">Record decision</button></p>
      </form>
    </section>`,
  });
}
