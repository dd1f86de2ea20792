import { Router } from 'express';
import { effectiveQuestion } from '../services/effective-question.js';
import type { Services } from '../services/index.js';
import { candidateContextOf, requireCandidate } from './auth.js';
import type { RequestHandler } from 'express';
import type { AuthThrottle } from './auth-throttle.js';
import { candidateActor } from '../audit/actors.js';
import { resolvePolicy } from '../compliance/policy.js';

/** Routes the widget calls with a session token. */
export function candidateRoutes(services: Services, rateLimit: RequestHandler, throttle?: AuthThrottle): Router {
  const router = Router();
  router.use('/v1/session', requireCandidate(services.sessions, throttle), rateLimit);

  router.get('/v1/session', async (req, res) => {
    const ctx = candidateContextOf(req);
    const [session, consent] = await Promise.all([services.sessions.get(ctx.session.id), services.consent.latest(ctx.session.id)]);
    // The notice reaches the candidate with this response: the clock some packs count from (NYC).
    if (!ctx.session.notice_delivered_at) await services.sessions.markNoticeDelivered(ctx.session.id);
    const policy = resolvePolicy(ctx.interview.jurisdictions ?? []);
    res.json({
      sessionId: session.id,
      status: session.status,
      expiresAt: session.expiresAt,
      interview: { id: ctx.interview.id, title: ctx.interview.title, locale: ctx.interview.locale },
      // Who is asking: the interview's own employer, else the configured default (null: nobody named).
      employer: services.interviews.employerOf(ctx.interview),
      // Transcription and scoring really run here; false = the widget asks no AI consent.
      aiEvaluation: services.aiEvaluation,
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
      flow: ctx.interview.flow,
      answers: session.answers.map((a) => ({ questionId: a.questionId, attempt: a.attempt, status: 'committed' })),
      consent: consent ? { ...consent.choices, ageConfirmed: consent.ageConfirmed, decidedAt: consent.decidedAt } : null,
      // What the jurisdictions require of the consent screen (strictest pack wins).
      policy: { ...policy, minimumAge: Math.max(policy.minimumAge, ctx.interview.flow?.minimumAge ?? 0) },
      // The notice items the consent screen shows, their facts, and the hash the consent record keeps.
      disclosure: services.consent.disclosure(ctx.interview),
    });
  });

  router.post('/v1/session/consent', async (req, res) => {
    const ctx = candidateContextOf(req);
    const result = await services.consent.record(ctx, req.body, {
      ip: req.socket.remoteAddress,
      userAgent: req.get('user-agent'),
      widgetVersion: req.get('x-candid-widget-version'),
    });
    await services.audit.append(candidateActor(req, ctx.session.id), { action: 'consent_change', objectType: 'session', objectId: ctx.session.id, sessionId: ctx.session.id, detail: { consentId: result.consent.id, choices: result.consent.choices } });
    res.status(201).json(result);
  });

  router.post('/v1/session/consent/withdraw', async (req, res) => {
    const ctx = candidateContextOf(req);
    const result = await services.sessions.withdraw(ctx);
    await services.audit.append(candidateActor(req, ctx.session.id), { action: 'consent_change', objectType: 'session', objectId: ctx.session.id, sessionId: ctx.session.id, detail: { withdrawn: true } });
    res.json(result);
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
