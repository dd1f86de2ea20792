// Runs inside the fresh project: the ESM entry as Node resolves it (default conditions, so Lit's
// node build): importing must not throw nor create a window (SSR frameworks import it).
// Prints `RESULT {json}`.
import { fileURLToPath } from 'node:url';

const widget = await import('@candid/widget');
console.log(
  `RESULT ${JSON.stringify({
    entry: fileURLToPath(import.meta.resolve('@candid/widget')),
    tagName: widget.TAG_NAME,
    elementClass: typeof widget.CandidInterview,
    locales: widget.LOCALES,
    window: typeof globalThis.window,
  })}`,
);
