// One strict policy for every response. The widget needs no inline script or style (docs/csp.md):
// 'wasm-unsafe-eval' lets the VAD compile its WebAssembly, media-src blob: plays the candidate's
// own take back, and worker-src covers blob: workers hls.js may start.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "media-src 'self' blob:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  // Not covered by default-src:
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Express middleware setting the CSP and its companions. */
export function securityHeaders(_req, res, next) {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Candidate links carry a session token in the query: never send it to another site.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=()');
  next();
}
