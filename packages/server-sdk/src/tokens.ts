import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { CandidError } from './errors.js';

const AUDIENCE = 'candid-widget';
const ISSUER = 'candid';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Short-lived HS256 JWTs for the widget: subject = session id, audience `candid-widget`.
 * A valid signature is necessary but not sufficient: callers recheck the session's state.
 */
export class SessionTokens {
  readonly #key: Uint8Array;
  readonly #ttlSeconds: number;

  constructor(secret: string, ttlSeconds: number) {
    this.#key = new TextEncoder().encode(secret);
    this.#ttlSeconds = ttlSeconds;
  }

  /** Issues a token that never outlives `notAfter` (the session's own expiry). */
  async issue(sessionId: string, notAfter?: Date): Promise<IssuedToken> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    let exp = nowSeconds + this.#ttlSeconds;
    if (notAfter) exp = Math.min(exp, Math.floor(notAfter.getTime() / 1000));
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sessionId)
      .setAudience(AUDIENCE)
      .setIssuer(ISSUER)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(exp)
      .sign(this.#key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Returns the session id, or throws SESSION_TOKEN_INVALID / SESSION_TOKEN_EXPIRED. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        issuer: ISSUER,
        requiredClaims: ['sub', 'exp'],
      });
      return payload.sub as string;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new CandidError('SESSION_TOKEN_EXPIRED', undefined, { cause: error });
      throw new CandidError('SESSION_TOKEN_INVALID', undefined, { cause: error });
    }
  }
}
