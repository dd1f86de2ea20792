import { expect } from '@esm-bundle/chai';
import { MIME_CANDIDATES } from '../src/constants.js';
import { defaultOutputs, RecorderController } from '../src/controllers/recorder-controller.js';
import { candidateTypes, isAppleWebKit, negotiateAudioMimeType, negotiateMimeType, recordableTypes, uploadTypeOfFile } from '../src/media/mime.js';

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

  it('falls back in order: webm, then mp4 H.264/AAC, mp4 H.264/Opus, then mp4', () => {
    expect(negotiateMimeType(only('video/webm', 'video/mp4').check)).to.equal('video/webm');
    expect(negotiateMimeType(only('video/mp4', 'video/mp4;codecs=avc1,opus', 'video/mp4;codecs=avc1,mp4a.40.2').check)).to.equal('video/mp4;codecs=avc1,mp4a.40.2');
    expect(negotiateMimeType(only('video/mp4', 'video/mp4;codecs=avc1,opus').check)).to.equal('video/mp4;codecs=avc1,opus');
    const last = only('video/mp4');
    expect(negotiateMimeType(last.check)).to.equal('video/mp4');
    expect(last.asked).to.deep.equal([
      'video/webm;codecs=vp8,opus',
      'video/webm',
      'video/mp4;codecs=avc1,mp4a.40.2',
      'video/mp4;codecs=avc1,opus',
      'video/mp4',
    ]);
  });

  it("Apple's WebKit: MP4 (H.264/AAC) before the WebM it claims; every claimed type is offered in order", () => {
    const everything = only(...MIME_CANDIDATES, 'audio/mp4', 'audio/webm;codecs=opus', 'audio/webm');
    expect(recordableTypes(everything.check, candidateTypes('video', true))).to.deep.equal([
      'video/mp4;codecs=avc1,mp4a.40.2',
      'video/mp4',
      'video/webm;codecs=vp8,opus',
      'video/webm',
    ]);
    expect(recordableTypes(everything.check, candidateTypes('audio', true))[0]).to.equal('audio/mp4');
    expect(recordableTypes(everything.check, candidateTypes('video', false))[0]).to.equal('video/webm;codecs=vp8,opus');
    expect(recordableTypes(only().check, candidateTypes('video', false))).to.deep.equal([]);
    expect(isAppleWebKit(), 'this engine is not Apple WebKit').to.equal(false);
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

  it('audio-only recorder: Opus in WebM here, MP4 where only that works (Safari), else Ogg', () => {
    expect(negotiateAudioMimeType()).to.equal('audio/webm;codecs=opus');
    expect(negotiateAudioMimeType(only('audio/mp4').check)).to.equal('audio/mp4');
    expect(negotiateAudioMimeType(only('audio/ogg;codecs=opus').check)).to.equal('audio/ogg;codecs=opus');
    expect(negotiateAudioMimeType(only().check)).to.equal(null);
  });

  it('file capture: declares MP4 for QuickTime (iOS), refuses what the server would', () => {
    expect(uploadTypeOfFile('video/webm;codecs=vp8')).to.equal('video/webm');
    expect(uploadTypeOfFile('video/quicktime', 'IMG_0001.MOV')).to.equal('video/mp4');
    expect(uploadTypeOfFile('', 'clip.mp4')).to.equal('video/mp4');
    expect(uploadTypeOfFile('video/x-msvideo', 'clip.avi')).to.equal(null);
    expect(uploadTypeOfFile('image/png', 'a.png')).to.equal(null);
  });
});

describe('RecorderController', () => {
  const RealMediaRecorder = globalThis.MediaRecorder;
  afterEach(() => {
    globalThis.MediaRecorder = RealMediaRecorder;
  });

  it('passes the negotiated type, bitrate caps and the timeslice to each MediaRecorder', () => {
    const calls: Array<{ options?: MediaRecorderOptions; timeslice?: number; tracks: number }> = [];
    class FakeRecorder extends EventTarget {
      static isTypeSupported = (type: string) => type === 'video/webm' || type === 'audio/mp4';
      state: RecordingState = 'inactive';
      mimeType = '';
      readonly call: (typeof calls)[number];
      constructor(stream: MediaStream, options?: MediaRecorderOptions) {
        super();
        this.call = { options, tracks: stream.getTracks().length };
        calls.push(this.call);
      }
      start(timeslice?: number) {
        this.call.timeslice = timeslice;
        this.state = 'recording';
        this.mimeType = this.call.options?.mimeType ?? '';
      }
      stop() {
        this.state = 'inactive';
        this.dispatchEvent(new Event('stop'));
      }
    }
    globalThis.MediaRecorder = FakeRecorder as unknown as typeof MediaRecorder;
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
    const recorder = new RecorderController(host);
    const ctx = new AudioContext();
    const audioTrack = ctx.createMediaStreamDestination().stream.getAudioTracks()[0]!;
    const stream = new MediaStream([audioTrack, document.createElement('canvas').captureStream().getVideoTracks()[0]!]);
    const used = recorder.start(stream, { outputs: defaultOutputs(false), onChunk: () => {} });
    expect(used).to.deep.equal([
      { track: 'video', mimeType: 'video/webm' },
      { track: 'audio', mimeType: 'audio/mp4' },
    ]);
    expect(calls[0]!.options).to.deep.equal({ mimeType: 'video/webm', videoBitsPerSecond: 1_500_000, audioBitsPerSecond: 64_000 });
    expect(calls[0]!.tracks).to.equal(2);
    expect(calls[1]!.options).to.deep.equal({ mimeType: 'audio/mp4', audioBitsPerSecond: 32_000 });
    expect(calls[1]!.tracks, 'the audio-only recorder gets only the audio track').to.equal(1);
    expect(calls.map((c) => c.timeslice)).to.deep.equal([1000, 1000]);
    recorder.cancel();
    void ctx.close();
  });
});
