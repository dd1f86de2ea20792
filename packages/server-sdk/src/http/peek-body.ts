import type { Readable } from 'node:stream';

/** The body has fully arrived (EOF pushed), whether or not `'end'` was emitted yet. */
function receivedWhole(stream: Readable): boolean {
  const state = (stream as Readable & { _readableState?: { ended?: boolean } })._readableState;
  return stream.readableEnded || state?.ended === true;
}

/**
 * Reads up to `bytes` from the start of a request body and puts them back, so the request can
 * still be consumed whole afterwards (by tus). Returns fewer bytes if the body is shorter.
 *
 * Only bytes already buffered are read: `read()` on an empty buffer at EOF emits `'end'`, after
 * which nothing can be put back and the next reader sees an ended, empty body (a 1-byte first
 * PATCH was stored as 0 bytes, answered 204, and resent forever). Both the read and the
 * `unshift` of what was read happen in one tick, before a scheduled `'end'` can fire.
 */
export async function peekBody(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    if (stream.readableLength > 0) {
      const chunk = stream.read() as Buffer | null;
      if (chunk !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
    }
    if (length >= bytes || receivedWhole(stream) || stream.destroyed) break;
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('readable', done);
        stream.off('end', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('readable', done);
      stream.on('end', done);
      stream.on('close', done);
    });
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0) stream.unshift(head);
  return head.subarray(0, bytes);
}
