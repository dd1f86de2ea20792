/** Wire types of the candidate-side HTTP API (`GET /v1/session` and friends). */

export type SessionStatus = 'invited' | 'consented' | 'in_progress' | 'completed' | (string & {});

export interface Question {
  id: string;
  prompt: string;
  thinkSeconds: number;
  /** Answer time limit after accommodations; null = no time limit. */
  answerSeconds: number | null;
  /** Retakes allowed after accommodations: attempts run from 1 to `maxRetakes + 1`. */
  maxRetakes: number;
}

/** The candidate's accommodations (already applied to each question's times and retakes). */
export interface Accommodations {
  timeMultiplier: number;
  noTimeLimit: boolean;
  extraRetakes: number;
  /** Record audio only: no camera, the audio track is the answer. */
  audioOnly: boolean;
}

export interface AnswerSummary {
  questionId: string;
  attempt: number;
  status: 'committed' | (string & {});
}

export interface Notice {
  version: string;
  markdown: string;
}

export interface ConsentChoices {
  recording: boolean;
  aiEvaluation: boolean;
  productImprovement: boolean;
}

export interface ConsentRequest {
  noticeVersion: string | null;
  choices: ConsentChoices;
  ageConfirmed: boolean;
}

export interface ConsentResponse {
  consent: Record<string, unknown>;
  status: SessionStatus;
}

export interface SessionInfo {
  sessionId: string;
  status: SessionStatus;
  expiresAt: string;
  interview: { id: string; title: string; locale?: string };
  notice: Notice | null;
  questions: Question[];
  answers: AnswerSummary[];
  accommodations?: Accommodations;
  consent: (Partial<ConsentChoices> & Record<string, unknown>) | null;
}

export interface SpeechSegment {
  startMs: number;
  endMs: number;
}

export interface CommitAnswerRequest {
  attempt: number;
  durationMs: number;
  speechSegments: SpeechSegment[];
}

export interface StoredMedia {
  track: 'video' | 'audio' | (string & {});
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

export interface CommitAnswerResponse {
  answer: { id: string; questionId: string; attempt: number; media: StoredMedia[] };
}

export interface CompleteResponse {
  status: SessionStatus;
}

/** `POST /v1/session/probe`: the body is counted and dropped. */
export interface ProbeResponse {
  receivedBytes: number;
  serverMs: number;
}
