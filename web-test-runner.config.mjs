// Browser tests: real Chromium (Debian), fake camera + microphone, a real Candid server.
//   npx web-test-runner --config web-test-runner.config.mjs        (= npm run test:browser)
// Env: CHROME_PATH (browser binary), WTR_CONCURRENCY (default 1: recording is CPU-heavy).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
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

const chrome = (args) =>
  chromeLauncher({
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      headless: true,
      args,
    },
  });

/** Tests that need a browser where nobody grants the camera permission (headless: denied). */
const noGrantFiles = 'packages/widget/test/no-permission/**/*.test.ts';
/** VAD tests whose microphone plays speech-pauses.wav (known speech boundaries) or silence.wav. */
const vadPausesFiles = 'packages/widget/test/vad/pauses/**/*.test.ts';
const vadSilentFiles = 'packages/widget/test/vad/silent/**/*.test.ts';

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
    { name: 'permission-denied', files: noGrantFiles, browsers: [chrome(baseArgs)] },
    { name: 'vad-pauses', files: vadPausesFiles, browsers: [chrome([...argsFor(pausesWav), '--use-fake-ui-for-media-stream'])] },
    { name: 'vad-silent', files: vadSilentFiles, browsers: [chrome([...argsFor(silenceWav), '--use-fake-ui-for-media-stream'])] },
  ],
  reporters: [defaultReporter(), summaryJsonReporter({ outFile: here('./test-results/browser.json') })],
};
