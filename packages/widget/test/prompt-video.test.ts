// Question videos: captions are required and attached; HLS plays natively where the browser can,
// otherwise through hls.js, which is fetched from assets-base only then (a real 4 s HLS stream
// made by ffmpeg: scripts/make-hls-fixture.sh).
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { consentOverHttp, createSession, passDeviceCheck, waitFor } from './support/helpers.js';

const ASSETS = '/packages/widget/dist/assets/';
const stream = () => `${location.origin}/fixtures/generated/hls/index.m3u8`;
const captions = () => `${location.origin}/fixtures/generated/hls/captions.vtt`;
const hlsChunkRequests = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/candid-hls.js')).length;

describe('question video (HLS, captions)', function () {
  this.timeout(60000);
  let el: CandidInterview | undefined;
  const realCanPlayType = HTMLMediaElement.prototype.canPlayType;
  afterEach(() => {
    el?.remove();
    el = undefined;
    HTMLMediaElement.prototype.canPlayType = realCanPlayType;
  });

  async function questionWithVideo(): Promise<CandidInterview> {
    const session = await createSession({
      questions: [{ id: 'q1', prompt: 'Tell us about a hard problem you solved.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 0, promptVideoUrl: stream(), captionsUrl: captions() }],
    });
    await consentOverHttp(session);
    el = document.createElement('candid-interview') as CandidInterview;
    el.endpoint = session.endpoint;
    el.token = session.token;
    el.assetsBase = ASSETS;
    document.body.append(el);
    await passDeviceCheck(el);
    await el.updateComplete;
    return el;
  }

  it('plays HLS natively where the browser can (no hls.js download), with a default captions track and the text prompt', async () => {
    expect(document.createElement('video').canPlayType('application/vnd.apple.mpegurl'), 'this Chromium plays HLS natively').to.not.equal('');
    const before = hlsChunkRequests();
    const widget = await questionWithVideo();
    const video = widget.shadowRoot!.querySelector<HTMLVideoElement>('video[part="prompt-video"]')!;
    expect(video).to.not.equal(null);
    expect(widget.shadowRoot!.querySelector('[part="prompt"]')!.textContent).to.contain('hard problem');
    const track = video.querySelector('track')!;
    expect(track.kind).to.equal('captions');
    expect(track.default).to.equal(true);
    expect(track.src).to.equal(captions());
    await waitFor(() => video.src === stream(), 'native source');
    await waitFor(() => video.readyState >= 1 && video.duration > 3, 'metadata of the 4 s stream', 15000);
    expect(hlsChunkRequests() - before, 'hls.js not downloaded').to.equal(0);
  });

  it('without native HLS, loads hls.js from assets-base on demand and plays through MediaSource', async () => {
    HTMLMediaElement.prototype.canPlayType = function (type: string) {
      return /mpegurl/i.test(type) ? '' : realCanPlayType.call(this, type);
    };
    const widget = await questionWithVideo();
    const video = widget.shadowRoot!.querySelector<HTMLVideoElement>('video[part="prompt-video"]')!;
    await waitFor(() => hlsChunkRequests() > 0, 'candid-hls.js requested', 15000);
    await waitFor(() => video.src.startsWith('blob:'), 'MediaSource attached by hls.js', 15000);
    await waitFor(() => video.readyState >= 1 && video.duration > 3, 'metadata through hls.js', 20000);
  });
});
