import { expect } from '@esm-bundle/chai';
import { CameraController, mapMediaError } from '../src/controllers/camera-controller.js';

const fakeHost = () => {
  const controllers: { hostConnected?(): void; hostDisconnected?(): void }[] = [];
  let updates = 0;
  return {
    controllers,
    updates: () => updates,
    addController: (c: (typeof controllers)[number]) => void controllers.push(c),
    removeController() {},
    requestUpdate: () => void (updates += 1),
    updateComplete: Promise.resolve(true),
  };
};

describe('CameraController', () => {
  it('maps getUserMedia failures to typed, recoverable CandidErrors', () => {
    const cases: Array<[string, string]> = [
      ['NotAllowedError', 'CAMERA_PERMISSION_DENIED'],
      ['SecurityError', 'CAMERA_PERMISSION_DENIED'],
      ['NotFoundError', 'CAMERA_NOT_FOUND'],
      ['OverconstrainedError', 'CAMERA_NOT_FOUND'],
      ['NotReadableError', 'CAMERA_IN_USE'],
      ['AbortError', 'CAMERA_IN_USE'],
      ['WeirdError', 'CAMERA_FAILED'],
    ];
    for (const [name, code] of cases) {
      const error = mapMediaError(new DOMException('nope', name));
      expect(error.name).to.equal('CandidError');
      expect(error.code, name).to.equal(code);
      expect(error.recoverable).to.equal(true);
    }
  });

  it('shares one live stream and stops its tracks when the host disconnects', async () => {
    const host = fakeHost();
    const camera = new CameraController(host);
    expect(host.controllers).to.include(camera);
    const [a, b] = await Promise.all([camera.start(), camera.start()]);
    expect(a).to.equal(b);
    expect(await camera.start()).to.equal(a);
    expect(a.getVideoTracks()).to.have.length(1);
    expect(a.getAudioTracks()).to.have.length(1);
    expect(host.updates()).to.be.greaterThan(0);
    camera.hostDisconnected();
    expect(camera.stream).to.equal(null);
    expect(a.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });

  it('releases a stream that arrives after stop()', async () => {
    const camera = new CameraController(fakeHost());
    const starting = camera.start();
    camera.stop();
    let code: string | undefined;
    try {
      await starting;
    } catch (err) {
      code = (err as { code?: string }).code;
    }
    expect(code).to.equal('ABORTED');
    expect(camera.stream).to.equal(null);
  });
});
