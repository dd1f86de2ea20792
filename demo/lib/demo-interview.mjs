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

/** The notice must say what really happens: AI evaluation only runs when a key is configured. */
export function demoInterview({ aiConfigured }) {
  const ai = aiConfigured
    ? 'If you agree, an AI model transcribes your answers and suggests scores for a person to review; a person makes every decision.'
    : 'No AI evaluation runs in this demo.';
  return {
    title: 'Customer Support Specialist',
    questions: QUESTIONS,
    notice: {
      version: aiConfigured ? 'demo-2026-11-ai' : 'demo-2026-11',
      markdown: `Demo Employer records your answers to review them for this role. Your video and audio are stored on this demo server only. ${ai} You can decline and ask for another format.`,
    },
  };
}

/**
 * The demo interview's id, kept across restarts like a real ATS would. A new one is created when
 * the data directory was reset, or when the AI setting changed (the notice must match).
 */
export async function ensureDemoInterview(candid, store) {
  const wanted = demoInterview({ aiConfigured: Boolean(candid.options.openai) });
  if (store.demoInterviewId) {
    const existing = await candid.interviews.get(store.demoInterviewId).catch((error) => {
      if (error.code === 'INTERVIEW_NOT_FOUND') return null;
      throw error;
    });
    if (existing && existing.notice?.version === wanted.notice.version) {
      await store.setDemoInterview(existing.id); // also lists it when an older demo wrote the file
      return existing.id;
    }
  }
  const interview = await candid.interviews.create(wanted);
  await store.setDemoInterview(interview.id);
  return interview.id;
}
