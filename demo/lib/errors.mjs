// Errors as Candid reports them: `{ error: { code, message, issues? } }` with a fitting status.
import { CandidError } from '@candid/server-sdk';

/** Any thrown value as a CandidError (body-parser and unknown errors included). */
export function asCandidError(error) {
  if (error instanceof CandidError) return error;
  if (error?.type === 'entity.parse.failed') return new CandidError('BAD_REQUEST', 'The body is not valid JSON.');
  if (error?.type === 'entity.too.large') return new CandidError('PAYLOAD_TOO_LARGE');
  return new CandidError('INTERNAL', 'Something went wrong in the demo server; see its log.');
}

/** Express error handler for JSON routes. */
export function jsonErrors(error, _req, res, _next) {
  const candidError = asCandidError(error);
  if (candidError.code === 'INTERNAL') console.error(error);
  res.status(candidError.status).json(candidError.toJSON());
}
