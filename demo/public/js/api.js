// Talking to the demo's /ats/api from the pages: JSON in, JSON out, Candid's typed errors shown as
// they come (`error.code`, `error.message`, field `issues`). All text goes in via textContent.

/** @returns {Promise<{ ok: boolean, status: number, body: any }>} */
export async function sendJson(method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, body: { error: { code: 'NETWORK', message: 'The demo server did not answer. Is it still running?' } } };
  }
  const json = await response.json().catch(() => ({ error: { code: 'BAD_RESPONSE', message: `HTTP ${response.status}` } }));
  return { ok: response.ok, status: response.status, body: json };
}

/** Shows `{ error: { code, message, issues } }` in `container` (or clears it with null). */
export function showError(container, body) {
  container.replaceChildren();
  if (!body) return;
  const { code = 'ERROR', message = '', issues = [] } = body.error ?? {};
  const box = document.createElement('div');
  box.className = 'error';
  box.setAttribute('role', 'alert');
  const line = document.createElement('p');
  const codeEl = document.createElement('code');
  codeEl.textContent = code;
  line.append(codeEl, ` ${message}`);
  box.append(line);
  if (issues.length > 0) {
    const list = document.createElement('ul');
    for (const issue of issues) {
      const item = document.createElement('li');
      const path = document.createElement('code');
      path.textContent = issue.path || '(body)';
      item.append(path, ` ${issue.message}`);
      list.append(item);
    }
    box.append(list);
  }
  container.append(box);
}

/** Disables a form's submit button while `task` runs. */
export async function busy(form, task) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    return await task();
  } finally {
    button.disabled = false;
  }
}
