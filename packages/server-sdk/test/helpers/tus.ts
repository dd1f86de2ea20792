import http from 'node:http';

/** Minimal tus 1.0 requests over node:http, so tests control every byte and can cut a request mid-body. */

const encodeMetadata = (meta: Record<string, string>) =>
  Object.entries(meta).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');

export async function createUpload(endpoint: string, token: string, meta: Record<string, string>) {
  const response = await fetch(`${endpoint}/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': encodeMetadata(meta) },
  });
  const location = response.headers.get('location');
  return { status: response.status, url: location ? new URL(location, `${endpoint}/v1/uploads`).href : null, body: await response.text() };
}

export async function headUpload(url: string, token: string) {
  const response = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
  return {
    status: response.status,
    offset: Number(response.headers.get('upload-offset')),
    length: response.headers.get('upload-length'),
    deferred: response.headers.get('upload-defer-length'),
  };
}

export async function patchUpload(url: string, token: string, offset: number, body: Buffer, opts: { length?: number } = {}) {
  const response = await fetch(url, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      'tus-resumable': '1.0.0',
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
      ...(opts.length !== undefined ? { 'upload-length': String(opts.length) } : {}),
    },
    body,
  });
  return { status: response.status, offset: Number(response.headers.get('upload-offset')), body: await response.text() };
}

export async function deleteUpload(url: string, token: string) {
  const response = await fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
  return { status: response.status, body: await response.text() };
}

/**
 * A raw PATCH announcing all of `body` (Content-Length) with nothing written yet: callers send part
 * of it and then stall or cut the connection, as a lost network would.
 */
export function openPatch(url: string, token: string | null, offset: number, body: Buffer): http.ClientRequest {
  const target = new URL(url);
  return http.request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'PATCH',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'tus-resumable': '1.0.0',
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
      'content-length': String(body.length),
    },
  });
}

/** Sends `sendBytes` of a PATCH's body, then destroys the socket: the server sees a dropped upload. */
export async function patchAndCut(url: string, token: string | null, offset: number, body: Buffer, sendBytes: number): Promise<void> {
  const req = openPatch(url, token, offset, body);
  await new Promise<void>((resolve) => {
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.write(body.subarray(0, sendBytes), () => {
      // Let the bytes reach the server before the cut.
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
  });
}

/** A PATCH whose body is written in `pieces` (byte counts), 60 ms apart, as a slow uplink delivers it. */
export async function trickledPatch(url: string, token: string, offset: number, body: Buffer, pieces: number[]) {
  const req = openPatch(url, token, offset, body);
  const response = new Promise<{ status: number; offset: number; body: string }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, offset: Number(res.headers['upload-offset']), body: Buffer.concat(chunks).toString() }));
    });
  });
  req.flushHeaders();
  let at = 0;
  for (const size of pieces) {
    await new Promise((resolve) => setTimeout(resolve, 60));
    req.write(body.subarray(at, at + size));
    at += size;
  }
  req.end();
  return response;
}
