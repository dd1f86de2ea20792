/**
 * Entry of the lazily loaded VAD chunk (`dist/assets/candid-vad.js`, see rollup.config.mjs):
 * vad-web's MicVAD with Silero v5, on the widget's own MediaStream. Everything it fetches (worklet,
 * model, ort wasm + glue) comes from `assetsBase`; nothing from a CDN.
 */
// Not the package root: that also pulls in NonRealTimeVAD and the 28 MB WebGPU build of ort.
import { MicVAD } from '@ricky0123/vad-web/dist/real-time-vad.js';
import type { VadEngine, VadEngineOptions } from './types.js';

/** Silero v5 analyses 512 samples at 16 kHz per frame. */
const FRAME_MS = 32;

export async function createVadEngine(options: VadEngineOptions): Promise<VadEngine> {
  let stream: MediaStream | null = null;
  let started = false;
  const context = new AudioContext();
  const currentStream = async (): Promise<MediaStream> => {
    if (!stream) throw new Error('no stream to listen to');
    return stream;
  };
  let vad: MicVAD;
  try {
    vad = await MicVAD.new({
      model: 'v5',
      baseAssetPath: options.assetsBase,
      onnxWASMBasePath: options.assetsBase,
      startOnLoad: false,
      audioContext: context,
      processorType: 'AudioWorklet',
      // The widget owns the one stream: never a second getUserMedia, never stop its tracks.
      getStream: currentStream,
      resumeStream: currentStream,
      pauseStream: async () => {},
      ortConfig: (ort) => {
        ort.env.logLevel = 'error';
        // Threads need cross-origin isolation, which host pages rarely have; one is also fastest on 2 cores.
        ort.env.wasm.numThreads = 1;
      },
      onFrameProcessed: (probabilities) => options.onFrame(probabilities.isSpeech),
    });
  } catch (err) {
    void context.close().catch(() => {});
    throw err;
  }
  context.addEventListener('statechange', () => {
    // `interrupted` is WebKit's state (not yet in every engine's AudioContextState type).
    if ((context.state as string) === 'interrupted') options.onInterrupted?.();
    else if (context.state === 'running') options.onRestart();
  });

  return {
    frameMs: FRAME_MS,
    async connect(next) {
      if (started && vad.listening) await vad.pause();
      stream = next;
      if (context.state === 'suspended') void context.resume().catch(() => {});
      await vad.start();
      started = true;
    },
    async disconnect() {
      if (started && vad.listening) await vad.pause();
    },
    resume() {
      if (context.state === 'suspended') void context.resume().catch(() => {});
    },
    async destroy() {
      // destroy() throws when start() never ran (no audio graph yet).
      if (started) await vad.destroy().catch(() => {});
      await context.close().catch(() => {});
    },
  };
}

/** Also exported for the benchmark (bench/vad.mjs), which feeds frames without a microphone. */
export { MicVAD };
