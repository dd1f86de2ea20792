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
  /** Video of the question being asked (mp4 or HLS) and its WebVTT captions. */
  promptVideoUrl?: string | null;
  captionsUrl?: string | null;
  /** What the answer is evaluated on (shown in the notice's "What is evaluated" section). */
  competencies?: Array<{ id: string; description: string }>;
}

/** A question to practise on; never uploaded. */
export interface PracticeQuestion {
  prompt: string;
  thinkSeconds: number;
  answerSeconds: number;
}

/** Interview-level flow settings. */
export interface InterviewFlow {
  introVideoUrl: string | null;
  introCaptionsUrl: string | null;
  allowTimeExtension: boolean;
  minimumAge: number;
}

/** `POST /v1/session/requests` */
export interface CandidateRequestInput {
  type: 'accommodation' | 'alternative_process' | 'human_review' | 'opt_out_ai' | (string & {});
  message?: string;
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

/** Notice items of the consent screen that can be sections (compliance.md §2.1). */
export type NoticeSectionId = 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7' | 'C8' | 'C9' | 'C10' | 'C11' | 'C12' | 'C13';

export interface Notice {
  version: string;
  /** Free-form notice text (safe Markdown); may be empty when `sections` carry the notice. */
  markdown: string;
  /** The employer's Markdown per notice item (C1 who they are, C7 purposes, C8 recipients, …). */
  sections?: Partial<Record<NoticeSectionId, string>>;
}

/** What the consent screen discloses, decided by the server from the interview and its jurisdictions. */
export interface Disclosure {
  /** Items to show as sections, in order. */
  items: NoticeSectionId[];
  /** Facts of the retention section (C9). */
  retention: { mediaDays: number; evaluationDays: number };
  /** Stored with the consent record. */
  sha256: string;
}

/** The strictest combination of the interview's jurisdiction packs (only what the widget uses). */
export interface SessionPolicy {
  requiredNotice: string[];
  minimumAge: number;
  [key: string]: unknown;
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
  /** UI language the notice was shown in (Candid's standard sections are translated). */
  locale?: string;
}

export interface ConsentResponse {
  consent: Record<string, unknown>;
  status: SessionStatus;
}

/** Who is asking: the interview's employer, or the deployment's default. */
export interface Employer {
  name: string;
  logoUrl: string | null;
  contactEmail: string | null;
  contactUrl: string | null;
  /** The employer's privacy information for candidates. */
  privacyUrl: string | null;
}

export interface SessionInfo {
  sessionId: string;
  status: SessionStatus;
  expiresAt: string;
  interview: { id: string; title: string; locale?: string };
  /** Absent from older servers; null when no employer is configured. */
  employer?: Employer | null;
  /**
   * Whether answers of this session will be transcribed and scored with AI. False: the consent form
   * does not ask for AI evaluation. Absent (older servers): asked.
   */
  aiEvaluation?: boolean;
  notice: Notice | null;
  /** Absent from servers older than the structured notice. */
  disclosure?: Disclosure;
  policy?: SessionPolicy;
  questions: Question[];
  practiceQuestion?: PracticeQuestion | null;
  flow?: InterviewFlow;
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
  /** Speech heard by the widget's VAD, in ms from the recording start; absent when the VAD did not run. */
  speechSegments?: SpeechSegment[];
  /** The VAD heard no speech (the server skips transcription); absent when the VAD did not run. */
  silent?: boolean;
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
