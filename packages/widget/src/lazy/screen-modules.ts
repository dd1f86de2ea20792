/**
 * Screens not every candidate sees, or sees only later, kept out of the script-tag core: each is
 * loaded on demand (and prefetched while the screen before it is shown). Type-only imports: the
 * modules themselves come through `screen-source.ts`.
 */
export interface ScreenModules {
  /** The privacy notice (safe Markdown renderer): loaded with the session. */
  notice: typeof import('../screens/notice.js');
  /** Review of a take (and of an interrupted one): prefetched when recording starts. */
  review: typeof import('../screens/review.js');
  /** "Ask the employer" form. */
  request: typeof import('../screens/request.js');
  /** Withdrawal confirmation and the screen after it. */
  withdraw: typeof import('../screens/withdraw.js');
  /** Camera and microphone help. */
  help: typeof import('../screens/help.js');
}

export type ScreenName = keyof ScreenModules;
