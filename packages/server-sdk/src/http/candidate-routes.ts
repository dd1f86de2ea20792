import { Router } from 'express';
import type { Services } from '../services/index.js';
import { candidateContextOf, requireCandidate } from './auth.js';

/** Routes the widget calls with a session token. */
export function candidateRoutes(services: Services): Router {
  const router = Router();
  router.use('/v1/session', requireCandidate(services.sessions));

  router.get('/v1/session', async (req, res) => {
    const ctx = candidateContextOf(req);
    const [session, consent] = await Promise.all([services.sessions.get(ctx.session.id), services.consent.latest(ctx.session.id)]);
    res.json({
      sessionId: session.id,
      status: session.status,
      expiresAt: session.expiresAt,
      interview: { id: ctx.interview.id, title: ctx.interview.title, locale: ctx.interview.locale },
      notice: ctx.interview.notice,
      questions: ctx.interview.questions.map(({ id, prompt, thinkSeconds, answerSeconds, maxRetakes }) => ({
        id, prompt, thinkSeconds, answerSeconds, maxRetakes,
      })),
      answers: session.answers.map((a) => ({ questionId: a.questionId, attempt: a.attempt, status: 'committed' })),
      consent: consent ? { ...consent.choices, ageConfirmed: consent.ageConfirmed, decidedAt: consent.decidedAt } : null,
    });
  });

  router.post('/v1/session/consent', async (req, res) => {
    const result = await services.consent.record(candidateContextOf(req), req.body, {
      ip: req.socket.remoteAddress,
      userAgent: req.get('user-agent'),
      widgetVersion: req.get('x-candid-widget-version'),
    });
    res.status(201).json(result);
  });

  router.post('/v1/session/answers/:questionId', async (req, res) => {
    const answer = await services.answers.commit(candidateContextOf(req), req.params.questionId, req.body);
    res.status(200).json({ answer });
  });

  router.post('/v1/session/complete', async (req, res) => {
    res.json(await services.answers.complete(candidateContextOf(req)));
  });
  return router;
}
