import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * For development only: a token-signing secret generated once and kept in `<dataDir>/secret`
 * (mode 0600), so tokens survive restarts without configuration. Production sets CANDID_SECRET.
 */
export async function loadOrCreateDevSecret(dataDir: string, warn: (message: string) => void = console.warn): Promise<string> {
  const file = path.join(path.resolve(dataDir), 'secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  warn(`[candid] CANDID_SECRET is not set: generated one in ${file}. Set CANDID_SECRET in production.`);
  return secret;
}
