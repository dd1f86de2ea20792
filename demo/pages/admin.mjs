// /ats: the fake ATS's admin page. Lists the interviews and creates new ones (admin.js posts the
// form to /ats/api/interviews and shows Candid's typed errors).
import { JURISDICTION_IDS, NOTICE_ITEMS, PACKS } from '@candid/server-sdk';
import { EMPLOYER_SECTIONS } from '../lib/admin-forms.mjs';
import { html } from '../lib/html.mjs';
import { dateCell, operatorLayout } from './layout.mjs';

function questionFieldset() {
  return html`<fieldset class="question" data-question>
        <legend>Question</legend>
        <label>Prompt <textarea data-field="prompt" rows="2" maxlength="2000" required></textarea></label>
        <div class="row">
          <label>Think seconds <input data-field="thinkSeconds" type="number" min="0" max="600" value="30"></label>
          <label>Answer seconds <input data-field="answerSeconds" type="number" min="5" max="1800" value="120"></label>
          <label>Retakes <input data-field="maxRetakes" type="number" min="0" max="10" value="1"></label>
        </div>
        <label>Competencies (optional, one per line: <code>id: description</code>; the rubric AI scoring uses)
          <textarea data-field="competencies" rows="2" placeholder="communication: Explains clearly and concretely."></textarea></label>
        <button type="button" class="secondary" data-remove-question>Remove this question</button>
      </fieldset>`;
}

/**
 * The employer fields, prefilled with the server's default employer (`createCandid({ employer })`,
 * CANDID_EMPLOYER_*): candidates see them on the first screen, notice or not.
 */
function employerFieldset(defaultEmployer) {
  const value = (field) => defaultEmployer?.[field] ?? '';
  return html`<fieldset>
          <legend>Employer (who is asking: candidates see it before they agree)</legend>
          <p class="note">${
            defaultEmployer
              ? html`Prefilled with this server's default employer, <strong>${defaultEmployer.name}</strong>. Leave the name empty to use the default.`
              : html`This server has no default employer (<code>CANDID_EMPLOYER_NAME</code>): without a name here, candidates are not told who is asking.`
          }</p>
          <div class="row">
            <label>Name <input name="employerName" maxlength="200" value="${value('name')}"></label>
            <label>Contact e-mail <input name="employerContactEmail" type="email" maxlength="254" value="${value('contactEmail')}"></label>
          </div>
          <label>Logo URL (absolute http(s)) <input name="employerLogoUrl" type="url" maxlength="2048" value="${value('logoUrl')}"></label>
          <div class="row">
            <label>Privacy policy URL <input name="employerPrivacyUrl" type="url" maxlength="2048" value="${value('privacyUrl')}"></label>
            <label>Contact page URL <input name="employerContactUrl" type="url" maxlength="2048" value="${value('contactUrl')}"></label>
          </div>
        </fieldset>`;
}

export function adminPage({ interviews, defaultEmployer }) {
  return operatorLayout({
    title: 'ATS admin',
    active: 'admin',
    scripts: [{ src: '/js/admin.js', module: true }],
    body: html`    <h1>ATS admin</h1>
    <p class="note">A stand-in for your applicant tracking system. Its backend calls Candid in-process
       (<code>candid.interviews</code>, <code>candid.sessions</code>); no API key reaches this page. No login in this demo.
       Candidates never see these pages: try the <a href="/">careers page</a> as one.</p>
    <section aria-labelledby="interviews-heading">
      <h2 id="interviews-heading">Interviews</h2>
      ${
        interviews.length === 0
          ? html`<p>No interviews yet.</p>`
          : html`<table class="responsive">
        <thead><tr><th scope="col">Title</th><th scope="col">Employer</th><th scope="col">Questions</th><th scope="col">Locale</th><th scope="col">Jurisdictions</th><th scope="col">Created</th></tr></thead>
        <tbody>${interviews.map(
          (i) => html`
          <tr><td data-label="Title"><a href="/ats/interviews/${i.id}">${i.title}</a></td><td data-label="Employer">${i.employer?.name ?? (defaultEmployer ? html`<span class="note">default (${defaultEmployer.name})</span>` : html`<span class="note">none</span>`)}</td><td data-label="Questions">${i.questions.length}</td><td data-label="Locale">${i.locale}</td><td data-label="Jurisdictions">${i.jurisdictions.join(', ') || 'none'}</td><td data-label="Created">${dateCell(i.createdAt)}</td></tr>`,
        )}
        </tbody>
      </table>`
      }
    </section>
    <section aria-labelledby="new-heading">
      <h2 id="new-heading">New interview</h2>
      <form id="interview-form">
        <label>Title <input name="title" maxlength="200" required></label>
        <label>Locale (BCP 47) <input name="locale" value="en" maxlength="35"></label>
        ${employerFieldset(defaultEmployer)}
        <fieldset>
          <legend>Jurisdictions (the strictest rules apply)</legend>
          ${JURISDICTION_IDS.map((id) => html`<label class="inline"><input type="checkbox" name="jurisdictions" value="${id}"> ${PACKS[id].name}</label>`)}
        </fieldset>
        <fieldset>
          <legend>Privacy notice (shown on the consent screen)</legend>
          <p class="warning" id="notice-warning">Without a notice of its own, the consent screen shows only Candid's
             standard sections, which do not say who is asking or why. Candidates then learn the employer only from the
             employer fields above${defaultEmployer ? html` (or the default, ${defaultEmployer.name})` : ''}: write a notice that names
             you, what the interview is for and who to contact.</p>
          <label>Version <input name="noticeVersion" maxlength="64" placeholder="2026-11"></label>
          <label>Notice (Markdown) <textarea name="noticeMarkdown" rows="4"></textarea></label>
          <details>
            <summary>Sections only you can write (required by some jurisdictions; Candid writes the rest)</summary>
            ${EMPLOYER_SECTIONS.map((id) => html`<label>${id}: ${NOTICE_ITEMS[id]} <textarea data-section="${id}" rows="2"></textarea></label>`)}
          </details>
        </fieldset>
        <div id="questions">
      ${questionFieldset()}
        </div>
        <template id="question-template">${questionFieldset()}</template>
        <p><button type="button" class="secondary" id="add-question">Add a question</button></p>
        <div id="interview-error" class="form-error" aria-live="polite"></div>
        <p><button type="submit">Create interview</button></p>
      </form>
    </section>`,
  });
}
