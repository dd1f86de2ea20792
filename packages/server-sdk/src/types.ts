import type { NoticeSectionId } from './compliance/disclosure.js';
import type { JurisdictionId } from './compliance/packs.js';
/** Public shapes returned by the SDK (HTTP and in-process alike). */

export interface Competency {
  id: string;
  description: string;
  /** What each level looks like (the rubric's anchors); absent = a generic 1–4 scale. */
  anchors?: Array<{ level: number; description: string }>;
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
  /** Competencies this answer is evaluated on (the scoring rubric). */
  competencies: Competency[];
  /** Optional video of the question being asked (mp4 or HLS). */
  promptVideoUrl: string | null;
  /** WebVTT captions for the prompt video; required when there is a video. */
  captionsUrl: string | null;
}

/** How long each kind of data is kept, in days (defaults from the compliance research, §2.4). */
export interface RetentionSettings {
  /** Raw video and audio, counted from the session's last activity. Default 365. */
  mediaDays: number;
  /** Transcripts, scores and the rubric snapshot. Default 730. */
  evaluationDays: number;
  /** Unfinished upload leftovers. Default 1. */
  incompleteUploadDays: number;
}

/** A question the candidate can practise on; its recording is never submitted. */
export interface PracticeQuestion {
  prompt: string;
  thinkSeconds: number;
  answerSeconds: number;
}

export interface Notice {
  /** Version label shown to and accepted by the candidate, e.g. `2026-11`. */
  version: string;
  /** The privacy notice as Markdown (the widget renders a safe subset, never raw HTML). */
  markdown: string;
  /**
   * The employer's text per notice item of compliance.md §2.1 (`C1` employer identity and contact,
   * `C7` purposes and legal basis, `C8` recipients, `C12` bias audit, `C13` whether participation is
   * required, …), as safe Markdown. Candid writes C2, C3, C5, C6, C9, C10 and C11 itself (and C4 from
   * the questions' competencies); a section given for one of those is shown after Candid's text.
   */
  sections?: Partial<Record<NoticeSectionId, string>>;
}

/** How the candidate moves through the interview (compliance.md X1, X6, C15). */
export interface InterviewFlow {
  /** Optional welcome video (mp4 or HLS) shown before the first question; needs captions. */
  introVideoUrl: string | null;
  /** WebVTT captions for the intro video (required with a video, WCAG 1.2.2). */
  introCaptionsUrl: string | null;
  /** The candidate may extend a running answer's time limit (WCAG 2.2.1). Default true. */
  allowTimeExtension: boolean;
  /** Minimum age the candidate confirms on the consent screen. Default 16. */
  minimumAge: number;
}

/**
 * Who is asking: shown to the candidate before consent (and on the done screen). Fields not given
 * are null.
 */
export interface Employer {
  /** The employer's name as candidates know it, 1-200 characters. */
  name: string;
  /** Absolute http(s) URL of a logo (SVG or PNG, shown small). */
  logoUrl: string | null;
  /** Where candidates write with questions. */
  contactEmail: string | null;
  /** A contact page (absolute http(s) URL). */
  contactUrl: string | null;
  /** The employer's privacy policy (absolute http(s) URL). */
  privacyUrl: string | null;
}

/** An employer as given to `createCandid({ employer })` or in an interview definition. */
export interface EmployerInput {
  name: string;
  logoUrl?: string | null;
  contactEmail?: string | null;
  contactUrl?: string | null;
  privacyUrl?: string | null;
}

export interface Interview {
  id: string;
  title: string;
  /** BCP 47 language of the questions and notice. */
  locale: string;
  questions: Question[];
  practiceQuestion: PracticeQuestion | null;
  notice: Notice | null;
  retention: RetentionSettings;
  flow: InterviewFlow;
  /** Jurisdiction packs that apply (strictest wins): `EU`, `UK`, `IL`, `NYC`, `CA`, `CO`. */
  jurisdictions: JurisdictionId[];
  /** The interview's own employer; null = the server's default (`createCandid({ employer })`) applies. */
  employer: Employer | null;
  createdAt: string;
}

export interface InterviewInput {
  title: string;
  locale?: string;
  questions: Array<Partial<Question> & { id: string; prompt: string }>;
  practiceQuestion?: Partial<PracticeQuestion> & { prompt: string };
  notice?: Notice | null;
  retention?: Partial<RetentionSettings>;
  flow?: Partial<InterviewFlow>;
  jurisdictions?: JurisdictionId[];
  employer?: EmployerInput | null;
}

export type SessionStatus = 'invited' | 'consented' | 'in_progress' | 'completed' | 'scored' | 'withdrawn' | 'erased';

/** Per-candidate adjustments granted by the employer (WCAG 2.2.1, EEOC). */
export interface Accommodations {
  /** Multiplies every answer and think time (e.g. 1.5). Default 1. */
  timeMultiplier: number;
  /** No answer time limit at all. */
  noTimeLimit: boolean;
  /** Retakes added to every question's own allowance. */
  extraRetakes: number;
  /** Record audio only (no camera). */
  audioOnly: boolean;
}

export interface ConsentChoices {
  recording: boolean;
  aiEvaluation: boolean;
  productImprovement: boolean;
}

export interface ConsentRecord {
  id: string;
  sessionId: string;
  noticeVersion: string | null;
  /** SHA-256 of the disclosure the candidate was shown (`disclosure.sha256` of `GET /v1/session`). */
  noticeSha256: string | null;
  /** UI language of the consent screen (Candid's standard notice sections are in this language). */
  noticeLocale: string | null;
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

export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface Answer {
  id: string;
  questionId: string;
  attempt: number;
  durationMs: number | null;
  speechSegments: SpeechSegment[];
  /** Voice activity detection heard no speech. */
  silent: boolean;
  committedAt: string;
  media: AnswerMedia[];
  /** Where the background steps stand; `detail` says why a step was skipped or failed. */
  processing: Record<'media' | 'transcription', { status: StepStatus; detail: string | null }>;
  renditions: Array<{ kind: string; mimeType: string; sizeBytes: number; durationMs: number | null }>;
  transcript: { text: string; language: string | null; model: string; segments: Array<{ startMs: number; endMs: number; text: string }> } | null;
}

export interface CompetencyScoreView {
  questionId: string;
  competencyId: string;
  level: number;
  rationale: string;
  /** Verbatim quotes found in the transcript. */
  evidence: string[];
  /** Quotes the model offered that are not in the transcript (not used as evidence). */
  rejectedEvidence: string[];
}

/** The AI's recommendation for a person to review; never a decision. */
export interface EvaluationView {
  status: 'pending' | 'scored' | 'skipped' | 'failed';
  detail: string | null;
  model: string | null;
  promptVersion: string | null;
  rubricVersion: string | null;
  summary: string | null;
  humanReviewRequired: true;
  scores: CompetencyScoreView[];
}

export interface Session {
  id: string;
  interviewId: string;
  candidate: { externalId: string; name: string | null; email: string | null };
  status: SessionStatus;
  accommodations: Accommodations;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  answers: Answer[];
  consents: ConsentRecord[];
  evaluation: EvaluationView | null;
  requests: Array<{ id: string; type: string; message: string | null; status: 'open' | 'resolved'; createdAt: string }>;
  reviews: Array<{ id: string; reviewer: string; decision: string; rationale: string; createdAt: string }>;
}

export interface SessionInput {
  interviewId: string;
  candidate: { externalId: string; name?: string; email?: string };
  /** ISO date; defaults to now + `sessionTtlSeconds`. */
  expiresAt?: string;
  accommodations?: Partial<Accommodations>;
}

/** One page of sessions; pass `nextCursor` back as `cursor` for the next page. */
export interface SessionPage {
  sessions: Session[];
  nextCursor: string | null;
}

export interface CreatedSession {
  sessionId: string;
  token: string;
  /** When the token expires (not the session). */
  expiresAt: string;
}
