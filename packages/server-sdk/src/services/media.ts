import type { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { AnswerMedia, Track } from '../types.js';
import type { AnswerMediaRow } from './rows.js';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Parses a single `Range: bytes=…` header against a known size. Returns null when there is no
 * usable range (serve the whole file), or 'unsatisfiable' for a 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** Read access to committed answers' media (ATS side). */
export class MediaService {
  constructor(
    private readonly db: Database,
    private readonly storage: MediaStorage,
  ) {}

  async describe(sessionId: string, answerId: string, track: Track = 'video'): Promise<AnswerMedia> {
    if (!isWellFormedId(answerId, 'ans')) throw new CandidError('ANSWER_NOT_FOUND');
    const { rows } = await this.db.query<AnswerMediaRow>(
      `select m.* from answer_media m join answers a on a.id = m.answer_id
       where a.session_id = $1 and m.answer_id = $2 and m.track = $3`,
      [sessionId, answerId, track],
    );
    const row = rows[0];
    if (!row) throw new CandidError('ANSWER_NOT_FOUND');
    return { track: row.track, uploadId: row.upload_id, mimeType: row.mime_type, sizeBytes: Number(row.size_bytes), sha256: row.sha256 };
  }

  /** A rendition made by the pipeline (`mp4` for reviewers, `webm` seekable copy). */
  async describeRendition(sessionId: string, answerId: string, kind: string): Promise<{ name: string; mimeType: string; sizeBytes: number; etag: string }> {
    if (!isWellFormedId(answerId, 'ans') || !/^[a-z0-9]{2,8}$/.test(kind)) throw new CandidError('ANSWER_NOT_FOUND');
    const { rows } = await this.db.query<{ mime_type: string; size_bytes: string | number; created_at: Date }>(
      `select r.mime_type, r.size_bytes, r.created_at from renditions r join answers a on a.id = r.answer_id
       where a.session_id = $1 and r.answer_id = $2 and r.kind = $3`,
      [sessionId, answerId, kind],
    );
    if (!rows[0]) throw new CandidError('RENDITION_NOT_FOUND');
    return { name: `${answerId}.${kind}`, mimeType: rows[0].mime_type, sizeBytes: Number(rows[0].size_bytes), etag: `${answerId}.${kind}.${rows[0].created_at.getTime()}` };
  }

  async openRendition(name: string, range?: ByteRange): Promise<Readable> {
    return this.storage.readDerived(name, range);
  }

  async open(media: AnswerMedia, range?: ByteRange): Promise<Readable> {
    return this.storage.read(media.uploadId, range);
  }

  /** Convenience for tests and tools: the bytes `start..end` (inclusive) of an answer's track. */
  async readRange(answerId: string, track: Track, start: number, end: number): Promise<Buffer> {
    const { rows } = await this.db.query<{ session_id: string }>('select session_id from answers where id = $1', [answerId]);
    if (!rows[0]) throw new CandidError('ANSWER_NOT_FOUND');
    const media = await this.describe(rows[0].session_id, answerId, track);
    const parts: Buffer[] = [];
    for await (const chunk of await this.open(media, { start, end: Math.min(end, media.sizeBytes - 1) })) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }
}
