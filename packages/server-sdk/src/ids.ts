import { randomBytes } from 'node:crypto';

export type IdPrefix = 'int' | 'ses' | 'con' | 'upl' | 'ans' | 'req' | 'rev' | 'msg' | 'dlv';

/** Prefixed random ids (`ses_3f…`): 128 bits, URL- and path-safe, readable in support tickets. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

const ID_PATTERN = /^(int|ses|con|upl|ans|req|rev|msg|dlv)_[0-9a-f]{32}$/;

/** True when `value` has the shape `newId` produces; used before any id reaches a path or query. */
export function isWellFormedId(value: string, prefix?: IdPrefix): boolean {
  return ID_PATTERN.test(value) && (prefix === undefined || value.startsWith(`${prefix}_`));
}
