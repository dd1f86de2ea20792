// What the reviewer pages (and /ats/api) show of a Candid session: plain data, built once, used by
// the HTML pages and the JSON API alike.

import { SESSION_STATUS, STEP, STEP_STATUS, candidateName, label } from '../public/js/labels.js';

const GENERIC_TOP_LEVEL = 4; // Candid's default 1-4 scale when a competency has no anchors

const latest = (list) => list[list.length - 1] ?? null;

/** What the latest consent record grants: `none`, `declined`, `recording` or `recording_ai` (labels.js CONSENT). */
export function consentOf(session) {
  const consent = latest(session.consents);
  if (!consent) return 'none';
  if (!consent.choices.recording) return 'declined';
  return consent.choices.aiEvaluation ? 'recording_ai' : 'recording';
}

/** The name the ATS invited the candidate with (or what it knows of them), and its own id for them. */
const candidateOf = (session) => ({ name: session.candidate.name, externalId: session.candidate.externalId, display: candidateName(session.candidate) });

/** One row of the reviewer's list. */
export function sessionSummary(session, interview) {
  return {
    id: session.id,
    candidate: candidateOf(session),
    interview: { id: interview.id, title: interview.title },
    status: session.status,
    consent: consentOf(session),
    createdAt: session.createdAt,
    answers: session.answers.length,
    evaluation: session.evaluation?.status ?? null,
    decided: session.reviews.length > 0,
  };
}

const RUNNING = ['pending', 'running'];
const STILL_ANSWERING = ['consented', 'in_progress'];

/**
 * Whether the page should keep watching the session (the reviewer's page polls while `busy`), and
 * what it is waiting for, in words: the candidate still answering, an answer's processing steps, or
 * the AI evaluation.
 */
export function progressOf(session, { aiConfigured }) {
  const waiting = [];
  if (STILL_ANSWERING.includes(session.status)) waiting.push(`the candidate (${label(SESSION_STATUS, session.status).toLowerCase()})`);
  for (const step of ['media', 'transcription']) {
    const open = session.answers.filter((a) => RUNNING.includes(a.processing[step].status));
    if (open.length > 0) {
      const running = open.some((a) => a.processing[step].status === 'running') ? 'running' : 'pending';
      waiting.push(`${label(STEP, step).toLowerCase()} of ${open.length} answer${open.length === 1 ? '' : 's'} (${label(STEP_STATUS, running)})`);
    }
  }
  if (aiConfigured && session.evaluation?.status === 'pending') waiting.push('the AI evaluation');
  return {
    busy: waiting.length > 0,
    summary: waiting.length > 0 ? `Still waiting for ${waiting.join(', ')}. This page updates by itself when everything is done.` : 'Everything is processed.',
  };
}

export const mediaUrl = (sessionId, answerId, query) =>
  `/ats/api/sessions/${encodeURIComponent(sessionId)}/media/${encodeURIComponent(answerId)}?${new URLSearchParams(query)}`;

/**
 * Playable files, best first: the pipeline's mp4 (plays everywhere) and seekable webm (both need
 * ffmpeg on the server), then the upload as recorded. The HLS rendition (video answers) is not a
 * <source>: review.js plays it with hls.js, and these stay the fallback.
 */
export function playbackSources(sessionId, answer) {
  const baseType = (mimeType) => mimeType.split(';')[0].trim();
  const sources = [];
  for (const kind of ['mp4', 'webm']) {
    const rendition = answer.renditions.find((r) => r.kind === kind);
    if (rendition) sources.push({ url: mediaUrl(sessionId, answer.id, { rendition: kind }), type: baseType(rendition.mimeType), label: `${kind} rendition` });
  }
  const original = answer.media.find((m) => m.track === 'video') ?? answer.media.find((m) => m.track === 'audio');
  if (original) sources.push({ url: mediaUrl(sessionId, answer.id, { track: original.track }), type: baseType(original.mimeType), label: `original ${original.track} upload` });
  return sources;
}

/** Everything the reviewer's detail page shows. */
export function reviewDetail(session, interview, { aiConfigured }) {
  const evaluation = session.evaluation;
  return {
    session: {
      id: session.id,
      status: session.status,
      candidate: candidateOf(session),
      createdAt: session.createdAt,
      completedAt: session.completedAt,
      consent: consentOf(session),
      consentRecord: latest(session.consents),
      requests: session.requests,
    },
    interview: { id: interview.id, title: interview.title },
    ai: {
      configured: aiConfigured,
      status: evaluation?.status ?? null,
      detail: evaluation?.detail ?? null,
      model: evaluation?.model ?? null,
      summary: evaluation?.summary ?? null,
      // Candid sets this on every evaluation: the scores are a recommendation, a person decides.
      humanReviewRequired: evaluation ? evaluation.humanReviewRequired : null,
    },
    answers: session.answers.map((answer) => {
      const question = interview.questions.find((q) => q.id === answer.questionId);
      const sources = playbackSources(session.id, answer);
      return {
        id: answer.id,
        questionId: answer.questionId,
        prompt: question?.prompt ?? answer.questionId,
        attempt: answer.attempt,
        durationMs: answer.durationMs,
        silent: answer.silent,
        processing: answer.processing,
        kind: sources[0]?.type.startsWith('audio/') ? 'audio' : 'video',
        sources,
        hls: answer.renditions.some((r) => r.kind === 'hls') ? mediaUrl(session.id, answer.id, { rendition: 'hls' }) : null,
        transcript: answer.transcript,
        scores: (evaluation?.scores ?? [])
          .filter((score) => score.questionId === answer.questionId)
          .map((score) => {
            const competency = question?.competencies.find((c) => c.id === score.competencyId);
            const topLevel = competency?.anchors?.length ? Math.max(...competency.anchors.map((a) => a.level)) : GENERIC_TOP_LEVEL;
            return { ...score, description: competency?.description ?? '', topLevel };
          }),
      };
    }),
    reviews: session.reviews,
    progress: progressOf(session, { aiConfigured }),
  };
}
