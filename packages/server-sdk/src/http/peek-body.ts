import type { Readable } from 'node:stream';

/**
 * Reads up to `bytes` from the start of a request body and puts them back, so the request can
 * still be consumed whole afterwards (by tus). Returns fewer bytes if the body is shorter.
 */
export async function peekBody(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < bytes && !stream.readableEnded) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      chunks.push(chunk);
      length += chunk.length;
      continue;
    }
    if (stream.destroyed) break;
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
