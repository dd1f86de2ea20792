import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../audit/audit-log.js';
import type { RightsDeps } from './deps.js';
import { reasonsOf } from './reasons.js';
import { TAR_END, tarHeader, tarPadding } from './tar.js';
import type { WebhookDelivery } from '../webhooks/webhook-service.js';

/** One stored file in the archive, as listed in `export.json`. */
export interface ExportedFile {
  path: string;
  kind: 'original' | 'rendition';
  answerId: string;
  /** `video`/`audio` for originals, the rendition kind (`mp4`, `webm`) otherwise. */
  variant: string;
  mimeType: string;
  sizeBytes: number;
  /** sha256 of the bytes written to the archive. */
  sha256: string | null;
  /** The sha256 recorded when the answer was committed (originals), to compare. */
  storedSha256: string | null;
  /** Why a file is not in the archive (erased, expired under the retention policy). */
  missing: string | null;
}

const EXTENSIONS: Record<string, string> = { 'video/webm': 'webm', 'audio/webm': 'webm', 'video/mp4': 'mp4', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg' };
const extensionOf = (mimeType: string) => EXTENSIONS[mimeType.split(';')[0]!.trim()] ?? 'bin';

/** Waits for the first chunk, so a file that is gone is known before its tar header is written. */
async function openWithFirstChunk(open: () => Promise<Readable>): Promise<{ first: Buffer | null; rest: AsyncIterator<Buffer> } | { error: Error }> {
  try {
    const stream = await open();
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await iterator.next();
    return { first: first.done ? null : Buffer.from(first.value), rest: iterator };
  } catch (error) {
    return { error: error as Error };
  }
}

/**
 * The data-subject export (GDPR Art. 15/20, CCPA access, CO): one ustar archive with every stored
 * original and rendition, streamed straight from storage, and `export.json` (everything held about
 * the session) last, so it can list each file's sha256 as written.
 */
export class SessionExport {
  constructor(private readonly deps: RightsDeps) {}

  async open(sessionId: string, actor: Actor): Promise<{ filename: string; stream: Readable }> {
    const session = await this.deps.sessions.get(sessionId);
    const row = await this.deps.sessions.row(sessionId);
    await this.deps.audit.append(actor, { action: 'export', objectType: 'session', objectId: session.id, sessionId: session.id });
    const deps = this.deps;
    const exportedAt = new Date();

    async function* archive(): AsyncGenerator<Buffer> {
      const files: ExportedFile[] = [];
      async function* file(entry: Omit<ExportedFile, 'sha256' | 'missing'>, open: () => Promise<Readable>): AsyncGenerator<Buffer> {
        const opened = await openWithFirstChunk(open);
        if ('error' in opened) {
          files.push({ ...entry, sha256: null, missing: `not in storage (${opened.error.message})` });
          return;
        }
        const hash = createHash('sha256');
        let written = 0;
        yield tarHeader(entry.path, entry.sizeBytes, exportedAt);
        for (let chunk = opened.first; chunk; ) {
          // Never write more than the header announced: the archive would be corrupt.
          const slice = chunk.subarray(0, Math.max(0, entry.sizeBytes - written));
          hash.update(slice);
          written += slice.length;
          yield slice;
          const next = await opened.rest.next();
          chunk = next.done ? null : Buffer.from(next.value);
        }
        if (written !== entry.sizeBytes) throw new Error(`export: ${entry.path} has ${written} bytes in storage, ${entry.sizeBytes} recorded`);
        yield tarPadding(written);
        files.push({ ...entry, sha256: hash.digest('hex'), missing: null });
      }

      const mediaGone = row.media_expired_at ? `deleted under the retention policy on ${row.media_expired_at.toISOString()}` : null;
      for (const answer of session.answers) {
        for (const media of answer.media) {
          const entry = {
            path: `media/${answer.id}-${media.track}.${extensionOf(media.mimeType)}`,
            kind: 'original' as const,
            answerId: answer.id,
            variant: media.track,
            mimeType: media.mimeType,
            sizeBytes: media.sizeBytes,
            storedSha256: media.sha256,
          };
          if (mediaGone) files.push({ ...entry, sha256: null, missing: mediaGone });
          else yield* file(entry, () => deps.storage.read(media.uploadId));
        }
        for (const rendition of answer.renditions) {
          const name = `${answer.id}.${rendition.kind}`;
          const entry = { path: `renditions/${name}`, kind: 'rendition' as const, answerId: answer.id, variant: rendition.kind, mimeType: rendition.mimeType, sizeBytes: rendition.sizeBytes, storedSha256: null };
          if (mediaGone) files.push({ ...entry, sha256: null, missing: mediaGone });
          else yield* file(entry, () => deps.storage.readDerived(name));
        }
      }

      const document = {
        format: 'candid-session-export',
        formatVersion: 1,
        exportedAt: exportedAt.toISOString(),
        session: {
          ...session,
          // Reasons are sealed under the session's key: read here, null once it was erased.
          restriction: row.restriction
            ? { state: row.restriction, reason: await deps.dataKeys.openTextIfKept(session.id, row.restriction_reason), since: row.restricted_at?.toISOString() ?? null }
            : null,
          legalHold: row.legal_hold_reason
            ? { reason: await deps.dataKeys.openTextIfKept(session.id, row.legal_hold_reason), since: row.legal_hold_at?.toISOString() ?? null }
            : null,
          noticeDeliveredAt: row.notice_delivered_at?.toISOString() ?? null,
          mediaExpiredAt: row.media_expired_at?.toISOString() ?? null,
          evaluationExpiredAt: row.evaluation_expired_at?.toISOString() ?? null,
        },
        interview: await deps.interviews.get(session.interviewId),
        withdrawals: (
          await deps.db.query<{ id: string; withdrawn_at: Date; channel: string }>('select * from consent_withdrawals where session_id = $1 order by withdrawn_at', [session.id])
        ).rows.map((w) => ({ id: w.id, withdrawnAt: w.withdrawn_at.toISOString(), channel: w.channel })),
        webhookDeliveries: await collectDeliveries(deps, session.id),
        audit: await deps.audit.forSession(session.id),
        // The reasons the audit rows name by id (`detail.reasonId`), with their text while it is kept.
        reasons: await reasonsOf(deps.db, deps.dataKeys, session.id),
        receipts: (await deps.db.query('select * from erasure_receipts where session_id = $1 order by created_at', [session.id])).rows,
        files,
      };
      const json = Buffer.from(JSON.stringify(document, null, 2), 'utf8');
      yield tarHeader('export.json', json.length, exportedAt);
      yield json;
      yield tarPadding(json.length);
      yield TAR_END;
    }

    return { filename: `candid-export-${session.id}.tar`, stream: Readable.from(archive(), { objectMode: false }) };
  }
}

async function collectDeliveries(deps: RightsDeps, sessionId: string): Promise<WebhookDelivery[]> {
  const all: WebhookDelivery[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.deliveries.listDeliveries({ sessionId, limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...page.deliveries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
