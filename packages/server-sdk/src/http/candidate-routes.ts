import { Router } from 'express';
import { effectiveQuestion } from '../services/effective-question.js';
import type { Services } from '../services/index.js';
import { candidateContextOf, requireCandidate } from './auth.js';
import type { RequestHandler } from 'express';

/** Routes the widget calls with a session token. */
export function candidateRoutes(services: Services, rateLimit: RequestHandler): Router {
  const router = Router();
  router.use('/v1/session', requireCandidate(services.sessions), rateLimit);

  router.get('/v1/session', async (req, res) => {
    const ctx = candidateContextOf(req);
    const [session, consent] = await Promise.all([services.sessions.get(ctx.session.id), services.consent.latest(ctx.session.id)]);
    res.json({
      sessionId: session.id,
      status: session.status,
      expiresAt: session.expiresAt,
      interview: { id: ctx.interview.id, title: ctx.interview.title, locale: ctx.interview.locale },
      notice: ctx.interview.notice,
      accommodations: ctx.accommodations,
      // Times and retakes already include the candidate's accommodations.
      questions: ctx.interview.questions.map((question) => {
        const q = effectiveQuestion(question, ctx.accommodations);
        return {
          id: q.id,
          prompt: q.prompt,
          thinkSeconds: q.thinkSeconds,
          answerSeconds: q.timeLimited ? q.answerSeconds : null,
          maxRetakes: q.maxRetakes,
          promptVideoUrl: q.promptVideoUrl,
          captionsUrl: q.captionsUrl,
          competencies: q.competencies.map(({ id, description }) => ({ id, description })),
        };
      }),
      practiceQuestion: ctx.interview.practiceQuestion,
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

  router.post('/v1/session/consent/withdraw', async (req, res) => {
    res.json(await services.sessions.withdraw(candidateContextOf(req)));
  });

  router.post('/v1/session/answers/:questionId', async (req, res) => {
    const answer = await services.answers.commit(candidateContextOf(req), req.params.questionId, req.body);
    res.status(200).json({ answer });
  });

  /** Accommodation, alternative process, human review, or opting out of automated evaluation. */
  router.post('/v1/session/requests', async (req, res) => {
    res.status(201).json({ request: await services.requests.create(candidateContextOf(req), req.body) });
  });

  router.post('/v1/session/complete', async (req, res) => {
    res.json(await services.answers.complete(candidateContextOf(req)));
  });
  return router;
}
