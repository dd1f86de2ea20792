// Dev-server middleware for the browser tests: serves the built widget assets byte for byte and a
// page with a Content-Security-Policy header for the CSP tests.
//
//   /packages/widget/dist/assets/*  raw files (the dev server would rewrite the imports inside
//                                   onnxruntime's ort-wasm-simd-threaded.mjs and break it;
//                                   feasibility.md §4), with the right Content-Type for .wasm.
//   /__assets-without/<locale>/*    the same files, but `lang/<locale>.js` answers 404.
//   /__csp__/page.html?csp=…        a page with `Content-Security-Policy: <csp>` that loads the
//                                   script-tag bundle and csp-page.js (both from 'self', no inline
//                                   script); csp-page.js creates the widget from the query string.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const ASSETS = '/packages/widget/dist/assets/';
/** Content types of the built assets (also used by cross-origin-plugin.mjs). */
export const ASSET_TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.map': 'application/json',
};

const cspPage = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>candid-interview under a strict CSP</title></head>
  <body>
    <script src="/__csp__/csp-page.js"></script>
    <script src="/packages/widget/dist/candid.js"></script>
  </body>
</html>`;

// Records CSP violations, then creates the widget from ?endpoint=…&token=…[&assets-base=…].
const cspScript = `window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});
window.addEventListener('DOMContentLoaded', function () {
  var q = new URLSearchParams(location.search);
  var el = document.createElement('candid-interview');
  el.setAttribute('endpoint', q.get('endpoint'));
  el.setAttribute('token', q.get('token'));
  if (q.get('assets-base')) el.setAttribute('assets-base', q.get('assets-base'));
  document.body.append(el);
});`;

/** @type {import('koa').Middleware} */
export async function staticAssets(ctx, next) {
  const path = ctx.path;
  if (path === '/__csp__/page.html') {
    ctx.set('Content-Security-Policy', String(ctx.query.csp ?? "default-src 'self'"));
    ctx.type = 'text/html';
    ctx.body = cspPage;
    return;
  }
  if (path === '/__csp__/csp-page.js') {
    ctx.type = 'text/javascript';
    ctx.body = cspScript;
    return;
  }
  // `/__assets-without/<locale>/…`: the built assets with one catalog missing (a partial deployment).
  const without = /^\/__assets-without\/([a-z]{2})\//.exec(path);
  if (!path.startsWith(ASSETS) && !without) return next();
  const rel = normalize(decodeURIComponent(path.slice(without ? without[0].length : ASSETS.length)));
  if (rel.startsWith('..')) return next();
  if (without && rel === `lang/${without[1]}.js`) {
    ctx.status = 404;
    ctx.body = 'not found';
    return;
  }
  try {
    ctx.body = await readFile(join(root, ASSETS, rel));
    ctx.type = ASSET_TYPES[extname(rel)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', 'no-cache');
  } catch {
    ctx.status = 404;
    ctx.body = 'not found';
  }
}
