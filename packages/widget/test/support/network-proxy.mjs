// A small HTTP proxy on 127.0.0.1 between the widget under test and the real Candid server, for
// network-fault tests. It forwards every request (CORS preflights included: the server answers
// them) and can:
//   - cut the network: destroy every open connection (client and upstream side) and reset new
//     ones for `ms` milliseconds, like a dropped Wi-Fi;
//   - throttle PATCH bodies to N bytes/s (reading no faster than it forwards), so recorded bytes
//     pile up unsent and a reload lands mid-upload;
//   - count PATCH body bytes per upload id, so a test can compute bytes re-sent
//     (= PATCH bytes received - final size);
//   - hold PATCH requests: new ones wait, body unread and not forwarded, until the hold is lifted
//     (those whose client went away meanwhile, e.g. the page reloaded, are dropped), so a test can
//     be sure bytes are still unsent at a given moment instead of racing the upload.
import http from 'node:http';

const UPLOAD_ID = /\/v1\/uploads\/(upl_[A-Za-z0-9]+)/;

/**
 * @param {{ upstreamPort: number }} options
 * @returns {Promise<{ port: number, cut(ms: number): void, throttle(bytesPerSecond: number | null): void, hold(on: boolean): number,
 *   stats(): Record<string, { patchBytes: number, patches: number, failedPatches: number }>, close(): Promise<void> }>}
 */
export async function startNetworkProxy({ upstreamPort }) {
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /** @type {Set<http.ClientRequest>} */
  const upstreams = new Set();
  /** @type {Map<string, { patchBytes: number, patches: number, failedPatches: number }>} */
  const counters = new Map();
  let cutUntil = 0;
  /** @type {number | null} */
  let bytesPerSecond = null;
  let holding = false;
  /** @type {Set<{ req: http.IncomingMessage, res: http.ServerResponse }>} PATCH requests held */
  const held = new Set();

  const counterFor = (id) => {
    let c = counters.get(id);
    if (!c) counters.set(id, (c = { patchBytes: 0, patches: 0, failedPatches: 0 }));
    return c;
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const forward = (req, res) => {
    const uploadId = req.method === 'PATCH' ? UPLOAD_ID.exec(req.url ?? '')?.[1] : undefined;
    const counter = uploadId ? counterFor(uploadId) : null;
    if (counter) counter.patches += 1;
    let completed = false;

    const upstream = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent: false },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.on('end', () => {
          completed = true;
          upstreams.delete(upstream);
        });
      },
    );
    upstreams.add(upstream);
    const fail = () => {
      upstreams.delete(upstream);
      if (counter && !completed) counter.failedPatches += 1;
      req.destroy();
      res.destroy();
    };
    upstream.on('error', fail);
    req.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!completed) upstream.destroy();
    });

    req.on('data', (chunk) => {
      if (counter) counter.patchBytes += chunk.length;
      upstream.write(chunk);
      if (counter && bytesPerSecond) {
        // Throttle: read no faster than we may forward.
        req.pause();
        setTimeout(() => req.resume(), (chunk.length / bytesPerSecond) * 1000);
      }
    });
    req.on('end', () => upstream.end());
  };

  const server = http.createServer((req, res) => {
    if (holding && req.method === 'PATCH' && UPLOAD_ID.test(req.url ?? '')) {
      req.pause();
      const entry = { req, res };
      held.add(entry);
      res.on('close', () => held.delete(entry)); // the client gave up (reload, cut): never forwarded
      return;
    }
    forward(req, res);
  });
  server.on('connection', (socket) => {
    if (Date.now() < cutUntil) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5000;

  await new Promise((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => resolve(undefined));
    server.once('error', reject);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

  return {
    port,
    cut(ms) {
      cutUntil = Date.now() + ms;
      for (const upstream of upstreams) upstream.destroy();
      upstreams.clear();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    throttle(rate) {
      bytesPerSecond = rate && rate > 0 ? rate : null;
    },
    hold(on) {
      holding = on;
      if (on) return held.size;
      const waiting = [...held];
      held.clear();
      for (const { req, res } of waiting) {
        if (req.destroyed || res.destroyed) continue;
        forward(req, res);
        req.resume();
      }
      return waiting.length;
    },
    stats() {
      return Object.fromEntries(counters);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
