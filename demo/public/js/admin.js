// ATS admin pages: the "new interview" form (questions added from a <template>), the "invite a
// candidate" form and "New link" buttons. The server validates; errors come back typed.
import { busy, sendJson, showError } from './api.js';
import { wireCopyButtons } from './copy-link.js';

wireCopyButtons();

// ---- /ats: new interview --------------------------------------------------------------------
const interviewForm = document.getElementById('interview-form');
if (interviewForm) {
  const questions = document.getElementById('questions');
  const template = document.getElementById('question-template');
  const renumber = () => {
    questions.querySelectorAll('[data-question]').forEach((fieldset, index) => {
      fieldset.querySelector('legend').textContent = `Question ${index + 1}`;
      fieldset.querySelector('[data-remove-question]').hidden = questions.children.length === 1;
    });
  };
  renumber();
  document.getElementById('add-question').addEventListener('click', () => {
    questions.append(template.content.cloneNode(true));
    renumber();
    questions.lastElementChild.querySelector('textarea').focus();
  });
  questions.addEventListener('click', (event) => {
    const remove = event.target.closest('[data-remove-question]');
    if (!remove) return;
    remove.closest('[data-question]').remove();
    renumber();
  });

  // The "no notice of its own" warning stays while the notice text is empty.
  const notice = interviewForm.elements.namedItem('noticeMarkdown');
  const warning = document.getElementById('notice-warning');
  const toggleWarning = () => {
    warning.hidden = notice.value.trim() !== '';
  };
  notice.addEventListener('input', toggleWarning);
  toggleWarning();

  interviewForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(interviewForm);
    const form = {
      title: data.get('title'),
      locale: data.get('locale'),
      jurisdictions: data.getAll('jurisdictions'),
      noticeVersion: data.get('noticeVersion'),
      noticeMarkdown: data.get('noticeMarkdown'),
      employerName: data.get('employerName'),
      employerLogoUrl: data.get('employerLogoUrl'),
      employerContactEmail: data.get('employerContactEmail'),
      employerContactUrl: data.get('employerContactUrl'),
      employerPrivacyUrl: data.get('employerPrivacyUrl'),
      noticeSections: Object.fromEntries([...interviewForm.querySelectorAll('[data-section]')].map((field) => [field.dataset.section, field.value])),
      questions: [...questions.querySelectorAll('[data-question]')].map((fieldset) =>
        Object.fromEntries([...fieldset.querySelectorAll('[data-field]')].map((field) => [field.dataset.field, field.value])),
      ),
    };
    const errors = document.getElementById('interview-error');
    const result = await busy(interviewForm, () => sendJson('POST', '/ats/api/interviews', form));
    if (!result.ok) return showError(errors, result.body);
    location.assign(`/ats/interviews/${encodeURIComponent(result.body.id)}`);
  });
}

// ---- /ats/interviews/:id: invite a candidate, new links ----------------------------------------
const result = document.getElementById('invite-result');
function showLink({ link, expiresAt }) {
  result.hidden = false;
  const input = document.getElementById('candidate-link');
  input.value = link;
  document.getElementById('link-expiry').textContent = `The link works until ${new Date(expiresAt).toLocaleString()}; after that, make a new link (the candidate resumes where they left off).`;
  input.focus();
  input.select();
}

const inviteForm = document.getElementById('invite-form');
if (inviteForm) {
  inviteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = document.getElementById('invite-error');
    const body = Object.fromEntries(new FormData(inviteForm));
    const response = await busy(inviteForm, () => sendJson('POST', `/ats/api/interviews/${encodeURIComponent(inviteForm.dataset.interviewId)}/sessions`, body));
    showError(errors, response.ok ? null : response.body);
    if (response.ok) showLink(response.body);
  });
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-new-link]');
    if (!button) return;
    const response = await sendJson('POST', `/ats/api/sessions/${encodeURIComponent(button.dataset.newLink)}/link`);
    showError(document.getElementById('invite-error'), response.ok ? null : response.body);
    if (response.ok) showLink(response.body);
  });
}
