import { LOG_PREFIX } from '../constants.js';

const said = new Set<string>();

/**
 * Developer-facing console message (never shown to candidates), once per code and page:
 * `[candid-widget 0.1.0] JOURNAL_IN_MEMORY: …`.
 */
export function devlog(code: string, message: string, level: 'warn' | 'info' = 'warn'): void {
  if (said.has(code)) return;
  said.add(code);
  console[level](`${LOG_PREFIX} ${code}: ${message}`);
}
