// The fake ATS backend calling Candid's HTTP API with its API key, for what has no in-process
// method (human reviews) or is best served by the API itself (media with range requests and a
// `view_media` audit record). The key stays on the server: browsers only see /ats/api routes.
import { CandidError } from '@candid/server-sdk';

export class CandidHttp {
  #endpoint;
  #apiKey;

  /** `endpoint()`: where the router is mounted (known once the server listens). */
  constructor({ endpoint, apiKey }) {
    this.#endpoint = endpoint;
    this.#apiKey = apiKey;
  }

  async #request(method, route, { body, headers = {} } = {}) {
    return fetch(`${this.#endpoint()}${route}`, {
      method,
      headers: { authorization: `Bearer ${this.#apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** POST /v1/sessions/{id}/reviews: a person's decision with its rationale. */
  async review(sessionId, { reviewer, decision, rationale }) {
    const response = await this.#request('POST', `/v1/sessions/${encodeURIComponent(sessionId)}/reviews`, { body: { reviewer, decision, rationale } });
    const json = await response.json();
    if (!response.ok) throw toCandidError(json);
    return json.review;
  }

  /** GET /v1/sessions/{id}/media/{answerId}: the raw response, for streaming on (Range passes through). */
  media(sessionId, answerId, query, range) {
    const search = new URLSearchParams(query).toString();
    return this.#request('GET', `/v1/sessions/${encodeURIComponent(sessionId)}/media/${encodeURIComponent(answerId)}?${search}`, {
      headers: range ? { range } : {},
    });
  }
}

/** Candid's JSON error back into the typed error, so the demo reports it the same way. */
export function toCandidError(json) {
  const error = json?.error ?? {};
  try {
    return new CandidError(error.code, error.message, error.issues ? { issues: error.issues } : {});
  } catch {
    return new CandidError('INTERNAL', error.message ?? 'Unexpected response from the Candid API.');
  }
}
