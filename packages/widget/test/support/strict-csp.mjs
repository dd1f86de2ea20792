// docs/csp.md's strict policy for a careers page with Candid on it: scripts from the page's own
// origin only (plus wasm for VAD), API calls to the endpoint's origin, no inline anything.
// Shared by the browser tests and the Node-side test plugins.

/** @param {string} endpoint the widget's endpoint URL */
export const strictPolicy = (endpoint) =>
  [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src 'self' ${new URL(endpoint).origin}`,
    "media-src 'self' blob:",
    "img-src 'self'",
    "style-src 'self'",
  ].join('; ');
