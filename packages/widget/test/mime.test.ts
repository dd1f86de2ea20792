import { expect } from '@esm-bundle/chai';
import { MIME_CANDIDATES } from '../src/constants.js';
import { RecorderController } from '../src/controllers/recorder-controller.js';
import { negotiateMimeType } from '../src/media/mime.js';

const only = (...supported: string[]) => {
  const asked: string[] = [];
  const check = (type: string) => {
    asked.push(type);
    return supported.includes(type);
  };
  return { check, asked };
};

describe('mime negotiation', () => {
  it('prefers WebM VP8/Opus when everything is supported, asking nothing else', () => {
    const { check, asked } = only(...MIME_CANDIDATES);
    expect(negotiateMimeType(check)).to.equal('video/webm;codecs=vp8,opus');
    expect(asked).to.deep.equal(['video/webm;codecs=vp8,opus']);
  });

  it('falls back in order: webm, then mp4 avc1/opus, then mp4', () => {
    expect(negotiateMimeType(only('video/webm', 'video/mp4').check)).to.equal('video/webm');
    expect(negotiateMimeType(only('video/mp4', 'video/mp4;codecs=avc1,opus').check)).to.equal('video/mp4;codecs=avc1,opus');
    const last = only('video/mp4');
    expect(negotiateMimeType(last.check)).to.equal('video/mp4');
    expect(last.asked).to.deep.equal([
      'video/webm;codecs=vp8,opus',
      'video/webm',
      'video/mp4;codecs=avc1,opus',
      'video/mp4',
    ]);
  });

  it('returns null when nothing is supported, or MediaRecorder is missing', () => {
    expect(negotiateMimeType(only().check)).to.equal(null);
    expect(negotiateMimeType(null)).to.equal(null);
  });

  it('treats a throwing isTypeSupported as "not supported"', () => {
    const check = (type: string) => {
      if (type.includes('codecs')) throw new Error('bad parameter');
      return type === 'video/webm';
    };
    expect(negotiateMimeType(check)).to.equal('video/webm');
  });

  it('picks WebM VP8/Opus in this Chromium', () => {
    expect(negotiateMimeType()).to.equal('video/webm;codecs=vp8,opus');
  });
});

describe('RecorderController', () => {
  const RealMediaRecorder = globalThis.MediaRecorder;
  afterEach(() => {
    globalThis.MediaRecorder = RealMediaRecorder;
  });

  it('passes the negotiated type and the timeslice to MediaRecorder', () => {
    const calls: { options?: MediaRecorderOptions; timeslice?: number } = {};
    class FakeRecorder extends EventTarget {
      static isTypeSupported = (type: string) => type === 'video/webm';
      state: RecordingState = 'inactive';
      mimeType = '';
      constructor(_stream: MediaStream, options?: MediaRecorderOptions) {
        super();
        calls.options = options;
      }
      start(timeslice?: number) {
        calls.timeslice = timeslice;
        this.state = 'recording';
        this.mimeType = calls.options?.mimeType ?? '';
      }
      stop() {
        this.state = 'inactive';
        this.dispatchEvent(new Event('stop'));
      }
    }
    globalThis.MediaRecorder = FakeRecorder as unknown as typeof MediaRecorder;
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
    const recorder = new RecorderController(host);
    const used = recorder.start(new MediaStream(), { onChunk: () => {} });
    expect(used).to.equal('video/webm');
    expect(calls.options?.mimeType).to.equal('video/webm');
    expect(calls.timeslice).to.equal(1000);
    recorder.cancel();
  });
});
