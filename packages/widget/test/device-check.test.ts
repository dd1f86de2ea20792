import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidErrorDetail } from '../src/events.js';
import { helpBrowser } from '../src/screens/help.js';
import { clickIn, consentOverHttp, createSession, nextEvent, waitFor, waitForPhase } from './support/helpers.js';

describe('device check', function () {
  this.timeout(30000);
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  async function mountConsented(): Promise<CandidInterview> {
    const session = await createSession();
    await consentOverHttp(session);
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    return el;
  }

  it('shows the preview, a live mic level, device pickers and the connection check', async () => {
    const widget = await mountConsented();
    await waitForPhase(widget, 'check');
    const root = widget.shadowRoot!;
    // The fake microphone plays speech.wav: the level moves.
    const meter = await waitFor(() => root.querySelector<HTMLMeterElement>('meter[part="mic-level"]'), 'meter');
    await waitFor(() => meter.value > 0.3, 'mic level above 0.3', 10000);
    // Chromium's fake devices: one camera, three microphones (labels readable after permission).
    const cameras = [...root.querySelectorAll<HTMLOptionElement>('select[name="camera"] option')];
    const mics = [...root.querySelectorAll<HTMLOptionElement>('select[name="microphone"] option')];
    expect(cameras.map((o) => o.textContent)).to.deep.equal(['fake_device_0']);
    expect(mics.length).to.equal(3);
    expect(mics.every((o) => o.textContent!.startsWith('Fake'))).to.equal(true);
    // Desktop camera without facing modes: no front/back toggle.
    expect(root.querySelector('button[name="flip"]')).to.equal(null);
    // Loopback is fast enough for 1.6 Mbit/s.
    const connection = await waitFor(() => {
      const p = root.querySelector<HTMLElement>('[part="connection"]');
      return p && p.dataset.verdict !== 'checking' ? p : null;
    }, 'connection check');
    expect(connection.dataset.verdict).to.equal('good');
    const check = widget.store.getState().connectionCheck!;
    expect(check.bitsPerSecond!).to.be.greaterThan(check.requiredBitsPerSecond);
    expect(check.requiredBitsPerSecond).to.equal(1_500_000 + 64_000 + 32_000);
  });

  it('switching the microphone re-acquires the one shared stream with deviceId exact and stops the old tracks', async () => {
    const widget = await mountConsented();
    await waitForPhase(widget, 'check');
    const root = widget.shadowRoot!;
    const select = await waitFor(() => root.querySelector<HTMLSelectElement>('select[name="microphone"]'), 'mic picker');
    const video = root.querySelector<HTMLVideoElement>('video[part="preview"]')!;
    const before = video.srcObject as MediaStream;
    const target = select.options[2]!;
    expect(before.getAudioTracks()[0]!.getSettings().deviceId).to.not.equal(target.value);
    select.value = target.value;
    select.dispatchEvent(new Event('change'));
    await waitFor(() => video.srcObject !== before && video.srcObject !== null, 'new stream in the preview');
    const after = video.srcObject as MediaStream;
    expect(after.getAudioTracks()[0]!.getSettings().deviceId).to.equal(target.value);
    expect(after.getAudioTracks()[0]!.label).to.equal(target.textContent);
    expect(before.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(after.getVideoTracks()).to.have.length(1);
    await widget.updateComplete;
    expect(root.querySelector<HTMLSelectElement>('select[name="microphone"]')!.value).to.equal(target.value);
    // The mic meter follows the new stream.
    await waitFor(() => root.querySelector<HTMLMeterElement>('meter[part="mic-level"]')!.value > 0.2, 'level on the new mic', 10000);
    await clickIn(widget, 'button[name="continue"]');
    await waitForPhase(widget, 'intro');
  });
});

describe('camera and microphone help', function () {
  this.timeout(30000);
  let el: CandidInterview | undefined;
  const devices = navigator.mediaDevices as MediaDevices & { getUserMedia: MediaDevices['getUserMedia'] };
  const secureContext = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
  afterEach(() => {
    el?.remove();
    el = undefined;
    delete (devices as { getUserMedia?: unknown }).getUserMedia; // back to the prototype's
    if (secureContext) Object.defineProperty(window, 'isSecureContext', secureContext);
    else delete (window as { isSecureContext?: unknown }).isSecureContext;
  });

  async function failWith(setup: () => void): Promise<{ detail: CandidErrorDetail; root: ShadowRoot }> {
    const session = await createSession();
    await consentOverHttp(session);
    setup();
    el = document.createElement('candid-interview');
    const failed = nextEvent<CandidErrorDetail>(el, 'candid-error');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    const { detail } = await failed;
    await el.updateComplete;
    return { detail, root: el.shadowRoot! };
  }

  const rejectWith = (name: string) => () => {
    devices.getUserMedia = () => Promise.reject(new DOMException('stubbed', name));
  };

  it('camera in use (NotReadableError): help text, CAMERA_IN_USE, and "Try again" works once it is free', async () => {
    const { detail, root } = await failWith(rejectWith('NotReadableError'));
    expect(detail).to.include({ code: 'CAMERA_IN_USE', recoverable: true });
    const help = root.querySelector('[part~="help"]')!;
    expect(help.getAttribute('data-code')).to.equal('CAMERA_IN_USE');
    expect(help.textContent).to.contain('video call');
    delete (devices as { getUserMedia?: unknown }).getUserMedia;
    await clickIn(el!, 'button[name="retry"]');
    await waitForPhase(el!, 'check');
  });

  it('no device (NotFoundError): CAMERA_NOT_FOUND with its help', async () => {
    const { detail, root } = await failWith(rejectWith('NotFoundError'));
    expect(detail).to.include({ code: 'CAMERA_NOT_FOUND', recoverable: true });
    expect(root.querySelector('[part~="help"]')!.textContent).to.contain('Connect a camera and microphone');
    expect(root.querySelector('button[name="retry"]')).to.not.equal(null);
  });

  it('permission denied (stubbed): per-browser instructions for this browser (Chrome)', async () => {
    const { detail, root } = await failWith(rejectWith('NotAllowedError'));
    expect(detail).to.include({ code: 'CAMERA_PERMISSION_DENIED', recoverable: true });
    const help = root.querySelector('[part~="help"]')!;
    expect(help.getAttribute('data-browser')).to.equal('chrome');
    expect(help.textContent).to.contain('left end of the address bar');
  });

  it('insecure context: INSECURE_CONTEXT, not recoverable, no "Try again"', async () => {
    const { detail, root } = await failWith(() => {
      Object.defineProperty(window, 'isSecureContext', { configurable: true, value: false });
    });
    expect(detail).to.include({ code: 'INSECURE_CONTEXT', recoverable: false });
    expect(root.querySelector('[part~="help"]')!.textContent).to.contain('https');
    expect(root.querySelector('button[name="retry"]')).to.equal(null);
  });

  it('tells browsers apart for the permission help', () => {
    const ua = {
      chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      ios: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    };
    expect(helpBrowser(ua.chrome)).to.equal('chrome');
    expect(helpBrowser(ua.edge)).to.equal('edge');
    expect(helpBrowser(ua.firefox)).to.equal('firefox');
    expect(helpBrowser(ua.safari)).to.equal('safari');
    expect(helpBrowser(ua.ios)).to.equal('safari');
    expect(helpBrowser('SomethingElse/1.0')).to.equal('other');
  });
});
