import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * s3rver 3.7.1 stores a multipart upload as `<root>/<bucket>/._S3rver_uploads/<uploadId>/` holding
 * `key`, `metadata` and one file per part (`N`, plus `N.md5` once the part is fully written), and
 * removes the directory on CompleteMultipartUpload. It does not implement the three calls below, which
 * @tus/s3-store and S3Storage need; this Koa middleware answers them from that directory:
 *
 * - ListParts `GET /bucket/key?uploadId=` (s3rver: 405) — S3Store calls it on every PATCH and HEAD;
 * - AbortMultipartUpload `DELETE /bucket/key?uploadId=` (s3rver: 405);
 * - ListMultipartUploads `GET /bucket?uploads` (s3rver: 501).
 *
 * Path-style requests only; the shim skips s3rver's signature check.
 */

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;
const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

const escapeXml = (value: string | number) =>
  String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function element(name: string, value: string | number | undefined): string {
  return value === undefined ? `<${name}/>` : `<${name}>${escapeXml(value)}</${name}>`;
}

function xml(ctx: KoaContext, status: number, root: string, inner: string): void {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${root === 'Error' ? '' : ` xmlns="${XMLNS}"`}>${inner}</${root}>`;
}

const s3Error = (ctx: KoaContext, status: number, code: string, message: string) =>
  xml(ctx, status, 'Error', element('Code', code) + element('Message', message));

const queryString = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function s3rverMultipartShim(root: string) {
  const uploadsDir = (bucket: string) => path.join(root, bucket, '._S3rver_uploads');

  /** The upload's directory when it exists and belongs to `key`; otherwise null (NoSuchUpload). */
  async function uploadDir(bucket: string, key: string, uploadId: string): Promise<string | null> {
    if (!UPLOAD_ID.test(uploadId)) return null;
    const dir = path.join(uploadsDir(bucket), uploadId);
    const storedKey = await readFile(path.join(dir, 'key'), 'utf8').catch(() => null);
    return storedKey === key ? dir : null;
  }

  async function listParts(ctx: KoaContext, bucket: string, key: string, uploadId: string) {
    const dir = await uploadDir(bucket, key, uploadId);
    if (!dir) return s3Error(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    const marker = Number(queryString(ctx.query['part-number-marker']) ?? 0);
    const maxParts = Math.min(Number(queryString(ctx.query['max-parts']) ?? 1000), 1000);
    const numbers = (await readdir(dir))
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((n) => n > marker)
      .sort((a, b) => a - b);
    const parts: string[] = [];
    let last = marker;
    for (const n of numbers) {
      if (parts.length === maxParts) break;
      // No .md5 yet: the part is still being written, and S3 would not list it either.
      const md5 = await readFile(path.join(dir, `${n}.md5`), 'utf8').catch(() => null);
      if (md5 === null) continue;
      const info = await stat(path.join(dir, String(n)));
      parts.push(
        `<Part>${element('PartNumber', n)}${element('LastModified', info.mtime.toISOString())}${element('ETag', `"${md5}"`)}${element('Size', info.size)}</Part>`,
      );
      last = n;
    }
    const truncated = numbers.some((n) => n > last);
    xml(
      ctx,
      200,
      'ListPartsResult',
      element('Bucket', bucket) +
        element('Key', key) +
        element('UploadId', uploadId) +
        element('PartNumberMarker', marker) +
        element('NextPartNumberMarker', last) +
        element('MaxParts', maxParts) +
        element('IsTruncated', String(truncated)) +
        element('StorageClass', 'STANDARD') +
        parts.join(''),
    );
  }

  async function abortUpload(ctx: KoaContext, bucket: string, key: string, uploadId: string) {
    const dir = await uploadDir(bucket, key, uploadId);
    if (!dir) return s3Error(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    await rm(dir, { recursive: true, force: true });
    ctx.status = 204;
    ctx.body = null;
  }

  async function listUploads(ctx: KoaContext, bucket: string) {
    const bucketStat = await stat(path.join(root, bucket)).catch(() => null);
    if (!bucketStat?.isDirectory()) return s3Error(ctx, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    const prefix = queryString(ctx.query.prefix) ?? '';
    const uploads: { key: string; uploadId: string; initiated: Date }[] = [];
    for (const uploadId of await readdir(uploadsDir(bucket)).catch(() => [] as string[])) {
      const dir = path.join(uploadsDir(bucket), uploadId);
      const key = await readFile(path.join(dir, 'key'), 'utf8').catch(() => null);
      if (key === null || !key.startsWith(prefix)) continue;
      uploads.push({ key, uploadId, initiated: (await stat(dir)).birthtime });
    }
    uploads.sort((a, b) => (a.key === b.key ? a.uploadId.localeCompare(b.uploadId) : a.key < b.key ? -1 : 1));
    xml(
      ctx,
      200,
      'ListMultipartUploadsResult',
      element('Bucket', bucket) +
        element('KeyMarker', '') +
        element('UploadIdMarker', '') +
        element('Prefix', prefix) +
        element('MaxUploads', 1000) +
        element('IsTruncated', 'false') +
        uploads
          .map((u) => `<Upload>${element('Key', u.key)}${element('UploadId', u.uploadId)}${element('Initiated', u.initiated.toISOString())}${element('StorageClass', 'STANDARD')}</Upload>`)
          .join(''),
    );
  }

  return async function multipartShim(ctx: KoaContext, next: () => Promise<void>): Promise<void> {
    const [, bucket, ...keyParts] = ctx.path.split('/');
    const key = keyParts.map(decodeURIComponent).join('/');
    const uploadId = queryString(ctx.query.uploadId);
    if (!bucket) return next();
    if (key && uploadId !== undefined && ctx.method === 'GET') return listParts(ctx, bucket, key, uploadId);
    if (key && uploadId !== undefined && ctx.method === 'DELETE') return abortUpload(ctx, bucket, key, uploadId);
    if (!key && 'uploads' in ctx.query && ctx.method === 'GET') return listUploads(ctx, bucket);
    return next();
  };
}
