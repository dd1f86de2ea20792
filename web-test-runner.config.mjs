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

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const speechWav = here('./fixtures/generated/speech.wav');
if (!existsSync(speechWav)) {
  execFileSync('bash', [here('./scripts/make-fixtures.sh')], { stdio: 'inherit' });
}

const executablePath =
  process.env.CHROME_PATH ||
  ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

const baseArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${speechWav}`,
  '--autoplay-policy=no-user-gesture-required',
];
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

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: here('./'),
  files: ['packages/widget/test/**/*.test.ts', `!${noGrantFiles}`],
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 1),
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 180000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('./packages/widget/tsconfig.json') }),
    candidServerPlugin(),
  ],
  browsers: [chrome(chromeArgs)],
  groups: [{ name: 'permission-denied', files: noGrantFiles, browsers: [chrome(baseArgs)] }],
  reporters: [defaultReporter(), summaryJsonReporter({ outFile: here('./test-results/browser.json') })],
};
