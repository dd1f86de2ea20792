// The admin page's "new interview" form, checked on the server and turned into Candid's
// InterviewInput. Candid validates the result again (ranges, ids, jurisdictions) with the same
// error shape, so the page shows one kind of error whichever side refuses.
import { CandidError } from '@candid/server-sdk';

/** Form field → Candid's `employer` field. */
const EMPLOYER_FORM_FIELDS = { employerName: 'name', employerLogoUrl: 'logoUrl', employerContactEmail: 'contactEmail', employerContactUrl: 'contactUrl', employerPrivacyUrl: 'privacyUrl' };
const FORM_FIELDS = ['title', 'locale', 'jurisdictions', 'noticeVersion', 'noticeMarkdown', 'noticeSections', 'questions', ...Object.keys(EMPLOYER_FORM_FIELDS)];
/**
 * Notice items only the employer can write (who they are, purposes and legal basis, recipients,
 * bias audit, whether participation is required); Candid writes the others. Jurisdictions such as
 * EU or NYC refuse an interview whose notice leaves a required one out (NOTICE_INCOMPLETE).
 */
export const EMPLOYER_SECTIONS = ['C1', 'C7', 'C8', 'C12', 'C13'];
const QUESTION_FIELDS = ['prompt', 'thinkSeconds', 'answerSeconds', 'maxRetakes', 'competencies'];
const MAX_QUESTIONS = 50;

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Throws CandidError VALIDATION_FAILED listing every problem, or returns an InterviewInput. */
export function interviewFromForm(form) {
  const issues = [];
  const fail = (path, message) => issues.push({ path, message });
  if (!isObject(form)) throw new CandidError('VALIDATION_FAILED', 'Send the form as a JSON object.', { issues: [{ path: '', message: 'must be an object' }] });
  for (const key of Object.keys(form)) if (!FORM_FIELDS.includes(key)) fail(key, 'is not a field of this form');

  const text = (value, path, { required = false } = {}) => {
    if (value === undefined || value === null) value = '';
    if (typeof value !== 'string') {
      fail(path, 'must be text');
      return '';
    }
    const trimmed = value.trim();
    if (required && !trimmed) fail(path, 'is required');
    return trimmed;
  };
  /** Empty = let Candid apply its default; otherwise a whole number (Candid checks the range). */
  const wholeNumber = (value, path) => {
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number)) fail(path, 'must be a whole number');
    return number;
  };

  const input = { title: text(form.title, 'title', { required: true }) };
  const locale = text(form.locale, 'locale');
  if (locale) input.locale = locale;

  if (form.jurisdictions !== undefined) {
    if (!Array.isArray(form.jurisdictions) || form.jurisdictions.some((j) => typeof j !== 'string')) fail('jurisdictions', 'must be a list of jurisdiction ids');
    else if (form.jurisdictions.length > 0) input.jurisdictions = form.jurisdictions;
  }

  const noticeVersion = text(form.noticeVersion, 'noticeVersion');
  const noticeMarkdown = text(form.noticeMarkdown, 'noticeMarkdown');
  if (noticeVersion && !noticeMarkdown) fail('noticeMarkdown', 'is required with a notice version');
  if (noticeMarkdown && !noticeVersion) fail('noticeVersion', 'is required with a notice text (candidates consent to a version)');
  const sections = {};
  if (form.noticeSections !== undefined) {
    if (!isObject(form.noticeSections)) fail('noticeSections', 'must be an object of section texts');
    else {
      for (const [id, value] of Object.entries(form.noticeSections)) {
        if (!EMPLOYER_SECTIONS.includes(id)) fail(`noticeSections/${id}`, `is not one of ${EMPLOYER_SECTIONS.join(', ')}`);
        else if (text(value, `noticeSections/${id}`)) sections[id] = value.trim();
      }
    }
  }
  if (Object.keys(sections).length > 0 && !noticeVersion) fail('noticeVersion', 'is required with notice sections (candidates consent to a version)');
  if (noticeVersion && noticeMarkdown) input.notice = { version: noticeVersion, markdown: noticeMarkdown, ...(Object.keys(sections).length > 0 ? { sections } : {}) };

  // The employer: all empty = none of its own (the server's default applies); Candid checks the URLs and e-mail.
  const employer = {};
  for (const [field, key] of Object.entries(EMPLOYER_FORM_FIELDS)) {
    const value = text(form[field], field);
    if (value) employer[key] = value;
  }
  if (Object.keys(employer).length > 0) {
    if (!employer.name) fail('employerName', 'is required with the other employer fields (or leave them all empty for the default employer)');
    input.employer = employer;
  }

  if (!Array.isArray(form.questions) || form.questions.length === 0) fail('questions', 'add at least one question');
  else if (form.questions.length > MAX_QUESTIONS) fail('questions', `at most ${MAX_QUESTIONS} questions`);
  else {
    input.questions = form.questions.map((raw, index) => {
      const at = `questions/${index}`;
      if (!isObject(raw)) {
        fail(at, 'must be an object');
        return null;
      }
      for (const key of Object.keys(raw)) if (!QUESTION_FIELDS.includes(key)) fail(`${at}/${key}`, 'is not a field of a question');
      const question = { id: `q${index + 1}`, prompt: text(raw.prompt, `${at}/prompt`, { required: true }) };
      for (const field of ['thinkSeconds', 'answerSeconds', 'maxRetakes']) {
        const value = wholeNumber(raw[field], `${at}/${field}`);
        if (value !== undefined) question[field] = value;
      }
      const competencies = parseCompetencies(text(raw.competencies, `${at}/competencies`), `${at}/competencies`, fail);
      if (competencies.length > 0) question.competencies = competencies;
      return question;
    });
  }

  if (issues.length > 0) throw new CandidError('VALIDATION_FAILED', `${issues.length} field${issues.length === 1 ? '' : 's'} need${issues.length === 1 ? 's' : ''} attention.`, { issues });
  return input;
}

/** One competency per line: `id: what good looks like`. */
function parseCompetencies(value, path, fail) {
  const competencies = [];
  value.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const match = /^\s*([^:]+?)\s*:\s*(.+?)\s*$/.exec(line);
    if (!match) fail(path, `line ${index + 1}: write it as "id: description"`);
    else competencies.push({ id: match[1], description: match[2] });
  });
  return competencies;
}

const CANDIDATE_FIELDS = ['externalId', 'name', 'email'];

/** The "invite a candidate" form: the ATS's own candidate id, optional name and e-mail. */
export function candidateFromForm(form) {
  if (!isObject(form)) throw new CandidError('VALIDATION_FAILED', 'Send the form as a JSON object.', { issues: [{ path: '', message: 'must be an object' }] });
  const issues = [];
  const candidate = {};
  for (const key of Object.keys(form)) if (!CANDIDATE_FIELDS.includes(key)) issues.push({ path: key, message: 'is not a field of this form' });
  for (const key of CANDIDATE_FIELDS) {
    const value = form[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') issues.push({ path: key, message: 'must be text' });
    else if (value.trim()) candidate[key] = value.trim();
  }
  if (!candidate.externalId && !issues.some((i) => i.path === 'externalId')) issues.push({ path: 'externalId', message: 'is required (your ATS id for this candidate)' });
  if (issues.length > 0) throw new CandidError('VALIDATION_FAILED', 'Check the candidate fields.', { issues });
  return candidate;
}
