import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver 3.7.1 ships no type declarations; S3rverApp below describes what is used.
import S3rverModule from 's3rver';
import { s3rverMultipartShim } from './s3rver-listparts-shim.js';

/** The part of s3rver 3.7.1 (a Koa app, no bundled types) that these helpers use. */
interface S3rverApp {
  middleware: Array<(ctx: any, next: () => Promise<void>) => unknown>;
  httpServer?: Server;
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
const S3rver = S3rverModule as unknown as new (options: Record<string, unknown>) => S3rverApp;

/** One request as s3rver received it (headers lower-cased), for asserting on what the SDK really sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export interface TestS3 {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  port: number;
  /** s3rver's data directory: `<directory>/<bucket>/<key>._S3rver_object`, … */
  directory: string;
  /** The first configured bucket. */
  bucket: string;
  /** Environment for a child `candid serve` process that should store media here. */
  env: Record<string, string>;
  /** Every request received since start (or since the array was last emptied). */
  requests: RecordedRequest[];
  /** Static credentials s3rver accepts. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port and directory (an outage, or a process restart). */
  restart(): Promise<void>;
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** s3rver on 127.0.0.1 (random free port, temp directory) with the multipart calls it lacks shimmed in. */
export async function startS3rver(options: { buckets: string[] }): Promise<TestS3> {
  const bucket = options.buckets[0];
  if (!bucket) throw new Error('startS3rver: give at least one bucket');
  const directory = await mkdtemp(path.join(os.tmpdir(), 'candid-s3rver-'));
  const requests: RecordedRequest[] = [];
  let app: S3rverApp | undefined;

  async function launch(port: number): Promise<number> {
    const next = new S3rver({
      address: '127.0.0.1',
      port,
      directory,
      silent: true,
      configureBuckets: options.buckets.map((name) => ({ name })),
    });
    const record = async (ctx: any, nextMiddleware: () => Promise<void>) => {
      requests.push({ method: ctx.method, path: ctx.path, query: { ...ctx.query }, headers: { ...ctx.headers } });
      await nextMiddleware();
    };
    // Prepended so they run before s3rver's own router, which would answer 405/501.
    next.middleware.unshift(record, s3rverMultipartShim(directory));
    const address = await next.run();
    app = next;
    return address.port;
  }

  async function close(): Promise<void> {
    const running = app;
    app = undefined;
    if (!running?.httpServer) return;
    const closed = running.close();
    // Keep-alive sockets from SDK clients would otherwise hold close() open.
    running.httpServer.closeAllConnections();
    await closed;
  }

  const port = await launch(0);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    directory,
    bucket,
    requests,
    credentials: { ...CREDENTIALS },
    env: {
      CANDID_S3_BUCKET: bucket,
      CANDID_S3_FORCE_PATH_STYLE: '1',
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    },
    async stop() {
      await close();
      await rm(directory, { recursive: true, force: true });
    },
    async restart() {
      await close();
      await launch(port);
    },
  };
}
