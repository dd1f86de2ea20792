// POST /candidate-session: the session of a careers-page (or React-page) candidate, created when
// their page runs, not when it is fetched. Reading / or /react writes nothing (crawlers, link
// previews, prefetches and reloads no longer each create a candidate); the page's script asks here.
// One browser keeps one session per page, named by an HttpOnly cookie signed with a key derived
// from the demo's secret: a reload resumes the same interview (and what the widget journaled on the
// device), until the candidate finishes, withdraws, or the session expires; then a new one starts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import { CandidError } from '@candid/server-sdk';
import { jsonErrors } from '../lib/errors.mjs';
import { sameOriginOnly } from '../lib/host-check.mjs';

/** The pages that invite visitors, with the prefix of their candidates' external ids. */
const PAGES = { careers: 'demo', react: 'react' };
const REUSABLE = new Set(['invited', 'consented', 'in_progress']);
const cookieName = (page) => `candid_demo_${page}`;

function cookieValue(req, name) {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * @param {{ candid: any, demoInterviewId: string, secret: string, secureCookies: boolean }} options
 */
export function candidateSession({ candid, demoInterviewId, secret, secureCookies }) {
  const key = createHmac('sha256', secret).update('candid-demo/visitor-cookie').digest();
  const sign = (sessionId) => createHmac('sha256', key).update(sessionId).digest('base64url');
  const verified = (value) => {
    const [sessionId, mac] = String(value ?? '').split('.');
    if (!sessionId || !mac) return null;
    const expected = Buffer.from(sign(sessionId));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : null;
  };

  /** A fresh token for the browser's session of the demo interview, if it can still be answered. */
  async function resumed(sessionId) {
    if (!sessionId) return null;
    try {
      const session = await candid.sessions.get(sessionId);
      if (session.interviewId !== demoInterviewId || !REUSABLE.has(session.status) || Date.parse(session.expiresAt) < Date.now() + 60_000) return null;
      return (await candid.sessions.issueToken(sessionId)).token;
    } catch {
      return null; // erased, deleted by retention, …: a new candidate
    }
  }

  const router = Router();
  router.post('/candidate-session', sameOriginOnly(), express.json({ limit: '1kb' }), async (req, res) => {
    const page = req.body?.page;
    if (!Object.hasOwn(PAGES, page)) throw new CandidError('VALIDATION_FAILED', 'page must be careers or react.', { issues: [{ path: 'page', message: 'must be careers or react' }] });
    res.set('Cache-Control', 'no-store');
    const name = cookieName(page);
    const token = await resumed(verified(cookieValue(req, name)));
    if (token) return res.json({ token, resumed: true });
    const created = await candid.sessions.create({ interviewId: demoInterviewId, candidate: { externalId: `${PAGES[page]}-${crypto.randomUUID().slice(0, 8)}` } });
    const session = await candid.sessions.get(created.sessionId);
    const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
    res.append('Set-Cookie', `${name}=${created.sessionId}.${sign(created.sessionId)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secureCookies ? '; Secure' : ''}`);
    res.status(201).json({ token: created.token, resumed: false });
  });
  router.use('/candidate-session', jsonErrors);
  return router;
}
