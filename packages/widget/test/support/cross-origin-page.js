// The careers page's own script (a file: its CSP allows no inline script). Like an integrator's,
// it tells the embedding page (the parent frame, the ATS) how the interview goes, and also
// reports CSP violations. Loaded before candid.js, so it hears `candid-ready` too.
for (const type of ['candid-ready', 'candid-consent', 'candid-answer', 'candid-complete', 'candid-error']) {
  document.addEventListener(type, (event) => {
    parent.postMessage({ type, detail: JSON.parse(JSON.stringify(event.detail ?? null)), pageOrigin: location.origin }, '*');
  });
}
document.addEventListener('securitypolicyviolation', (event) => {
  parent.postMessage({ type: 'csp-violation', detail: { directive: event.effectiveDirective, blocked: event.blockedURI } }, '*');
});
