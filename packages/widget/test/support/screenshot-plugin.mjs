// Web Test Runner plugin: `executeServerCommand('candid-screenshot', { name })` saves a PNG of the
// test page as the browser shows it (puppeteer's page of the session) to
//   $CANDID_SCREENS_DIR/<name>.png   (`npm run screens` sets it to docs/screens), else
//   test-results/screens/<name>.png  (every test run: the artefacts of the last run, not committed).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export function screenshotPlugin() {
  const dir = process.env.CANDID_SCREENS_DIR ? join(root, process.env.CANDID_SCREENS_DIR) : join(root, 'test-results', 'screens');
  return {
    name: 'candid-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'candid-screenshot') return undefined;
      if (!/^[a-z0-9-]+$/.test(payload?.name ?? '')) throw new Error(`candid-screenshot: bad name ${payload?.name}`);
      const page = session.browser.getPage?.(session.id);
      if (!page?.screenshot) throw new Error(`candid-screenshot: ${session.browser.name} has no puppeteer page`);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${payload.name}.png`);
      await page.screenshot({ path, fullPage: payload.fullPage === true });
      return { path };
    },
  };
}
