// Who may talk to the demo. Its operator pages and /ats/api have no login (a demo), so:
// - Host allowlist: the demo answers only requests addressed to a name it knows (localhost and the
//   loopback addresses on its port, HOST when it names one address, every local interface address
//   when HOST is a wildcard, and PUBLIC_URL's host). Anything else gets 421 Misdirected Request:
//   a DNS-rebinding page (evil.example resolving to 127.0.0.1) sends `Host: evil.example` and so
//   can neither read candidates' data nor mint candidate links naming its own origin.
// - Same origin only for the JSON routes: a browser tells where a request comes from (Origin on
//   every non-GET request, Sec-Fetch-Site on every request of current browsers); a request another
//   site's page makes is refused (403), so no page elsewhere can create interviews or links, or
//   read sessions, through a browser that can reach the demo. Clients that are no browser (curl,
//   the tests) send neither header and are let through: they are not a cross-site threat, and the
//   startup warning covers a demo reachable by other machines.
import os from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Whether `host` (a HOST value: a name or an address) only listens on this machine. */
export function isLoopbackHost(host) {
  const h = String(host ?? '').trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

const bracketed = (address) => (address.includes(':') ? `[${address}]` : address);

/**
 * The `Host` header values the demo answers: `name:port` for the loopback names, for HOST (or,
 * when HOST is a wildcard, every address of this machine's interfaces), and PUBLIC_URL's host as
 * browsers send it (no port when it is the scheme's default).
 *
 * @param {{ host?: string, port: number, publicUrl?: string, interfaces?: ReturnType<typeof os.networkInterfaces> }} options
 * @returns {Set<string>} lower-case
 */
export function allowedHosts({ host = '127.0.0.1', port, publicUrl, interfaces = os.networkInterfaces() }) {
  const names = new Set(LOOPBACK_NAMES);
  const wildcard = host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
  if (wildcard) {
    for (const list of Object.values(interfaces)) for (const { address } of list ?? []) names.add(bracketed(address));
  } else names.add(bracketed(host.replace(/^\[(.*)\]$/, '$1')));
  const hosts = new Set();
  for (const name of names) {
    hosts.add(`${name}:${port}`.toLowerCase());
    if (port === 80) hosts.add(name.toLowerCase());
  }
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  return hosts;
}

/** The startup warning for a demo that other machines can reach (null on loopback). */
export function exposureWarning({ host, url }) {
  if (isLoopbackHost(host)) return null;
  const line = '!'.repeat(96);
  return [
    line,
    `!! WARNING: HOST=${host} — this demo is reachable from other machines at ${url} (and every address of this host).`,
    '!! Its ATS admin and reviewer pages (/ats, /review, /ats/api) have NO LOGIN: anyone who can reach this',
    "!! port can read candidates' names, e-mails, answers and recordings, and create interviews and candidate links.",
    '!! Use HOST=127.0.0.1 (the default) unless this network is yours alone; set PUBLIC_URL to the address browsers use.',
    line,
  ].join('\n');
}

/** Express middleware: 421 for a `Host` not in `allowed()` (read per request: the port is known after listen). */
export function hostAllowlist(allowed) {
  return (req, res, next) => {
    const host = (req.get('host') ?? '').toLowerCase();
    if (allowed().has(host)) return next();
    res
      .status(421)
      .set('Cache-Control', 'no-store')
      .type('text')
      .send('421 Misdirected Request: this demo does not answer for this host name. Open it at the address it printed when it started (or set PUBLIC_URL).\n');
  };
}

const hostOf = (origin) => {
  try {
    const { protocol, host } = new URL(origin);
    return protocol === 'http:' || protocol === 'https:' ? host.toLowerCase() : null;
  } catch {
    return null; // "null" (sandboxed frames, some redirects) and junk
  }
};

/**
 * Express middleware for JSON routes the demo's own pages call: refuses (403) what a browser says
 * comes from another site. `Sec-Fetch-Site` must be `same-origin` (or `none`, a URL typed or
 * bookmarked, for GET and HEAD only); an `Origin` must name this request's own host.
 */
export function sameOriginOnly() {
  return (req, res, next) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const safe = req.method === 'GET' || req.method === 'HEAD';
    let from = null;
    if (site !== undefined && site !== 'same-origin' && !(safe && site === 'none')) from = `Sec-Fetch-Site: ${site}`;
    else if (origin !== undefined && hostOf(origin) !== (req.get('host') ?? '').toLowerCase()) from = 'another origin';
    if (!from) return next();
    res
      .status(403)
      .set('Cache-Control', 'no-store')
      .json({ error: { code: 'CROSS_ORIGIN_REFUSED', message: `This route answers the demo's own pages only; the request came from ${from}.` } });
  };
}
