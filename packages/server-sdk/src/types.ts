/** Public shapes returned by the SDK (HTTP and in-process alike). */

export interface Competency {
  id: string;
  description: string;
}

export interface Question {
  id: string;
  prompt: string;
  /** Seconds to think before recording starts. */
  thinkSeconds: number;
  /** Maximum answer length in seconds. */
  answerSeconds: number;
  /** Retakes allowed after the first attempt (0 = one attempt only). */
  maxRetakes: number;
  competencies: Competency[];
}

export interface Notice {
  /** Version label shown to and accepted by the candidate, e.g. `2026-11`. */
  version: string;
  /** The privacy notice as Markdown (the widget renders a safe subset, never raw HTML). */
  markdown: string;
}

export interface Interview {
  id: string;
  title: string;
  locale: string;
  questions: Question[];
  notice: Notice | null;
  createdAt: string;
}

export interface InterviewInput {
  title: string;
  locale?: string;
  questions: Array<Partial<Question> & { id: string; prompt: string }>;
  notice?: Notice | null;
}

export type SessionStatus = 'invited' | 'consented' | 'in_progress' | 'completed';

export interface ConsentChoices {
  recording: boolean;
  aiEvaluation: boolean;
  productImprovement: boolean;
}

export interface ConsentRecord {
  id: string;
  sessionId: string;
  noticeVersion: string | null;
  noticeSha256: string | null;
  choices: ConsentChoices;
  ageConfirmed: boolean;
  decidedAt: string;
  ipTruncated: string | null;
  userAgentSha256: string | null;
  widgetVersion: string | null;
}

export type Track = 'video' | 'audio';

export interface AnswerMedia {
  track: Track;
  uploadId: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

export interface SpeechSegment {
  startMs: number;
  endMs: number;
}

export interface Answer {
  id: string;
  questionId: string;
  attempt: number;
  durationMs: number | null;
  speechSegments: SpeechSegment[];
  committedAt: string;
  media: AnswerMedia[];
}

export interface Session {
  id: string;
  interviewId: string;
  candidate: { externalId: string; name: string | null; email: string | null };
  status: SessionStatus;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  answers: Answer[];
  consents: ConsentRecord[];
}

export interface SessionInput {
  interviewId: string;
  candidate: { externalId: string; name?: string; email?: string };
  /** ISO date; defaults to now + `sessionTtlSeconds`. */
  expiresAt?: string;
}

export interface CreatedSession {
  sessionId: string;
  token: string;
  /** When the token expires (not the session). */
  expiresAt: string;
}
