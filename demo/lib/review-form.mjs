// The reviewer's decision form. Candid stores any decision label; this ATS offers three.
import { CandidError } from '@candid/server-sdk';
import { DECISION } from '../public/js/labels.js';

export const DECISIONS = Object.entries(DECISION).map(([value, label]) => ({ value, label }));

export function reviewFromForm(form) {
  const issues = [];
  const isObject = typeof form === 'object' && form !== null && !Array.isArray(form);
  const field = (name) => (isObject && typeof form[name] === 'string' ? form[name].trim() : '');
  if (isObject) for (const key of Object.keys(form)) if (!['reviewer', 'decision', 'rationale'].includes(key)) issues.push({ path: key, message: 'is not a field of this form' });
  const review = { reviewer: field('reviewer'), decision: field('decision'), rationale: field('rationale') };
  if (!review.reviewer) issues.push({ path: 'reviewer', message: 'is required: who decides' });
  if (!DECISIONS.some((d) => d.value === review.decision)) issues.push({ path: 'decision', message: `must be one of ${DECISIONS.map((d) => d.value).join(', ')}` });
  if (!review.rationale) issues.push({ path: 'rationale', message: 'is required: say why, in your own words' });
  if (issues.length > 0) throw new CandidError('VALIDATION_FAILED', 'The decision needs a reviewer, a decision and a rationale.', { issues });
  return review;
}
