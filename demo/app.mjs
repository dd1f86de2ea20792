// Candid demo: one process playing every part.
//   /candid        the server SDK, mounted as an ATS would mount it
//   /              a careers page that embeds the widget with one <script> tag
//   /react         the same interview through @candid/react
//   /ats           a fake ATS: interviews, candidate invitations (links), /ats/api JSON
//   /review        the reviewer: answers, transcripts, AI scores with evidence, the human decision
// Everything is embedded: media on disk and metadata in PGlite under the data directory.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createCandid, loadOrCreateDevSecret } from '@candid/server-sdk';
import { AtsStore } from './lib/ats-store.mjs';
import { CandidHttp } from './lib/candid-http.mjs';
import { ensureDemoInterview } from './lib/demo-interview.mjs';
import { jsonErrors } from './lib/errors.mjs';
import { FakeAts } from './lib/fake-ats.mjs';
import { originOf, securityHeaders } from './lib/security-headers.mjs';
import { demoEmployer } from './lib/demo-employer.mjs';
import { allowedHosts, exposureWarning, hostAllowlist, sameOriginOnly } from './lib/host-check.mjs';
import { atsApi } from './routes/ats-api.mjs';
import { candidateSession } from './routes/candidate-session.mjs';
import { pages } from './routes/pages.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const widgetBundle = fileURLToPath(import.meta.resolve('@candid/widget/candid.js'));

/**
 * Starts the demo. `port: 0` picks a free port (tests). `publicUrl`: where browsers reach it
 * (default: the address it listens on), used for the demo employer's logo and privacy URLs, and
 * allowed as a `Host` besides localhost and the listening address (lib/host-check.mjs: any other
 * host name gets 421). A `host` other machines can reach is warned about loudly (`warn`, default
 * console.error). Returns its `url`, the `candid` instance, the allowed `hosts` and `close()`.
 *
 * @param {{ port?: number, host?: string, dataDir: string, secret?: string, publicUrl?: string,
 *   openai?: { apiKey: string, baseURL?: string }, candidOptions?: object, logger?: object, warn?: (message: string) => void }} options
 */
export async function startDemo({ port = 3000, host = '127.0.0.1', dataDir, secret, publicUrl, openai, candidOptions = {}, logger, warn = console.error } = {}) {
  if (!dataDir) throw new TypeError('startDemo: dataDir is required');
  await mkdir(dataDir, { recursive: true });
  // The fake ATS's own API key: used by its backend only (reviews, media), never sent to a browser.
  const atsKey = `demo-ats-${randomBytes(24).toString('base64url')}`;

  // The port comes first: the demo employer's logo and privacy URLs must be absolute, so they need
  // it. Requests arriving meanwhile wait until the routes are in place.
  const app = express();
  app.disable('x-powered-by');
  let imgOrigins = [];
  app.use(securityHeaders({ imgOrigins: () => imgOrigins }));
  let routesReady;
  const ready = new Promise((resolve) => {
    routesReady = resolve;
  });
  app.use((_req, _res, next) => void ready.then(() => next()));
  // Known once listening (port 0); checked before any route (DNS rebinding: see lib/host-check.mjs).
  let hosts = new Set();
  app.use(hostAllowlist(() => hosts));
  const server = app.listen(port, host);
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  // Listening on every interface: this process still reaches itself over loopback.
  const ip = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const url = `http://${ip.includes(':') ? `[${ip}]` : ip}:${address.port}`;
  const base = (publicUrl ?? url).replace(/\/+$/, '');
  hosts = allowedHosts({ host, port: address.port, publicUrl: base });
  const warning = exposureWarning({ host, url });
  if (warning) warn(warning);
  const stopListening = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };

  let candid;
  try {
    const demoSecret = secret ?? candidOptions.secret ?? (await loadOrCreateDevSecret(dataDir));
    candid = createCandid(
      {
        dataDir,
        secret: demoSecret,
        ...candidOptions,
        // Who is asking, for every interview without its own employer (CANDID_EMPLOYER_* wins).
        employer: candidOptions.employer ?? demoEmployer(base),
        apiKeys: [...(candidOptions.apiKeys ?? []), atsKey],
        ...(openai?.apiKey ? { openai } : {}),
      },
      logger ? { logger } : {},
    );
    await candid.start();
    // The logo may name this demo by another host name than the page (127.0.0.1 for localhost).
    imgOrigins = [...originOf(base), ...originOf(candid.options.employer?.logoUrl)];

    const endpoint = `${url}/candid`;
    const store = await new AtsStore(dataDir).load();
    const demoInterviewId = await ensureDemoInterview(candid, store);
    const ats = new FakeAts({ candid, store, http: new CandidHttp({ endpoint: () => endpoint, apiKey: atsKey }) });

    app.use('/candid', candid.router);
    app.get('/candid.js', (_req, res) => res.sendFile(widgetBundle));
    app.get('/candid.js.map', (_req, res) => res.sendFile(`${widgetBundle}.map`));
    // Lazily loaded chunks and their files (VAD worklet, model, wasm, hls.js, languages): the
    // widget's default assets-base is the `assets/` folder next to candid.js.
    app.use('/assets', express.static(path.join(path.dirname(widgetBundle), 'assets')));
    app.use('/dist', express.static(path.join(root, 'dist'))); // the React page's bundle (npm run build)
    app.use(express.static(path.join(root, 'public')));

    app.use('/ats/api', sameOriginOnly(), atsApi(ats));
    // What the ATS backend reads back from Candid (GET /v1/sessions/{id}, in-process), as JSON: only
    // sessions of this ATS's interviews, like every other operator page.
    app.get('/ats/sessions/:id', sameOriginOnly(), async (req, res) => res.json(await ats.session(req.params.id)));
    app.use('/ats/sessions', jsonErrors);
    app.use(candidateSession({ candid, demoInterviewId, secret: demoSecret, secureCookies: base.startsWith('https:') }));
    app.use(pages({ candid, ats, demoInterviewId, imgOrigins }));
  } catch (error) {
    await candid?.close();
    await stopListening(); // e.g. a bad CANDID_EMPLOYER_* value: leave nothing running
    throw error;
  }
  routesReady();

  return {
    url,
    candid,
    hosts,
    async close() {
      await stopListening();
      await candid.close();
    },
  };
}
