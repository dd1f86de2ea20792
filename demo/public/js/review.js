// Reviewer page: HLS renditions play through hls.js; transcript timestamps seek the answer's
// video; the decision form posts to /ats/api/sessions/:id/reviews and shows the stored review (or
// Candid's typed error); while the candidate answers or processing runs, the page polls the ATS
// backend's JSON route and reloads itself once everything is done.
import { busy, sendJson, showError } from './api.js';
import { DECISION, label } from './labels.js';

/**
 * `<video data-hls>`: hls.js where Media Source Extensions exist (its docs' order: it behaves the
 * same in every such browser), the browser's own HLS where they don't (older iPhones). hls.js is
 * the widget's lazily loaded chunk, fetched only for a page that has an HLS rendition. Any failure
 * leaves, or puts back, the <source> list (mp4, webm, original), which plays everywhere.
 */
async function playHls(video) {
  const url = video.dataset.hls;
  if (window.MediaSource) {
    try {
      const { default: Hls } = await import('/assets/candid-hls.js');
      if (Hls.isSupported()) {
        const hls = new Hls();
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (!data.fatal) return;
          hls.destroy();
          video.dataset.player = 'sources';
          video.load(); // back to the <source> list
        });
        hls.loadSource(url);
        hls.attachMedia(video);
        video.dataset.player = 'hls.js';
        return;
      }
    } catch {
      // the chunk did not load: the <source> list plays
    }
  }
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
    video.dataset.player = 'native HLS';
  } else {
    video.dataset.player = 'sources';
  }
}
for (const video of document.querySelectorAll('video[data-hls]')) void playHls(video);

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
  decision.textContent = label(DECISION, review.decision);
  const rationale = document.createElement('p');
  rationale.textContent = review.rationale;
  item.append(decision, ` by ${review.reviewer}, ${review.createdAt.replace('T', ' ').slice(0, 16)} UTC`, rationale);
  list.append(item);
  document.getElementById('decisions').replaceChildren(list);
  form.reset();
});

// ---- While processing runs ----------------------------------------------------------------------
const FIRST_POLL_MS = 1500;
const MAX_POLL_MS = 10_000;

/** The reviewer is in the middle of something: a decision being written, or an answer playing. */
function reviewerBusy() {
  const writing = [...(form?.elements ?? [])].some((field) => (field.type === 'radio' ? field.checked : field.type !== 'submit' && field.value?.trim()));
  const watching = [...document.querySelectorAll('video, audio')].some((media) => !media.paused);
  return writing || watching;
}

/** Processing ended: reload to show everything, unless that would lose what the reviewer is doing. */
function processingEnded(line) {
  if (!reviewerBusy()) {
    location.reload();
    return;
  }
  const show = document.createElement('button');
  show.type = 'button';
  show.textContent = 'Show the results';
  show.addEventListener('click', () => location.reload());
  line.replaceChildren('Everything is processed. ', show);
}

/** `#progress[data-poll]`: the session's JSON; its `progress` says whether anything is still running. */
function watchProgress(line) {
  let delay = FIRST_POLL_MS;
  const poll = async () => {
    try {
      const response = await fetch(line.dataset.poll, { headers: { accept: 'application/json' }, cache: 'no-store' });
      const detail = response.ok ? await response.json() : null;
      if (detail?.progress && !detail.progress.busy) return processingEnded(line);
      if (detail?.progress) line.textContent = detail.progress.summary;
    } catch {
      // The demo server is restarting or gone: keep trying, more slowly.
    }
    delay = Math.min(Math.round(delay * 1.15), MAX_POLL_MS);
    setTimeout(poll, delay);
  };
  setTimeout(poll, delay);
}

const progress = document.getElementById('progress');
if (progress?.dataset.poll) watchProgress(progress);

