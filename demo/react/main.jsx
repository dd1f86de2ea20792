// The /react page: the interview through @candid/react, as a React app would embed it.
// Bundled for the browser by demo/rollup.part.mjs (React is CommonJS; the widget comes from npm).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CandidInterview, CandidProvider, useCandidState } from '@candid/react';

/** Reads the widget's phase from the provider's <CandidInterview>; undefined until it mounts. */
function Status() {
  const phase = useCandidState((s) => s.phase);
  return (
    <p className="status" aria-live="polite">
      Widget phase: <output id="phase">{phase ?? 'not mounted yet'}</output>
    </p>
  );
}

function EventLog({ entries }) {
  if (entries.length === 0) return null;
  return (
    <ul id="events" className="note">
      {entries.map((entry, index) => (
        <li key={index}>{entry}</li>
      ))}
    </ul>
  );
}

function App({ token, endpoint, assetsBase }) {
  const [events, setEvents] = useState([]);
  const log = (entry) => setEvents((list) => [...list, entry]);
  return (
    <CandidProvider>
      <Status />
      <CandidInterview
        endpoint={endpoint}
        token={token}
        assetsBase={assetsBase}
        onCandidRequest={(event) => log(`Request ${event.detail.requestId} (${event.detail.type}) sent to the employer.`)}
        onCandidWithdrawn={(event) => log(`Consent withdrawn for session ${event.detail.sessionId}: recordings deleted from this device.`)}
        onCandidComplete={(event) => log(`Completed session ${event.detail.sessionId}.`)}
        onCandidError={(event) => log(`Error ${event.detail.code}${event.detail.recoverable ? ' (recoverable)' : ''}: ${event.detail.message}`)}
      />
      <EventLog entries={events} />
    </CandidProvider>
  );
}

/** The visitor's widget token: POST /candidate-session (the page itself creates no session). */
async function candidateToken(page) {
  const response = await fetch('/candidate-session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ page }) });
  const body = await response.json().catch(() => null);
  if (!response.ok || typeof body?.token !== 'string') throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body.token;
}

const root = document.getElementById('react-root');
const reactRoot = createRoot(root);
reactRoot.render(<p className="note" role="status">Preparing your interview…</p>);
candidateToken(root.dataset.page).then(
  (token) =>
    reactRoot.render(
      <StrictMode>
        <App token={token} endpoint={root.dataset.endpoint} assetsBase={root.dataset.assetsBase} />
      </StrictMode>,
    ),
  () => reactRoot.render(<p className="error" role="alert">The interview could not be started. Reload the page to try again.</p>),
);
