// The HTML pages. Each one reads through the fake ATS (or Candid in-process) on the server and
// renders escaped HTML; their scripts are files under /js (no inline script).
import { Router } from 'express';
import { CandidError } from '@candid/server-sdk';
import { asCandidError } from '../lib/errors.mjs';
import { looksLikeToken } from '../lib/links.mjs';
import { adminPage } from '../pages/admin.mjs';
import { careersPage, invitedPage } from '../pages/careers.mjs';
import { interviewAdminPage } from '../pages/interview-admin.mjs';
import { errorPage } from '../pages/layout.mjs';
import { reactPage } from '../pages/react.mjs';
import { reviewDetailPage } from '../pages/review-detail.mjs';
import { reviewListPage } from '../pages/review-list.mjs';

/** Pages with a candidate token (or candidate data) must not be stored by caches. */
const sendPage = (res, page) => res.set('Cache-Control', 'no-store').type('html').send(String(page));

export function pages({ candid, ats, demoInterviewId }) {
  const router = Router();

  /** A visitor of the careers or React page is a new candidate of the demo interview. */
  async function newDemoCandidate(prefix) {
    const interview = await candid.interviews.get(demoInterviewId);
    const session = await candid.sessions.create({ interviewId: interview.id, candidate: { externalId: `${prefix}-${crypto.randomUUID().slice(0, 8)}` } });
    return { title: interview.title, token: session.token, sessionId: session.sessionId };
  }

  router.get('/', async (_req, res) => sendPage(res, careersPage(await newDemoCandidate('demo'))));
  router.get('/react', async (_req, res) => sendPage(res, reactPage(await newDemoCandidate('react'))));

  router.get('/interview', (req, res) => {
    const { token } = req.query;
    if (!looksLikeToken(token)) throw new CandidError('SESSION_TOKEN_INVALID', 'This interview link is incomplete: open the whole link from your invitation.');
    sendPage(res, invitedPage({ token }));
  });

  router.get('/ats', async (_req, res) => sendPage(res, adminPage({ interviews: await ats.interviews() })));
  router.get('/ats/interviews/:id', async (req, res) => {
    const interview = await ats.interview(req.params.id);
    sendPage(res, interviewAdminPage({ interview, sessions: await ats.sessions({ interviewId: interview.id }) }));
  });

  router.get('/review', async (_req, res) => sendPage(res, reviewListPage({ sessions: await ats.sessions(), aiConfigured: ats.aiConfigured })));
  router.get('/review/:id', async (req, res) => sendPage(res, reviewDetailPage(await ats.sessionDetail(req.params.id))));

  router.use((error, _req, res, _next) => {
    const candidError = asCandidError(error);
    if (candidError.code === 'INTERNAL') console.error(error);
    res.status(candidError.status).type('html').send(String(errorPage(candidError, candidError.status)));
  });
  return router;
}
