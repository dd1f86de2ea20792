// Browser tests: real engines from Debian (Chromium, Firefox ESR, WebKitGTK), fake camera +
// microphone, a real Candid server.
//   npx web-test-runner --config web-test-runner.config.mjs        (= npm run test:browser)
// Every widget test runs in Chromium; the cross-engine set below runs in Firefox and WebKit too.
// Env: CHROME_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH, MINIBROWSER_PATH (binaries); CANDID_ENGINES
// (default chromium,firefox; chromium,firefox,webkit adds WebKit's set); WTR_CONCURRENCY (default 1: recording is CPU-heavy).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromium, enginesToRun, firefox, webkit } from './packages/widget/test/support/engines.mjs';
import { summaryJsonReporter } from './scripts/wtr-summary-reporter.mjs';
import { candidServerPlugin } from './packages/widget/test/support/candid-server-plugin.mjs';
import { crossOriginPlugin } from './packages/widget/test/support/cross-origin-plugin.mjs';
import { staticAssets } from './packages/widget/test/support/static-assets.mjs';
import { screenshotPlugin } from './packages/widget/test/support/screenshot-plugin.mjs';
import { reactEsmPlugin } from './packages/react-bindings/test/support/react-esm-plugin.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const speechWav = here('./fixtures/generated/speech.wav');
const pausesWav = here('./fixtures/generated/speech-pauses.wav');
const silenceWav = here('./fixtures/generated/silence.wav');
if (![speechWav, pausesWav, silenceWav].every((f) => existsSync(f))) {
  execFileSync('bash', [here('./scripts/make-fixtures.sh')], { stdio: 'inherit' });
}

const executablePath =
  process.env.CHROME_PATH ||
  ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

const argsFor = (audioFile) => [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${audioFile}`,
  '--autoplay-policy=no-user-gesture-required',
];
const baseArgs = argsFor(speechWav);
// --use-fake-ui-for-media-stream answers the camera/mic prompt with "Allow".
const chromeArgs = [...baseArgs, '--use-fake-ui-for-media-stream'];

const chrome = (args) => chromium({ executablePath, args });
const engines = enginesToRun(executablePath);

/** Tests that need a browser where nobody grants the camera permission (headless: denied). */
const noGrantFiles = 'packages/widget/test/no-permission/**/*.test.ts';
/** VAD tests whose microphone plays speech-pauses.wav (known speech boundaries) or silence.wav. */
const vadPausesFiles = 'packages/widget/test/vad/pauses/**/*.test.ts';
const vadSilentFiles = 'packages/widget/test/vad/silent/**/*.test.ts';
/**
 * Run in Firefox as well: the candidate's whole path (consent, recording, upload, review, submit) and
 * its recoveries (reload, network cut, journal), keyboard-only use with axe, the screen wake lock. Not
 * yet: the device check and HLS-prompt tests assert Chromium's fake devices and native-HLS answer; VAD, screenshots and
 * the denied permission use Chromium's command-line fakes.
 */
const firefoxFiles = [
  'packages/widget/test/{flow,interview,consent,notice,define,errors,camera,capture-modes,preview,keyboard,wake-lock,interruptions,recorder-fallback}.test.ts',
  'packages/widget/test/{journal,reload,network,tus-upload,cross-origin,csp-flow}.test.ts',
];
/**
 * WebKit (WebKitGTK 2.50 here; it records H.264 + AAC in fragmented MP4, the Safari path). These
 * passed in two runs each on a loaded 2-core machine (flow: once, then its first test lost to the
 * server's cold start, since warmed up). Not yet:
 * - preview, csp-flow: passed once, then timed out waiting for the device check (stuck in loading);
 *   not diagnosed yet.
 * - network: passed once; once the proxy's cold start outlasted a 20 s command.
 * - wake-lock: passes with a stand-in API (MiniBrowser under automation refuses the real lock);
 *   run once only.
 * - tus-upload, capture-modes: the tests record and declare WebM (MediaRecorder refuses it here).
 * - cross-origin: drives its page through puppeteer (Chromium only).
 * - journal, reload: not run yet (IndexedDB refuses Blobs here; the journal stores ArrayBuffers).
 * interruptions and recorder-fallback decode every stored file; WebKitGTK's own AAC (and Opus in
 * MP4) does not decode on Debian's GStreamer 1.22, so there only its video must decode cleanly
 * (see `expectPlayable`).
 */
const webkitFiles = ['packages/widget/test/{flow,interview,consent,notice,define,errors,camera,keyboard,interruptions,recorder-fallback}.test.ts'];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: here('./'),
  files: [
    'packages/widget/test/**/*.test.ts',
    'packages/react-bindings/test/**/*.test.ts',
    `!${noGrantFiles}`,
    `!${vadPausesFiles}`,
    `!${vadSilentFiles}`,
  ],
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 1),
  // One Chromium at a time: groups (other fake microphones) would otherwise record in parallel on 2 cores.
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 180000,
  // Before the plugins: built assets byte for byte, and the CSP test page.
  middleware: [staticAssets],
  plugins: [
    // React (CommonJS) as ES modules, for imports from packages/react-bindings only.
    reactEsmPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('./packages/widget/tsconfig.json') }),
    candidServerPlugin(),
    crossOriginPlugin(),
    screenshotPlugin(),
  ],
  browsers: [chrome(chromeArgs)],
  groups: [
    ...(engines.has('firefox') ? [{ name: 'firefox', files: firefoxFiles, browsers: [firefox()] }] : []),
    ...(engines.has('webkit') ? [{ name: 'webkit', files: webkitFiles, browsers: [webkit({ gstPluginPath: here('./.cache/gst-plugins') })] }] : []),
    { name: 'permission-denied', files: noGrantFiles, browsers: [chrome(baseArgs)] },
    { name: 'vad-pauses', files: vadPausesFiles, browsers: [chrome([...argsFor(pausesWav), '--use-fake-ui-for-media-stream'])] },
    { name: 'vad-silent', files: vadSilentFiles, browsers: [chrome([...argsFor(silenceWav), '--use-fake-ui-for-media-stream'])] },
  ],
  reporters: [defaultReporter(), summaryJsonReporter({ outFile: here('./test-results/browser.json') })],
};
