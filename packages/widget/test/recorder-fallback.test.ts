// Recorder choice by evidence (issue 16): each output's first chunk must start the container its
// type names; a recorder that yields nothing (Safari 26 gave empty blobs) or something else is
// replaced by the next type the engine claims, and the upload starts only with the types really
// recorded. Unit cases with a scripted recorder, then a real engine whose first-choice recorder is
// made to yield empty chunks: the take is recorded in the next type, stored, and decodes.
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { defaultOutputs, RecorderController, type OutputTrack, type StartedOutput } from '../src/controllers/recorder-controller.js';
import { candidateTypes, recordableTypes } from '../src/media/mime.js';
import {
  clickIn,
  consentOverHttp,
  createSession,
  delay,
  expectPlayable,
  passDeviceCheck,
  probeMedia,
  submitTake,
  waitFor,
  waitForPhase,
  warmUpServer,
} from './support/helpers.js';

const WEBM_HEAD = [0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0];
const MP4_HEAD = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]; // ....ftypisom
const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };

/** A MediaRecorder whose chunks the test emits; `supported` are the types it claims. */
function scriptedRecorder(supported: string[]) {
  const made: Array<ScriptedRecorder> = [];
  class ScriptedRecorder extends EventTarget {
    static isTypeSupported = (type: string) => supported.includes(type);
    state: RecordingState = 'inactive';
    readonly mimeType: string;
    constructor(_stream: MediaStream, options?: MediaRecorderOptions) {
      super();
      this.mimeType = options?.mimeType ?? '';
      made.push(this);
    }
    start() {
      this.state = 'recording';
    }
    stop() {
      if (this.state === 'inactive') return;
      this.state = 'inactive';
      this.dispatchEvent(new Event('stop'));
    }
    emit(bytes: number[]) {
      const event = new Event('dataavailable') as Event & { data: Blob };
      event.data = new Blob([new Uint8Array(bytes)]);
      this.dispatchEvent(event);
    }
  }
  return { Recorder: ScriptedRecorder, made };
}

function audioVideoStream(): { stream: MediaStream; close: () => void } {
  const ctx = new AudioContext();
  const audio = ctx.createMediaStreamDestination().stream.getAudioTracks()[0]!;
  const video = document.createElement('canvas').captureStream().getVideoTracks()[0]!;
  return { stream: new MediaStream([audio, video]), close: () => void ctx.close() };
}

describe('recorder choice by evidence', function () {
  this.timeout(60000);
  const Real = globalThis.MediaRecorder;
  before(async function () {
    this.timeout(120000);
    await warmUpServer();
  });
  afterEach(() => {
    globalThis.MediaRecorder = Real;
  });

  it('a first chunk that is not the claimed container: the next type records; nothing of the failed one reaches the upload', async () => {
    const { Recorder, made } = scriptedRecorder(['video/webm;codecs=vp8,opus', 'video/mp4;codecs=avc1,mp4a.40.2', 'audio/webm;codecs=opus']);
    globalThis.MediaRecorder = Recorder as unknown as typeof MediaRecorder;
    const { stream, close } = audioVideoStream();
    const recorder = new RecorderController(host);
    const ready: StartedOutput[][] = [];
    const chunks: Array<[OutputTrack, number]> = [];
    recorder.start(stream, { outputs: defaultOutputs(false), onReady: (o) => ready.push(o), onChunk: (t, b) => chunks.push([t, b.size]) });
    const [video, audio] = made;
    expect(video!.mimeType).to.equal('video/webm;codecs=vp8,opus');
    audio!.emit(WEBM_HEAD); // the speech file is fine
    video!.emit([0, 0, 0, 0, 1, 2, 3, 4]); // not WebM
    await waitFor(() => made.length === 4, 'a recorder of the next type, and the speech file started over with it');
    expect(video!.state, 'the failed recorder is stopped').to.equal('inactive');
    expect(audio!.state, 'the speech file starts over: both files cover the same span').to.equal('inactive');
    expect(made[2]!.mimeType).to.equal('video/mp4;codecs=avc1,mp4a.40.2');
    expect(made[3]!.mimeType).to.equal('audio/webm;codecs=opus');
    expect(ready, 'no upload before the video is proven').to.deep.equal([]);
    expect(chunks).to.deep.equal([]);
    made[2]!.emit([...MP4_HEAD, 9, 9, 9, 9]);
    made[3]!.emit(WEBM_HEAD);
    await waitFor(() => ready.length === 1, 'ready');
    expect(ready[0]).to.deep.equal([
      { track: 'video', mimeType: 'video/mp4;codecs=avc1,mp4a.40.2' },
      { track: 'audio', mimeType: 'audio/webm;codecs=opus' },
    ]);
    expect(chunks, 'held chunks follow, in order per track').to.deep.equal([
      ['video', 16],
      ['audio', 12],
    ]);
    video!.emit(WEBM_HEAD); // a late chunk of the given-up recorder
    made[2]!.emit([1, 2, 3]);
    const result = await recorder.stop();
    expect(chunks.slice(2)).to.deep.equal([['video', 3]]);
    expect(result.outputs.map((o) => [o.track, o.mimeType, o.bytes])).to.deep.equal([
      ['video', 'video/mp4;codecs=avc1,mp4a.40.2', 19],
      ['audio', 'audio/webm;codecs=opus', 12],
    ]);
    close();
  });

  it('no data within the first-chunk timeout (empty blobs only): the next type; a speech file nothing records is dropped, not fatal', async () => {
    const { Recorder, made } = scriptedRecorder(['video/webm;codecs=vp8,opus', 'video/webm', 'audio/webm;codecs=opus']);
    globalThis.MediaRecorder = Recorder as unknown as typeof MediaRecorder;
    const { stream, close } = audioVideoStream();
    const recorder = new RecorderController(host);
    const ready: StartedOutput[][] = [];
    const errors: unknown[] = [];
    recorder.start(stream, { outputs: defaultOutputs(false), firstChunkTimeoutMs: 150, onReady: (o) => ready.push(o), onChunk: () => {}, onError: (e) => errors.push(e) });
    made[0]!.emit([]); // empty blobs are no evidence either way
    made[1]!.emit([]);
    await waitFor(() => made.length >= 3, 'the next video type after the timeout');
    expect(made[2]!.mimeType).to.equal('video/webm');
    made[2]!.emit(WEBM_HEAD);
    await waitFor(() => ready.length === 1, 'ready without the speech file');
    expect(ready[0]).to.deep.equal([{ track: 'video', mimeType: 'video/webm' }]);
    expect(errors).to.deep.equal([]);
    const result = await recorder.stop();
    expect(result.outputs.map((o) => o.track)).to.deep.equal(['video']);
    close();
  });

  it("an empty or repeated last fragment (WebKit writes its last one twice) adds nothing to the file", async () => {
    const { Recorder, made } = scriptedRecorder(['video/webm']);
    globalThis.MediaRecorder = Recorder as unknown as typeof MediaRecorder;
    const { stream, close } = audioVideoStream();
    const recorder = new RecorderController(host);
    const blobs: Blob[] = [];
    recorder.start(stream, { outputs: [{ track: 'video' }], onChunk: (_t, b) => void blobs.push(b) });
    const chunks: number[][] = [];
    made[0]!.emit([0x1a]); // Chromium's first chunk can be one byte: no verdict yet
    made[0]!.emit(WEBM_HEAD.slice(1));
    made[0]!.emit([5, 6, 7]);
    made[0]!.emit([5, 6, 8]); // same size, other bytes: kept
    made[0]!.emit([5, 6, 8]); // the repeat
    made[0]!.emit([]);
    const result = await recorder.stop();
    await delay(100);
    for (const blob of blobs) chunks.push([...new Uint8Array(await blob.arrayBuffer())]);
    expect(made, 'no fallback').to.have.length(1);
    expect(chunks).to.deep.equal([[0x1a], WEBM_HEAD.slice(1), [5, 6, 7], [5, 6, 8]]);
    expect(result.outputs[0]).to.include({ bytes: 18, chunks: 4 });
    close();
  });

  it('the main output with no type left fails the take (recoverable), instead of recording nothing', async () => {
    const { Recorder, made } = scriptedRecorder(['video/webm']);
    globalThis.MediaRecorder = Recorder as unknown as typeof MediaRecorder;
    const { stream, close } = audioVideoStream();
    const recorder = new RecorderController(host);
    const errors: Array<{ code: string; recoverable: boolean }> = [];
    recorder.start(stream, { outputs: [{ track: 'video' }], firstChunkTimeoutMs: 100, onChunk: () => {}, onError: (e) => errors.push(e) });
    expect(made).to.have.length(1);
    await waitFor(() => errors.length === 1, 'an error');
    expect(errors[0]).to.include({ code: 'RECORDING_FAILED', recoverable: true });
    recorder.cancel();
    close();
  });

  it('in this engine: the first-choice recorder yields only empty chunks; the take is recorded in the next type, uploaded, and decodes', async () => {
    const types = recordableTypes(undefined, candidateTypes('video'));
    expect(types.length, `this engine claims several video types (${types.join(', ')})`).to.be.greaterThan(1);
    const broken = types[0]!;
    const created: string[] = [];
    // The engine's recorder, except that the first-choice type gives only empty blobs.
    globalThis.MediaRecorder = class extends Real {
      readonly #broken: boolean;
      constructor(stream: MediaStream, options?: MediaRecorderOptions) {
        super(stream, options);
        created.push(options?.mimeType ?? '');
        this.#broken = options?.mimeType === broken;
      }
      override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
        if (type !== 'dataavailable' || !this.#broken) return super.addEventListener(type, listener, options);
        super.addEventListener(type, () => (listener as EventListener).call(this, new BlobEvent('dataavailable', { data: new Blob([]) })), options);
      }
    } as typeof MediaRecorder;

    const session = await createSession({ questions: [{ id: 'q1', prompt: 'Tell us about a hard problem.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 0 }] });
    await consentOverHttp(session);
    const el = document.createElement('candid-interview') as CandidInterview;
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    try {
      await passDeviceCheck(el);
      await clickIn(el, 'button[name="record"]');
      await waitFor(() => created.includes(types[1]!), `a recorder of the next type (${types[1]})`, 12000);
      await delay(3000);
      await clickIn(el, 'button[name="stop"]');
      await submitTake(el);
      await waitForPhase(el, 'done', 20000);
      expect(created[0]).to.equal(broken);
      const media = await probeMedia(session.sessionId);
      const video = media.find((m) => m.track === 'video');
      expect(video, 'the video file is stored').to.not.equal(undefined);
      expect(video!.durationMs, 'counted from the recorder that took over').to.be.within(2500, 5000);
      for (const file of media) expectPlayable(file);
    } finally {
      el.remove();
    }
  });
});
