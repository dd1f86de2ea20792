// A TCP forwarder on 127.0.0.1 that can go down for a while: open connections are reset and new
// ones refused, as when a service's host is restarting.
import net from 'node:net';

export async function startTcpProxy(upstreamPort: number) {
  const sockets = new Set<net.Socket>();
  let downUntil = 0;
  const server = net.createServer((client) => {
    if (Date.now() < downUntil) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    /** Resets every connection and refuses new ones for `ms` (until `up()` when not given). */
    down(ms = Number.POSITIVE_INFINITY) {
      downUntil = Date.now() + ms;
      for (const s of sockets) s.destroy();
    },
    up() {
      downUntil = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
