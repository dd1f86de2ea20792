// /ats/interviews/:id: one interview, its candidates, and the "invite a candidate" form that
// creates a Candid session and shows the candidate's link with a Copy button.
import { html } from '../lib/html.mjs';
import { CONSENT, SESSION_STATUS, label } from '../public/js/labels.js';
import { dateCell, operatorLayout } from './layout.mjs';

/** Who candidates are told is asking, and where that comes from. */
function employerFacts(interview, employer) {
  if (!employer) return html`<p class="warning" id="employer-warning">No employer: neither this interview nor the server (<code>CANDID_EMPLOYER_NAME</code>) names one, so candidates are not told who is asking.</p>`;
  const source = interview.employer ? 'this interview' : "the server's default employer";
  return html`<p class="note">Employer shown to candidates: <strong>${employer.name}</strong> (from ${source})${employer.privacyUrl ? html` · <a href="${employer.privacyUrl}">privacy policy</a>` : ''}${employer.contactEmail ? html` · ${employer.contactEmail}` : ''}</p>`;
}

/** The notice, or a warning that there is none of its own. */
function noticeFacts(interview, employer) {
  if (interview.notice) return html`<details><summary>Privacy notice, version ${interview.notice.version}</summary><pre class="notice">${interview.notice.markdown}</pre></details>`;
  return html`<p class="warning" id="notice-warning">No privacy notice of its own: the consent screen shows only Candid's standard sections,
       which do not say who is asking or why.${employer ? html` Candidates learn the employer, ${employer.name}, from the first screen only.` : ''}
       Create a new interview with a notice to say who you are, what the interview is for and who to contact.</p>`;
}

export function interviewAdminPage({ interview, employer, sessions }) {
  return operatorLayout({
    title: interview.title,
    active: 'admin',
    scripts: [{ src: '/js/admin.js', module: true }],
    body: html`    <p><a href="/ats">← All interviews</a></p>
    <h1>${interview.title}</h1>
    <p class="note">Interview <code>${interview.id}</code> · locale ${interview.locale} · jurisdictions ${interview.jurisdictions.join(', ') || 'none'} · media kept ${interview.retention.mediaDays} days</p>
    <ol class="questions">${interview.questions.map(
      (q) => html`
      <li><p>${q.prompt}</p><p class="note">${q.thinkSeconds} s to think, ${q.answerSeconds} s to answer, ${q.maxRetakes} retake${q.maxRetakes === 1 ? '' : 's'}${
        q.competencies.length ? html` · competencies: ${q.competencies.map((c) => c.id).join(', ')}` : ''
      }</p></li>`,
    )}
    </ol>
    ${employerFacts(interview, employer)}
    ${noticeFacts(interview, employer)}

    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a candidate</h2>
      <form id="invite-form" data-interview-id="${interview.id}">
        <div class="row">
          <label>Candidate id in your ATS <input name="externalId" maxlength="200" required></label>
          <label>Name (optional) <input name="name" maxlength="200"></label>
          <label>E-mail (optional) <input name="email" type="email" maxlength="320"></label>
        </div>
        <div id="invite-error" class="form-error" aria-live="polite"></div>
        <p><button type="submit">Create session and link</button></p>
      </form>
      <div id="invite-result" class="link-box" hidden>
        <label for="candidate-link">Send this link to the candidate</label>
        <div class="row">
          <input id="candidate-link" readonly>
          <button type="button" data-copy="candidate-link">Copy link</button>
        </div>
        <p class="note" id="link-expiry"></p>
      </div>
    </section>

    <section aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">Candidates</h2>
      ${
        sessions.length === 0
          ? html`<p>No candidates invited yet.</p>`
          : html`<table class="responsive">
        <thead><tr><th scope="col">Candidate</th><th scope="col">Status</th><th scope="col">Consent</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${sessions.map(
          (s) => html`
          <tr><td data-label="Candidate"><span>${s.candidate.display}<span class="note block">${s.candidate.externalId}</span></span></td><td data-label="Status">${label(SESSION_STATUS, s.status)}</td><td data-label="Consent">${label(CONSENT, s.consent)}</td><td data-label="Created">${dateCell(s.createdAt)}</td>
            <td class="actions"><a href="/review/${s.id}">Review</a> <button type="button" class="secondary" data-new-link="${s.id}">New link</button></td></tr>`,
        )}
        </tbody>
      </table>`
      }
    </section>`,
  });
}
