import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it: raw body bytes and lower-cased headers. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  receivedAt: number;
  /** The status the receiver answered. */
  answered: number;
}

/**
 * A webhook receiver on 127.0.0.1. `respond(request, nth)` picks the status for each request, where
 * `nth` counts earlier requests with the same `webhook-id` (0 for the first). `'hang'` never answers.
 */
export async function startWebhookReceiver(respond: (request: Omit<ReceivedWebhook, 'answered'>, nth: number) => number | 'hang' = () => 204) {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), receivedAt: Date.now() };
      const nth = received.filter((r) => r.headers['webhook-id'] === req.headers['webhook-id']).length;
      const status = respond(request, nth);
      received.push({ ...request, answered: status === 'hang' ? 0 : status });
      for (const wake of waiters) wake();
      if (status === 'hang') return;
      res.statusCode = status;
      if (status >= 300 && status < 400) res.setHeader('location', '/elsewhere');
      res.end(status >= 400 ? `receiver says ${status}` : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/candid`,
    port,
    received,
    /** Requests with this `webhook-id`, in arrival order. */
    forId: (id: string) => received.filter((r) => r.headers['webhook-id'] === id),
    /** Resolves when `predicate` holds for the requests received so far; rejects after `timeoutMs`. */
    async waitFor(predicate: (all: ReceivedWebhook[]) => boolean, timeoutMs = 15_000, what = 'webhook requests'): Promise<void> {
      if (predicate(received)) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received ${received.length}: ${received.map((r) => `${r.headers['webhook-id']}→${r.answered}`).join(', ')}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** Polls `read` until `done(value)` holds; returns the value (throws after `timeoutMs`). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
