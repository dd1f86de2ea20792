// Reviewer page: transcript timestamps seek the answer's video; the decision form posts to
// /ats/api/sessions/:id/reviews and shows the stored review (or Candid's typed error).
import { busy, sendJson, showError } from './api.js';

document.addEventListener('click', (event) => {
  const stamp = event.target.closest('[data-seek]');
  if (!stamp) return;
  const media = document.getElementById(stamp.dataset.media);
  media.currentTime = Number(stamp.dataset.seek);
  media.play().catch(() => undefined); // autoplay may be refused; the position is set anyway
});

const form = document.getElementById('decision-form');
form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = Object.fromEntries(new FormData(form));
  const url = `/ats/api/sessions/${encodeURIComponent(form.dataset.sessionId)}/reviews`;
  const result = await busy(form, () => sendJson('POST', url, body));
  showError(document.getElementById('decision-error'), result.ok ? null : result.body);
  if (!result.ok) return;
  const { review } = result.body;
  const list = document.querySelector('#decisions ol') ?? document.createElement('ol');
  list.className = 'reviews';
  const item = document.createElement('li');
  const decision = document.createElement('strong');
  decision.textContent = review.decision;
  const rationale = document.createElement('p');
  rationale.textContent = review.rationale;
  item.append(decision, ` by ${review.reviewer}, ${review.createdAt.replace('T', ' ').slice(0, 16)} UTC`, rationale);
  list.append(item);
  document.getElementById('decisions').replaceChildren(list);
  form.reset();
});
