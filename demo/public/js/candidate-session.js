// The careers and React pages ask for the visitor's interview session when they run (fetching the
// page creates nothing): POST /candidate-session answers with a widget token, for the session this
// browser already has (an HttpOnly cookie) or a new one.

/** @returns {Promise<string>} the widget token */
export async function candidateToken(page) {
  const response = await fetch('/candidate-session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ page }),
    credentials: 'same-origin',
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || typeof body?.token !== 'string') throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body.token;
}

/** What the page shows instead of the widget when no session could be had. */
export function showStartFailure(container) {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = 'The interview could not be started. Reload the page to try again.';
  container.replaceChildren(p);
}
