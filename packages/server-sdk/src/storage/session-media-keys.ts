import type { DataKeys } from '../crypto/data-keys.js';
import type { Queryable } from '../db/database.js';
import { CandidError } from '../errors.js';
import type { MediaKeySource } from './encrypted-file.js';

/** Media keys from the per-session data keys: an upload or rendition is encrypted under its session's key. */
export class SessionMediaKeys implements MediaKeySource {
  constructor(
    private readonly db: Queryable,
    private readonly dataKeys: DataKeys,
  ) {}

  async forUpload(uploadId: string): Promise<{ ref: string; key: Buffer }> {
    // tus calls onUploadCreate (which inserts this row) before the datastore sees the upload.
    const { rows } = await this.db.query<{ session_id: string }>('select session_id from uploads where id = $1', [uploadId]);
    if (!rows[0]) throw new CandidError('UPLOAD_NOT_FOUND');
    return { ref: rows[0].session_id, key: await this.dataKeys.mediaKey(rows[0].session_id, true) };
  }

  async forDerived(name: string): Promise<{ ref: string; key: Buffer }> {
    const answerId = name.slice(0, name.indexOf('.'));
    const { rows } = await this.db.query<{ session_id: string }>('select session_id from answers where id = $1', [answerId]);
    if (!rows[0]) throw new CandidError('ANSWER_NOT_FOUND');
    return { ref: rows[0].session_id, key: await this.dataKeys.mediaKey(rows[0].session_id, true) };
  }

  key(ref: string): Promise<Buffer> {
    return this.dataKeys.mediaKey(ref, false);
  }
}
