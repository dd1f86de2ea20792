// /ats/interviews/:id: one interview, its candidates, and the "invite a candidate" form that
// creates a Candid session and shows the candidate's link with a Copy button.
import { html } from '../lib/html.mjs';
import { formatDate, layout } from './layout.mjs';

export function interviewAdminPage({ interview, sessions }) {
  return layout({
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
    ${interview.notice ? html`<details><summary>Privacy notice, version ${interview.notice.version}</summary><pre class="notice">${interview.notice.markdown}</pre></details>` : html`<p class="note">No privacy notice of its own: candidates see Candid's standard sections.</p>`}

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
          : html`<table>
        <thead><tr><th scope="col">Candidate</th><th scope="col">Status</th><th scope="col">Consent</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${sessions.map(
          (s) => html`
          <tr><td>${s.candidate}</td><td>${s.status}</td><td>${s.consent}</td><td>${formatDate(s.createdAt)}</td>
            <td><a href="/review/${s.id}">Review</a> <button type="button" class="secondary" data-new-link="${s.id}">New link</button></td></tr>`,
        )}
        </tbody>
      </table>`
      }
    </section>`,
  });
}
