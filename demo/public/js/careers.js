// The careers page: the script-tag widget (candid.js), added once the visitor's session is known.
import { candidateToken, showStartFailure } from './candidate-session.js';

const container = document.getElementById('interview');
try {
  const token = await candidateToken(container.dataset.page);
  const widget = document.createElement('candid-interview');
  widget.setAttribute('endpoint', container.dataset.endpoint);
  widget.setAttribute('token', token);
  container.replaceChildren(widget);
} catch {
  showStartFailure(container);
}
