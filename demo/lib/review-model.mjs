// What the reviewer pages (and /ats/api) show of a Candid session: plain data, built once, used by
// the HTML pages and the JSON API alike.

const GENERIC_TOP_LEVEL = 4; // Candid's default 1-4 scale when a competency has no anchors

const latest = (list) => list[list.length - 1] ?? null;

/** "recording + AI", "recording only", "declined" or "none yet". */
export function consentLabel(session) {
  const consent = latest(session.consents);
  if (!consent) return 'none yet';
  if (!consent.choices.recording) return 'declined';
  return consent.choices.aiEvaluation ? 'recording + AI' : 'recording only';
}

/** One row of the reviewer's list. */
export function sessionSummary(session, interview) {
  return {
    id: session.id,
    candidate: session.candidate.externalId,
    interview: { id: interview.id, title: interview.title },
    status: session.status,
    consent: consentLabel(session),
    createdAt: session.createdAt,
    answers: session.answers.length,
    evaluation: session.evaluation?.status ?? null,
    decided: session.reviews.length > 0,
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
      candidate: session.candidate,
      createdAt: session.createdAt,
      completedAt: session.completedAt,
      consent: consentLabel(session),
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
  };
}
