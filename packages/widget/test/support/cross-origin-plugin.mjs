// Web Test Runner plugin for cross-origin.test.ts: a plain careers page served from ANOTHER origin
// than the Candid server (http://localhost:<port> here, http://127.0.0.1:<port> there), and a
// handle on the widget inside it: the test page cannot script a cross-origin frame, but puppeteer
// (the browser's DevTools connection) can.
//
//   cross-origin-page-server                            → { origin } (started lazily, stopped in serverStop)
//   cross-origin-widget { origin, action: 'phase' }     → { phase }: the widget's phase in that origin's frame (or null)
//   cross-origin-widget { origin, action: 'click', selector }
//                                                        → { clicked }: true once clicked (false: not there or disabled yet)
// (Results are objects: a command that returns null counts as "not handled" in WTR.)
//
// The page server serves, byte for byte:
//   /careers.html?endpoint=…&token=…   cross-origin-page.html with both attributes filled in (HTML-escaped),
//                                       under a strict Content-Security-Policy (no inline script or style)
//   /careers.js                         cross-origin-page.js
//   /cdn/candid.js, /cdn/assets/…       packages/widget/dist (the script-tag bundle and its lazy chunks)
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_TYPES } from './static-assets.mjs';
import { strictPolicy } from './strict-csp.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const dist = here('../../dist/');

const escapeAttribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const send = (status, type, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache', ...headers });
    res.end(body);
  };
  try {
    if (url.pathname === '/careers.html') {
      const endpoint = url.searchParams.get('endpoint') ?? '';
      const html = (await readFile(here('./cross-origin-page.html'), 'utf8'))
        .replace('{{endpoint}}', escapeAttribute(endpoint))
        .replace('{{token}}', escapeAttribute(url.searchParams.get('token') ?? ''));
      return send(200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': strictPolicy(endpoint) });
    }
    if (url.pathname === '/careers.js') return send(200, 'text/javascript', await readFile(here('./cross-origin-page.js')));
    if (url.pathname.startsWith('/cdn/')) {
      const rel = normalize(decodeURIComponent(url.pathname.slice('/cdn/'.length)));
      if (!rel.startsWith('..') && (rel === 'candid.js' || rel.startsWith('assets/'))) {
        return send(200, ASSET_TYPES[extname(rel)] ?? 'application/octet-stream', await readFile(join(dist, rel)));
      }
    }
    send(404, 'text/plain', 'not found');
  } catch (err) {
    send(err?.code === 'ENOENT' ? 404 : 500, 'text/plain', String(err?.message ?? err));
  }
}

/** Listens on 127.0.0.1 and, when it can, on [::1] with the same port ("localhost" may be either). */
async function startPageServer() {
  const listen = (server, port, host) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server.address().port));
    });
  const v4 = createServer(handle);
  const port = await listen(v4, 0, '127.0.0.1');
  const v6 = createServer(handle);
  const servers = [v4];
  await listen(v6, port, '::1').then(() => servers.push(v6), () => {});
  return {
    origin: `http://localhost:${port}`,
    close: () => Promise.all(servers.map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve))))),
  };
}

/**
 * `frame.evaluate` can wait forever for an execution context when the frame navigates or detaches
 * under it; the test polls anyway, so a slow answer counts as "not yet" instead of hanging the run.
 */
function within(ms, promise, fallback) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

/** The frame showing `origin`'s page in the test's own browser page (puppeteer sees every frame). */
function frameOf(session, origin) {
  if (session.browser.type !== 'puppeteer') throw new Error('cross-origin-widget needs the puppeteer (chrome) launcher');
  return session.browser.getPage(session.id).frames().find((f) => f.url().startsWith(`${origin}/`)) ?? null;
}

export function crossOriginPlugin() {
  /** @type {Promise<{ origin: string, close(): Promise<unknown> }> | null} */
  let starting = null;

  return {
    name: 'candid-cross-origin',

    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'cross-origin-page-server': {
          const { origin } = await (starting ??= startPageServer());
          return { origin };
        }
        case 'cross-origin-widget': {
          const frame = frameOf(session, payload.origin);
          // A frame not there yet, or still loading (evaluate rejects): the test polls again.
          if (payload.action === 'phase') {
            if (!frame) return { phase: null };
            const phase = await within(5000, frame.evaluate(() => document.querySelector('candid-interview')?.store?.getState().phase ?? null), null);
            return { phase: phase ?? null };
          }
          if (payload.action === 'click') {
            if (!frame) return { clicked: false };
            const clicked = await within(
              5000,
              frame.evaluate((selector) => {
                const target = document.querySelector('candid-interview')?.shadowRoot?.querySelector(selector);
                if (!target || target.disabled) return false;
                target.click();
                return true;
              }, payload.selector),
              false,
            );
            return { clicked: clicked === true };
          }
          throw new Error(`cross-origin-widget: unknown action ${payload.action}`);
        }
        default:
          return undefined; // not ours
      }
    },

    async serverStop() {
      const pending = starting;
      starting = null;
      const server = await pending?.catch(() => null);
      await server?.close();
    },
  };
}
