// The three browser engines of the browser suite, each with a fake camera and microphone, all from
// Debian's packages (scripts/test-setup.sh installs them):
// - Chromium through puppeteer (CDP), the fake devices from command-line flags;
// - Firefox ESR, headless, through puppeteer over WebDriver BiDi, fake devices from prefs;
// - WebKitGTK's MiniBrowser (the engine family of Safari) through WebKitWebDriver, under Xvfb (it has
//   no headless mode), with mock capture devices; on GStreamer 1.22 it needs the autovideoflip shim
//   (scripts/webkit/build-gst-shim.sh) to record video.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export function chromium({ executablePath, args }) {
  return chromeLauncher({ launchOptions: { ...(executablePath ? { executablePath } : {}), headless: true, args } });
}

export function firefox() {
  return chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      extraPrefsFirefox: {
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        'media.autoplay.default': 0,
        // Without a sound device AudioContext stays suspended and AudioWorklets get no frames.
        'media.cubeb.force_mock_context': true,
      },
    },
  });
}

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** WebdriverLauncher that starts its own WebKitWebDriver under Xvfb, and stops it with the run. */
/** Signals a whole process group (nothing if it is gone). */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

class WebKitLauncher extends WebdriverLauncher {
  #driver = null;

  constructor({ gstPluginPath }) {
    super({ hostname: '127.0.0.1', port: 0, logLevel: 'error', capabilities: {} });
    this.gstPluginPath = gstPluginPath;
  }

  async initialize(config, testFiles) {
    const port = await freePort();
    this.options.port = port;
    // Not `browserName` (WebKitWebDriver then fails to match capabilities); `--automation` must be
    // among the args or the session hangs.
    this.options.capabilities = {
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {
        binary: MINIBROWSER_PATH,
        args: [
          '--automation',
          '--enable-media-stream=true',
          '--enable-mock-capture-devices=true',
          '--enable-webaudio=true',
          '--enable-mediasource=true',
          '--media-playback-requires-user-gesture=false',
        ],
      },
    };
    const env = { ...process.env, GST_PLUGIN_PATH: [this.gstPluginPath, process.env.GST_PLUGIN_PATH].filter(Boolean).join(':') };
    const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', WEBKIT_DRIVER_PATH, `--port=${port}`], {
      env,
      stdio: 'ignore',
      detached: true, // its own process group: stop() ends Xvfb, the driver and MiniBrowser together
    });
    this.#driver = driver;
    // Whatever way the test runner ends, nothing of WebKit's is left running.
    process.once('exit', () => killGroup(driver.pid, 'SIGKILL'));
    await waitForPort(port, 20_000);
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop().catch(() => {});
    const driver = this.#driver;
    this.#driver = null;
    if (!driver?.pid) return;
    killGroup(driver.pid, 'SIGTERM');
    // MiniBrowser may outlive a polite request (a wedged media pipeline): then no choice.
    const gone = await new Promise((resolve) => {
      if (driver.exitCode !== null) return resolve(true);
      const timer = setTimeout(() => resolve(false), 3000);
      driver.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    killGroup(driver.pid, 'SIGKILL'); // the group's other members (Xvfb, MiniBrowser) too
    if (!gone) driver.unref();
  }
}

export function webkit({ gstPluginPath }) {
  return new WebKitLauncher({ gstPluginPath });
}

/**
 * The engines to run: `CANDID_ENGINES`, default `chromium,firefox`; `chromium,firefox,webkit` adds
 * WebKit's 10 files. WebKit passes them (its hang, a paused detached preview deadlocking the web
 * process, is fixed), but with it the whole `npm test` took longer than CI's 30 minutes on these
 * 2-core machines: it is opt-in until the suites are faster.
 */
export function enginesToRun(chromiumPath) {
  const installed = {
    chromium: Boolean(chromiumPath),
    firefox: existsSync(FIREFOX_PATH),
    webkit: existsSync(WEBKIT_DRIVER_PATH) && existsSync(MINIBROWSER_PATH),
  };
  const wanted = (process.env.CANDID_ENGINES || 'chromium,firefox').split(',').map((e) => e.trim()).filter(Boolean);
  const missing = wanted.filter((engine) => !installed[engine]);
  if (missing.length > 0) {
    throw new Error(`browser engine(s) not installed: ${missing.join(', ')}. Run \`bash scripts/test-setup.sh\` (Debian packages), or narrow the run with CANDID_ENGINES=${wanted.filter((e) => installed[e]).join(',') || 'chromium'}.`);
  }
  return new Set(wanted);
}
