// Reviewer page: HLS renditions play through hls.js; transcript timestamps seek the answer's
// video; the decision form posts to /ats/api/sessions/:id/reviews and shows the stored review (or
// Candid's typed error).
import { busy, sendJson, showError } from './api.js';

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
  decision.textContent = review.decision;
  const rationale = document.createElement('p');
  rationale.textContent = review.rationale;
  item.append(decision, ` by ${review.reviewer}, ${review.createdAt.replace('T', ' ').slice(0, 16)} UTC`, rationale);
  list.append(item);
  document.getElementById('decisions').replaceChildren(list);
  form.reset();
});
