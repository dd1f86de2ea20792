// The HTML pages. Each one reads through the fake ATS (or Candid in-process) on the server and
// renders escaped HTML; their scripts are files under /js (no inline script).
import { Router } from 'express';
import { CandidError } from '@candid/server-sdk';
import { asCandidError } from '../lib/errors.mjs';
import { looksLikeToken } from '../lib/links.mjs';
import { contentSecurityPolicy, originOf } from '../lib/security-headers.mjs';
import { adminPage } from '../pages/admin.mjs';
import { careersPage, invitedPage } from '../pages/careers.mjs';
import { interviewAdminPage } from '../pages/interview-admin.mjs';
import { errorPage } from '../pages/layout.mjs';
import { privacyPage } from '../pages/privacy.mjs';
import { reactPage } from '../pages/react.mjs';
import { reviewDetailPage } from '../pages/review-detail.mjs';
import { reviewListPage } from '../pages/review-list.mjs';

/** Pages with a candidate token (or candidate data) must not be stored by caches. */
const sendPage = (res, page) => res.set('Cache-Control', 'no-store').type('html').send(String(page));

/** Paths of the fake ATS's own pages (operator pages); every other page is one a candidate may see. */
const isOperatorPath = (path) => /^\/(ats|review)(\/|$)/.test(path);

export function pages({ candid, ats, demoInterviewId, imgOrigins }) {
  const router = Router();

  /** A candidate page may show its employer's logo from wherever that lives. */
  const allowLogo = (res, employer) => res.setHeader('Content-Security-Policy', contentSecurityPolicy({ imgOrigins: [...imgOrigins, ...originOf(employer?.logoUrl)] }));

  /**
   * The demo interview, for the careers and React pages. Fetching them creates nothing: their script
   * asks `POST /candidate-session` for the visitor's session (routes/candidate-session.mjs).
   */
  async function demoRole(res) {
    const interview = await candid.interviews.get(demoInterviewId);
    const employer = candid.interviews.employerOf(interview);
    allowLogo(res, employer);
    return { title: interview.title, employer, questions: interview.questions.length };
  }

  router.get('/', async (_req, res) => sendPage(res, careersPage(await demoRole(res))));
  router.get('/react', async (_req, res) => sendPage(res, reactPage(await demoRole(res))));

  router.get('/interview', async (req, res) => {
    const { token } = req.query;
    if (!looksLikeToken(token)) throw new CandidError('SESSION_TOKEN_INVALID', 'This interview link is incomplete: open the whole link from your invitation.');
    // The role and employer of the link's session, for the page around the widget. A token that no
    // longer works still gets the page: the widget explains what happened and what to do.
    const context = await candid.sessions.authenticateCandidate(token).catch(() => null);
    const employer = context ? candid.interviews.employerOf(context.interview) : candid.options.employer;
    allowLogo(res, employer);
    const finished = ['completed', 'scored'].includes(context?.session.status);
    sendPage(res, invitedPage({ token, title: context?.interview.title, employer, finished }));
  });

  router.get('/privacy', (_req, res) => sendPage(res, privacyPage({ employer: candid.options.employer, aiConfigured: ats.aiConfigured })));

  router.get('/ats', async (_req, res) => sendPage(res, adminPage({ interviews: await ats.interviews(), defaultEmployer: candid.options.employer })));
  router.get('/ats/interviews/:id', async (req, res) => {
    const interview = await ats.interview(req.params.id);
    sendPage(res, interviewAdminPage({ interview, employer: candid.interviews.employerOf(interview), sessions: await ats.sessions({ interviewId: interview.id }) }));
  });

  router.get('/review', async (_req, res) => sendPage(res, reviewListPage({ sessions: await ats.sessions(), aiConfigured: ats.aiConfigured })));
  router.get('/review/:id', async (req, res) => sendPage(res, reviewDetailPage(await ats.sessionDetail(req.params.id))));

  router.use((error, req, res, _next) => {
    const candidError = asCandidError(error);
    if (candidError.code === 'INTERNAL') console.error(error);
    const page = errorPage(candidError, candidError.status, { operator: isOperatorPath(req.path), employer: candid.options.employer });
    res.status(candidError.status).type('html').send(String(page));
  });
  return router;
}
