// The interview the careers page (/) and the React page (/react) invite every visitor to.

const QUESTIONS = [
  {
    id: 'q1',
    prompt: 'Tell us about a time you turned an unhappy customer around.',
    thinkSeconds: 20,
    answerSeconds: 90,
    maxRetakes: 1,
    competencies: [
      { id: 'customer_focus', description: 'Understands what the customer needs and resolves it.' },
      { id: 'ownership', description: 'Takes responsibility for the outcome.' },
    ],
  },
  {
    id: 'q2',
    prompt: 'What would you improve in the first week of this job, and why?',
    thinkSeconds: 20,
    answerSeconds: 90,
    maxRetakes: 1,
    competencies: [{ id: 'judgement', description: 'Sets sensible priorities and explains them.' }],
  },
];

/**
 * The demo interview for `employer` (who is asking). Its notice must say what really happens: the
 * widget offers the AI box only when transcription and scoring run (`aiEvaluation` in
 * GET /v1/session), so the text changes with `aiConfigured` and says so either way.
 */
export function demoInterview({ aiConfigured, employer }) {
  const name = employer?.name ?? 'The employer';
  const ai = aiConfigured
    ? `If you tick "AI evaluation", an AI model transcribes your spoken answers and suggests scores against this role's criteria; a person at ${name} reviews every answer and makes every decision. Without that tick, no AI is used.`
    : `No AI is used in this demo: a person at ${name} watches your answers and makes every decision.`;
  return {
    title: 'Customer Support Specialist',
    questions: QUESTIONS,
    ...(employer ? { employer } : {}),
    notice: {
      version: aiConfigured ? 'demo-2026-12-ai' : 'demo-2026-12',
      markdown: `${name} records your video answers to review them for the Customer Support Specialist role. Your video and audio are stored on this demo server only. ${ai} You can decline and ask for another format. (${name} is a fictional company: this is the Candid demo.)`,
    },
  };
}

const EMPLOYER_FIELDS = ['name', 'logoUrl', 'contactEmail', 'contactUrl', 'privacyUrl'];
/** Field by field: jsonb does not keep the key order. */
const sameEmployer = (a, b) => (!a || !b ? !a === !b : EMPLOYER_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null)));

/**
 * The demo interview's id, kept across restarts like a real ATS would. A new one is created when
 * the data directory was reset, or when the AI setting or the employer changed (the notice and the
 * first screen must match). The employer is the configured default (`candid.options.employer`).
 */
export async function ensureDemoInterview(candid, store) {
  const wanted = demoInterview({ aiConfigured: Boolean(candid.options.openai), employer: candid.options.employer });
  if (store.demoInterviewId) {
    const existing = await candid.interviews.get(store.demoInterviewId).catch((error) => {
      if (error.code === 'INTERVIEW_NOT_FOUND') return null;
      throw error;
    });
    if (existing && existing.notice?.version === wanted.notice.version && existing.notice.markdown === wanted.notice.markdown && sameEmployer(existing.employer, wanted.employer)) {
      await store.setDemoInterview(existing.id); // also lists it when an older demo wrote the file
      return existing.id;
    }
  }
  const interview = await candid.interviews.create(wanted);
  await store.setDemoInterview(interview.id);
  return interview.id;
}
