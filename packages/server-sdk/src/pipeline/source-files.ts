import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MediaStorage } from '../storage/media-storage.js';

/** A scratch directory for one job, removed afterwards whatever happens. */
export async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-job-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Copies an upload's bytes from storage (disk or S3) to a local file for ffmpeg or the API client. */
export async function downloadUpload(storage: MediaStorage, uploadId: string, file: string): Promise<string> {
  // Decrypted media: owner-only, inside the job's 0700 scratch directory (mkdtemp).
  await pipeline(await storage.read(uploadId), createWriteStream(file, { mode: 0o600 }));
  return file;
}
