// Where a candidate opens their interview. The session token is the only secret in the link and
// lives as long as Candid's token TTL (2 hours by default); the admin page issues a fresh one.

/** Absolute candidate link for a session token, on the origin the admin used. */
export const candidateLink = (origin, token) => `${origin}/interview?token=${encodeURIComponent(token)}`;

/** The origin of the request (this demo runs without a proxy in front; set one up with trust proxy). */
export const requestOrigin = (req) => `${req.protocol}://${req.get('host')}`;

/** Widget tokens are JWTs: three base64url parts. Anything else never reaches the page. */
export const looksLikeToken = (value) => typeof value === 'string' && value.length < 4096 && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value);
