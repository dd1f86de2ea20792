import type { Accommodations, Answer, AnswerMedia, StepStatus, ConsentRecord, SessionStatus, SpeechSegment, Track } from '../types.js';

/** Row shapes as stored, and their mapping to the public types. `bigint` columns arrive as string from `pg`. */

export interface SessionRow {
  id: string;
  /** Insertion order (bigint: a string from `pg`, a number from PGlite). */
  seq: string | number;
  interview_id: string;
  candidate_external_id: string;
  candidate_name: string | null;
  candidate_email: string | null;
  status: SessionStatus;
  accommodations: Partial<Accommodations>;
  withdrawn_at: Date | null;
  expires_at: Date;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  /** Data rights (migration 5): restriction/objection, legal hold, notice clock, retention marks. */
  restriction?: 'restricted' | 'objected' | null;
  restriction_reason?: string | null;
  restricted_at?: Date | null;
  legal_hold_reason?: string | null;
  legal_hold_at?: Date | null;
  notice_delivered_at?: Date | null;
  media_expired_at?: Date | null;
  evaluation_expired_at?: Date | null;
  erased_at?: Date | null;
}

export interface ConsentRow {
  id: string;
  session_id: string;
  notice_version: string | null;
  notice_sha256: string | null;
  notice_locale?: string | null;
  recording: boolean;
  ai_evaluation: boolean;
  product_improvement: boolean;
  age_confirmed: boolean;
  decided_at: Date;
  ip_truncated: string | null;
  user_agent_sha256: string | null;
  widget_version: string | null;
}

export interface UploadRow {
  id: string;
  session_id: string;
  question_id: string;
  attempt: number;
  track: Track;
  mime_type: string;
  size_bytes: string | number | null;
  /** `failed`: storage could not create it (see `UploadService.markCreateFailed`). */
  status: 'receiving' | 'complete' | 'failed';
  created_at: Date;
  completed_at: Date | null;
  /** Whether a committed answer uses this upload (selected by `getOwned`). */
  committed?: boolean;
  /** The session's latest consent decision (selected by `getOwned`; null before any). */
  consent_recording?: boolean | null;
  consent_age_confirmed?: boolean | null;
}

export interface AnswerRow {
  id: string;
  session_id: string;
  question_id: string;
  attempt: number;
  duration_ms: number | null;
  speech_segments: SpeechSegment[];
  silent: boolean;
  committed_at: Date;
}

/** What the pipeline produced for answers (loaded together with them). */
export interface AnswerExtras {
  steps: Array<{ answer_id: string; step: 'media' | 'transcription'; status: StepStatus; detail: string | null }>;
  renditions: Array<{ answer_id: string; kind: string; mime_type: string; size_bytes: string | number; duration_ms: number | null }>;
  transcripts: Array<{ answer_id: string; text: string; language: string | null; model: string; segments: Array<{ startMs: number; endMs: number; text: string }> }>;
}

export interface AnswerMediaRow {
  answer_id: string;
  upload_id: string;
  track: Track;
  mime_type: string;
  size_bytes: string | number;
  sha256: string;
}

export function toConsentRecord(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    noticeVersion: row.notice_version,
    noticeSha256: row.notice_sha256,
    noticeLocale: row.notice_locale ?? null,
    choices: { recording: row.recording, aiEvaluation: row.ai_evaluation, productImprovement: row.product_improvement },
    ageConfirmed: row.age_confirmed,
    decidedAt: row.decided_at.toISOString(),
    ipTruncated: row.ip_truncated,
    userAgentSha256: row.user_agent_sha256,
    widgetVersion: row.widget_version,
  };
}

const NO_EXTRAS: AnswerExtras = { steps: [], renditions: [], transcripts: [] };

export function toAnswer(row: AnswerRow, media: AnswerMediaRow[], extras: AnswerExtras = NO_EXTRAS): Answer {
  const step = (name: 'media' | 'transcription') => {
    const found = extras.steps.find((s) => s.answer_id === row.id && s.step === name);
    return { status: found?.status ?? 'pending', detail: found?.detail ?? null };
  };
  const transcript = extras.transcripts.find((t) => t.answer_id === row.id);
  return {
    id: row.id,
    questionId: row.question_id,
    attempt: row.attempt,
    durationMs: row.duration_ms,
    speechSegments: row.speech_segments,
    silent: row.silent,
    committedAt: row.committed_at.toISOString(),
    processing: { media: step('media'), transcription: step('transcription') },
    renditions: extras.renditions
      .filter((r) => r.answer_id === row.id)
      .map((r) => ({ kind: r.kind, mimeType: r.mime_type, sizeBytes: Number(r.size_bytes), durationMs: r.duration_ms })),
    transcript: transcript ? { text: transcript.text, language: transcript.language, model: transcript.model, segments: transcript.segments } : null,
    media: media
      .filter((m) => m.answer_id === row.id)
      .map((m): AnswerMedia => ({
        track: m.track,
        uploadId: m.upload_id,
        mimeType: m.mime_type,
        sizeBytes: Number(m.size_bytes),
        sha256: m.sha256,
      })),
  };
}
