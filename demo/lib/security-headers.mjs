// One strict policy for every response. The widget needs no inline script or style (docs/csp.md):
// 'wasm-unsafe-eval' lets the VAD compile its WebAssembly, media-src blob: plays the candidate's
// own take back, and worker-src covers blob: workers hls.js may start.

/**
 * The policy. `imgOrigins`: origins images may also come from: the employer's logo is an absolute
 * URL (Candid requires one), which may name this demo by another host name (127.0.0.1 for
 * localhost) or live elsewhere (CANDID_EMPLOYER_LOGO_URL).
 */
export function contentSecurityPolicy({ imgOrigins = [] } = {}) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "media-src 'self' blob:",
    ["img-src 'self' data:", ...new Set(imgOrigins)].join(' '),
    "connect-src 'self'",
    "worker-src 'self' blob:",
    // Not covered by default-src:
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of an http(s) URL, or nothing (a CSP source list takes no paths, queries or junk). */
export function originOf(url) {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? [origin] : [];
  } catch {
    return [];
  }
}

/** Express middleware setting the CSP and its companions; `imgOrigins()` is read per request. */
export function securityHeaders({ imgOrigins = () => [] } = {}) {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy({ imgOrigins: imgOrigins() }));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Candidate links carry a session token in the query: never send it to another site.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=()');
    next();
  };
}
