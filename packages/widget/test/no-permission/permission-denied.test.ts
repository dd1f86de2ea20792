// Runs in its own WTR group, in a Chromium launched WITHOUT --use-fake-ui-for-media-stream: nobody
// answers the permission prompt. Chromium 156 headless then rejects getUserMedia at once (~15 ms)
// with `NotAllowedError: Permission denied`; `permissions.query({ name: 'camera' })` stays
// "prompt" and enumerateDevices() returns devices without labels.
import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { CandidInterview } from '../../src/candid-interview.js';
import type { CandidErrorDetail } from '../../src/events.js';
import { consentOverHttp, createSession, nextEvent, waitForPhase } from '../support/helpers.js';

describe('permission denied (no fake-UI grant)', function () {
  this.timeout(20000);

  it('what this Chromium does without a grant: NotAllowedError', async () => {
    let name = '';
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      for (const track of stream.getTracks()) track.stop();
    } catch (err) {
      name = (err as DOMException).name;
    }
    expect(name).to.equal('NotAllowedError');
  });

  it('shows the help screen and fires candid-error CAMERA_PERMISSION_DENIED', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const el = document.createElement('candid-interview') as CandidInterview;
    const failed = nextEvent<CandidErrorDetail>(document, 'candid-error');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    try {
      const { detail } = await failed;
      expect(detail.code).to.equal('CAMERA_PERMISSION_DENIED');
      expect(detail.recoverable).to.equal(true);
      await waitForPhase(el, 'error');
      await el.updateComplete;
      const help = el.shadowRoot!.querySelector('[part~="help"]')!;
      expect(help.getAttribute('role')).to.equal('alert');
      expect(help.getAttribute('data-code')).to.equal('CAMERA_PERMISSION_DENIED');
      expect(help.getAttribute('data-browser')).to.equal('chrome'); // HeadlessChrome/156
      expect(help.querySelector('h2')!.textContent).to.equal('Allow your camera and microphone');
      expect(help.textContent).to.contain('set Camera and Microphone to "Allow"');
      expect(el.shadowRoot!.querySelector('button[name="retry"]')).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('video')).to.equal(null);
    } finally {
      el.remove();
    }
  });
});
