import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';

/** Directories Candid creates: owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files Candid creates: owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/** What Candid keeps in the data directory; only these are walked and tightened (not what else an operator put there). */
const OWNED_ENTRIES = ['db', 'media', 'secret'];

/** Creates `dir` (and missing parents) owner-only. */
export async function mkdirPrivate(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export interface LooseEntry {
  path: string;
  mode: string;
}

/**
 * Brings `target` and, for a directory, everything under it to 0700 (directories) / 0600 (files).
 * Returns what was looser (group or other bits set) and whether it could be fixed. Symbolic links
 * are neither followed nor changed.
 */
export async function tightenTree(target: string): Promise<{ loosened: LooseEntry[]; failed: LooseEntry[] }> {
  const loosened: LooseEntry[] = [];
  const failed: LooseEntry[] = [];
  const visit = async (entry: string): Promise<void> => {
    let stats;
    try {
      stats = await lstat(entry);
    } catch {
      return; // gone meanwhile (a live database churns)
    }
    if (stats.isSymbolicLink()) return;
    const wanted = stats.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((stats.mode & 0o077) !== 0) {
      const loose = { path: entry, mode: (stats.mode & 0o777).toString(8).padStart(4, '0') };
      try {
        await chmod(entry, (stats.mode & 0o700) | (wanted & 0o700));
        loosened.push(loose);
      } catch {
        failed.push(loose);
      }
    }
    if (stats.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(entry);
      } catch {
        return;
      }
      for (const name of names) await visit(path.join(entry, name));
    }
  };
  await visit(target);
  return { loosened, failed };
}

/**
 * The start-up check of the data directory (`CANDID_DATA_DIR`: the embedded database, media on
 * disk, the development secret): created owner-only if missing; if it or what Candid keeps in it
 * (`db/`, `media/`, `secret`) is readable or writable by group or others, a warning is logged and
 * the modes are tightened to 0700/0600. Nothing else in the directory is touched.
 */
export async function secureDataDir(dataDir: string, logger?: Logger): Promise<{ loosened: LooseEntry[]; failed: LooseEntry[] }> {
  await mkdirPrivate(dataDir);
  const result = await tightenOwned(dataDir);
  if (result.loosened.length + result.failed.length > 0) {
    const all = [...result.loosened, ...result.failed];
    logger?.warn(
      {
        dataDir,
        loosened: result.loosened.length,
        failed: result.failed.length,
        examples: all.slice(0, 5).map((e) => `${e.mode} ${path.relative(dataDir, e.path) || '.'}`),
      },
      result.failed.length > 0
        ? 'data directory: some entries are readable or writable by other users and could not be made owner-only (chmod them to 0700/0600, or run Candid as their owner)'
        : 'data directory: entries were readable or writable by other users (group/other permission bits); made owner-only again (0700/0600)',
    );
  }
  return result;
}

/** The data directory itself and what Candid keeps in it, silently (after PGlite created its files). */
export async function tightenOwned(dataDir: string): Promise<{ loosened: LooseEntry[]; failed: LooseEntry[] }> {
  const loosened: LooseEntry[] = [];
  const failed: LooseEntry[] = [];
  const own = await lstat(dataDir).catch(() => null);
  if (own && !own.isSymbolicLink() && (own.mode & 0o077) !== 0) {
    const loose = { path: dataDir, mode: (own.mode & 0o777).toString(8).padStart(4, '0') };
    await chmod(dataDir, PRIVATE_DIR_MODE).then(
      () => loosened.push(loose),
      () => failed.push(loose),
    );
  }
  for (const name of OWNED_ENTRIES) {
    const result = await tightenTree(path.join(dataDir, name));
    loosened.push(...result.loosened);
    failed.push(...result.failed);
  }
  return { loosened, failed };
}
