import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The SDK's default logger: JSON lines on stdout. Logs carry ids (request, session, upload), never
 * tokens, names, e-mail addresses or media; the redaction below is a second line of defence.
 */
export function defaultLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: 'candid',
    level,
    // Free text about the candidate (reasons, rationales, messages) is never logged either.
    redact: {
      paths: ['authorization', '*.authorization', 'token', '*.token', 'email', '*.email', 'candidate.name', '*.candidate.name', 'reason', '*.reason', 'rationale', '*.rationale'],
      censor: '[redacted]',
    },
  });
}
