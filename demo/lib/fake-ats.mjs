// The fake ATS backend: what an applicant tracking system does with Candid, in-process
// (`candid.interviews`, `candid.sessions`) and, for reviews and media, over Candid's HTTP API
// with its API key. Pages and the /ats/api routes both go through here.
import { CandidError } from '@candid/server-sdk';
import { candidateFromForm, interviewFromForm } from './admin-forms.mjs';
import { reviewFromForm } from './review-form.mjs';
import { reviewDetail, sessionSummary } from './review-model.mjs';

export class FakeAts {
  #candid;
  #store;
  #http;

  constructor({ candid, store, http }) {
    this.#candid = candid;
    this.#store = store;
    this.#http = http;
  }

  get aiConfigured() {
    return Boolean(this.#candid.options.openai);
  }

  /** The interviews this ATS created, newest first (ids whose interview is gone are forgotten). */
  async interviews() {
    const found = [];
    const gone = [];
    for (const id of this.#store.interviewIds) {
      try {
        found.push(await this.#candid.interviews.get(id));
      } catch (error) {
        if (error.code !== 'INTERVIEW_NOT_FOUND') throw error;
        gone.push(id);
      }
    }
    await this.#store.forget(gone);
    return found;
  }

  /** One of this ATS's interviews (others are not found, as in a real multi-tenant ATS). */
  async interview(id) {
    if (!this.#store.interviewIds.includes(id)) throw new CandidError('INTERVIEW_NOT_FOUND');
    return this.#candid.interviews.get(id);
  }

  async createInterview(form) {
    const interview = await this.#candid.interviews.create(interviewFromForm(form));
    await this.#store.addInterview(interview.id);
    return interview;
  }

  /** A session for a candidate; returns Candid's `{ sessionId, token, expiresAt }`. */
  async invite(interviewId, form) {
    await this.interview(interviewId);
    return this.#candid.sessions.create({ interviewId, candidate: candidateFromForm(form) });
  }

  /** A fresh widget token for an existing session (the old link's token may have expired). */
  async newToken(sessionId) {
    await this.#session(sessionId);
    return this.#candid.sessions.issueToken(sessionId);
  }

  /** Every session of one interview (all pages of Candid's keyset pagination), oldest first. */
  async #sessionsOf(interviewId) {
    const sessions = [];
    let cursor;
    do {
      const page = await this.#candid.sessions.list({ interviewId, limit: 200, ...(cursor ? { cursor } : {}) });
      sessions.push(...page.sessions);
      cursor = page.nextCursor;
    } while (cursor);
    return sessions;
  }

  /** The reviewer's list: sessions of one or all interviews, newest first. */
  async sessions({ interviewId } = {}) {
    const interviews = interviewId ? [await this.interview(interviewId)] : await this.interviews();
    const rows = [];
    for (const interview of interviews) {
      for (const session of await this.#sessionsOf(interview.id)) rows.push(sessionSummary(session, interview));
    }
    return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Candid's view of a session (`GET /v1/sessions/{id}`), for sessions of this ATS's interviews only. */
  session(sessionId) {
    return this.#session(sessionId);
  }

  /** A session of one of this ATS's interviews. */
  async #session(sessionId) {
    const session = await this.#candid.sessions.get(sessionId);
    if (!this.#store.interviewIds.includes(session.interviewId)) throw new CandidError('SESSION_NOT_FOUND');
    return session;
  }

  async sessionDetail(sessionId) {
    const session = await this.#session(sessionId);
    return reviewDetail(session, await this.#candid.interviews.get(session.interviewId), { aiConfigured: this.aiConfigured });
  }

  /** A person's decision, stored by Candid (POST /v1/sessions/{id}/reviews). */
  async decide(sessionId, form) {
    const review = reviewFromForm(form);
    await this.#session(sessionId);
    return this.#http.review(sessionId, review);
  }

  /** Candid's media response for an answer (`{ rendition }` or `{ track }`), Range passed on. */
  async media(sessionId, answerId, query, range) {
    await this.#session(sessionId);
    return this.#http.media(sessionId, answerId, query, range);
  }
}
