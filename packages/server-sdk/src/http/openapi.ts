import { ERASURE_REASON_CODES } from '../rights/reasons.js';
import { createRequire } from 'node:module';
import { NOTICE_SECTION_IDS } from '../compliance/disclosure.js';
import { NOTICE_ITEMS } from '../compliance/packs.js';
import { type ErrorCode, ErrorCodes } from '../errors.js';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/events.js';
import { JURISDICTION_IDS } from '../compliance/packs.js';

/**
 * The HTTP API as an OpenAPI 3.1 document, served at `GET /v1/openapi.json`. Paths are relative to
 * the router's mount path (the `servers` entry `..` resolves to it from the document's own URL).
 *
 * Schemas mirror the parsers in `services/` and the shapes in `types.ts`: input schemas carry the
 * same limits the validators enforce and `additionalProperties: false` (unknown fields are refused),
 * response schemas list every field the server sends. `test/openapi.test.ts` validates real responses
 * against them, so keep both sides in step.
 */

type Schema = Record<string, unknown>;

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

// ---------------------------------------------------------------------------------------------
// Schema builders
// ---------------------------------------------------------------------------------------------

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** `null` allowed too: a type array for plain schemas, `anyOf` around a `$ref`. */
function nullable(schema: Schema): Schema {
  if ('$ref' in schema) return { anyOf: [schema, { type: 'null' }] };
  return { ...schema, type: [schema.type, 'null'] };
}

const string = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
/** What `Validator.string` accepts: not empty, not only white space, at most `maxLength`. */
const text = (maxLength: number, extra: Schema = {}): Schema => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S', ...extra });
const integer = (minimum: number, maximum: number, extra: Schema = {}): Schema => ({ type: 'integer', minimum, maximum, ...extra });
const boolean = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
const dateTime = (description?: string): Schema => ({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });
const array = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
const id = (prefix: string, description?: string): Schema => ({ type: 'string', pattern: `^${prefix}_[0-9a-f]{32}$`, ...(description ? { description } : {}) });
const sha256 = (description: string): Schema => ({ type: 'string', pattern: '^[0-9a-f]{64}$', description });

/**
 * An object schema. Every property is required unless listed in `optional`; `closed` adds
 * `additionalProperties: false` (request bodies: the server refuses unknown fields).
 */
function object(properties: Record<string, Schema>, opts: { optional?: string[]; closed?: boolean; description?: string } = {}): Schema {
  const required = Object.keys(properties).filter((key) => !opts.optional?.includes(key));
  return {
    type: 'object',
    ...(opts.description ? { description: opts.description } : {}),
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(opts.closed ? { additionalProperties: false } : {}),
  };
}

const SLUG = { pattern: '^[A-Za-z0-9_-]{1,64}$', minLength: 1, maxLength: 64 };
const LOCALE = '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$';
const MAX_MS = 4 * 60 * 60 * 1000;
const SESSION_STATUSES = ['invited', 'consented', 'in_progress', 'completed', 'scored', 'withdrawn', 'erased'];

// ---------------------------------------------------------------------------------------------
// Component schemas
// ---------------------------------------------------------------------------------------------

function schemas(): Record<string, Schema> {
  const competency = object(
    {
      id: string(SLUG),
      description: text(2000),
      anchors: array(object({ level: integer(0, 10), description: text(1000) }, { closed: true }), {
        minItems: 2,
        maxItems: 10,
        description: 'Behaviourally anchored levels of the rubric (levels unique within the competency). Not sent to the widget.',
      }),
    },
    { optional: ['anchors'], description: 'A competency the answer is evaluated on (the scoring rubric).' },
  );
  const notice = object(
    {
      version: text(64, { description: 'Version label shown to and accepted by the candidate, e.g. `2026-11`.' }),
      markdown: string({ maxLength: 100_000, description: 'The privacy notice as Markdown (rendered as a safe subset, never raw HTML). May be empty when `sections` carry the notice.' }),
      sections: object(
        Object.fromEntries(NOTICE_SECTION_IDS.map((id) => [id, string({ maxLength: 20_000, description: NOTICE_ITEMS[id] })])),
        {
          optional: [...NOTICE_SECTION_IDS],
          closed: true,
          description:
            "The employer's Markdown per notice item of compliance.md §2.1. Candid writes C2, C3, C5, C6, C9, C10 and C11 itself (and C4 from the questions' competencies); the employer supplies C1 (identity, contact, DPO), C7 (purposes, legal basis), C8 (recipients, transfers), C12 (bias audit) and C13 (is participation required) where the jurisdictions ask for them (`NOTICE_INCOMPLETE`).",
        },
      ),
    },
    { optional: ['sections'], closed: true, description: 'The privacy notice shown on the consent screen.' },
  );
  const accommodations = object(
    {
      timeMultiplier: { type: 'number', minimum: 1, maximum: 10, description: 'Multiplies every answer and think time (e.g. 1.5).' },
      noTimeLimit: boolean('No answer time limit at all.'),
      extraRetakes: integer(0, 10, { description: "Retakes added to every question's own allowance." }),
      audioOnly: boolean('Record audio only (no camera).'),
    },
    { description: 'Per-candidate adjustments granted by the employer (WCAG 2.2.1, EEOC).' },
  );
  const retention = object(
    {
      mediaDays: integer(1, 3650, { description: "Raw video and audio, counted from the session's last activity." }),
      evaluationDays: integer(1, 3650, { description: 'Transcripts, scores and the rubric snapshot.' }),
      incompleteUploadDays: integer(1, 30, { description: 'Unfinished upload leftovers.' }),
    },
    { description: 'How long each kind of data is kept, in days.' },
  );
  const track = { type: 'string', enum: ['video', 'audio'] };

  return {
    ErrorCode: { type: 'string', enum: Object.keys(ErrorCodes), description: 'Stable error codes; integrators branch on them.' },
    FieldIssue: object({
      path: string({ description: 'JSON-pointer-like path of the offending field, e.g. `questions/0/id` (empty for the body itself).' }),
      message: string(),
    }),
    Error: object(
      {
        error: object(
          {
            code: ref('ErrorCode'),
            message: string({ description: 'Human-readable; may change between versions.' }),
            issues: array(ref('FieldIssue'), { description: 'Every field problem at once (VALIDATION_FAILED only).' }),
          },
          { optional: ['issues'] },
        ),
      },
      { description: 'Every error, tus errors included.' },
    ),

    // Interviews
    Competency: competency,
    Question: object({
      id: string(SLUG),
      prompt: text(2000),
      thinkSeconds: integer(0, 600, { description: 'Seconds to think before recording starts.' }),
      answerSeconds: integer(5, 1800, { description: 'Maximum answer length in seconds.' }),
      maxRetakes: integer(0, 10, { description: 'Retakes allowed after the first attempt (0 = one attempt only).' }),
      competencies: array(ref('Competency'), { maxItems: 20 }),
      promptVideoUrl: nullable(string({ format: 'uri', description: 'Video of the question being asked (mp4 or HLS).' })),
      captionsUrl: nullable(string({ format: 'uri', description: 'WebVTT captions for the prompt video.' })),
    }),
    PracticeQuestion: object(
      { prompt: text(2000), thinkSeconds: integer(0, 600), answerSeconds: integer(5, 1800) },
      { description: 'A question the candidate can practise on; its recording is never submitted.' },
    ),
    Notice: notice,
    RetentionSettings: retention,
    InterviewFlow: object(
      {
        introVideoUrl: nullable(string({ format: 'uri', description: 'Welcome video (mp4 or HLS) shown before the first question.' })),
        introCaptionsUrl: nullable(string({ format: 'uri', description: 'WebVTT captions for the intro video (required with it).' })),
        allowTimeExtension: boolean('The candidate may extend a running answer by 60 s, up to 10 times (WCAG 2.2.1).'),
        minimumAge: integer(13, 21, { description: 'Age the candidate confirms on the consent screen.' }),
      },
      { description: 'How the candidate moves through the interview.' },
    ),
    Employer: object(
      {
        name: text(200, { description: 'The employer as candidates know it.' }),
        logoUrl: nullable(string({ format: 'uri', description: 'A logo (SVG or PNG), shown small on the first screen.' })),
        contactEmail: nullable(string({ format: 'email', description: 'Where candidates write with questions.' })),
        contactUrl: nullable(string({ format: 'uri', description: 'A contact page.' })),
        privacyUrl: nullable(string({ format: 'uri', description: "The employer's privacy policy." })),
      },
      { description: 'Who is asking: named to the candidate before consent. Fields not given are null.' },
    ),
    EmployerInput: object(
      {
        name: text(200),
        logoUrl: nullable(string({ format: 'uri', maxLength: 2048, description: 'An absolute http(s) URL.' })),
        contactEmail: nullable(string({ format: 'email', maxLength: 254, description: 'An e-mail address (`name@domain.tld`).' })),
        contactUrl: nullable(string({ format: 'uri', maxLength: 2048, description: 'An absolute http(s) URL.' })),
        privacyUrl: nullable(string({ format: 'uri', maxLength: 2048, description: 'An absolute http(s) URL.' })),
      },
      { optional: ['logoUrl', 'contactEmail', 'contactUrl', 'privacyUrl'], closed: true },
    ),
    Interview: object({
      id: id('int'),
      title: text(200),
      locale: string({ pattern: LOCALE, description: 'BCP 47 language of the questions and notice.' }),
      questions: array(ref('Question'), { minItems: 1, maxItems: 50 }),
      practiceQuestion: nullable(ref('PracticeQuestion')),
      notice: nullable(ref('Notice')),
      retention: ref('RetentionSettings'),
      flow: ref('InterviewFlow'),
      jurisdictions: array(ref('JurisdictionId'), { description: 'Jurisdiction packs that apply; the strictest wins (see `ResolvedPolicy`).' }),
      employer: nullable({ ...ref('Employer'), description: "The interview's own employer; null = the server's default (`createCandid({ employer })`, `CANDID_EMPLOYER_*`) applies." }),
      createdAt: dateTime(),
    }),
    QuestionInput: object(
      {
        id: string({ ...SLUG, description: 'Unique within the interview.' }),
        prompt: text(2000),
        thinkSeconds: nullable(integer(0, 600, { default: 30 })),
        answerSeconds: nullable(integer(5, 1800, { default: 120 })),
        maxRetakes: nullable(integer(0, 10, { default: 1 })),
        competencies: array(object({ id: string(SLUG), description: text(2000) }, { closed: true }), { maxItems: 20, description: 'Ids unique within the question.' }),
        promptVideoUrl: nullable(string({ format: 'uri', maxLength: 2048, description: 'An absolute http(s) URL; requires `captionsUrl`.' })),
        captionsUrl: nullable(string({ format: 'uri', maxLength: 2048, description: 'An absolute http(s) URL of WebVTT captions (WCAG 1.2.2).' })),
      },
      { optional: ['thinkSeconds', 'answerSeconds', 'maxRetakes', 'competencies', 'promptVideoUrl', 'captionsUrl'], closed: true },
    ),
    InterviewInput: object(
      {
        title: text(200),
        locale: nullable(string({ pattern: LOCALE, maxLength: 35, default: 'en' })),
        questions: array(ref('QuestionInput'), { minItems: 1, maxItems: 50 }),
        practiceQuestion: nullable(
          object(
            { prompt: text(2000), thinkSeconds: nullable(integer(0, 600, { default: 30 })), answerSeconds: nullable(integer(5, 1800, { default: 60 })) },
            { optional: ['thinkSeconds', 'answerSeconds'], closed: true },
          ),
        ),
        notice: nullable(ref('Notice')),
        retention: object(
          {
            mediaDays: nullable(integer(1, 3650, { default: 365 })),
            evaluationDays: nullable(integer(1, 3650, { default: 730 })),
            incompleteUploadDays: nullable(integer(1, 30, { default: 1 })),
          },
          { optional: ['mediaDays', 'evaluationDays', 'incompleteUploadDays'], closed: true },
        ),
        flow: object(
          {
            introVideoUrl: nullable(string({ format: 'uri', maxLength: 2048 })),
            introCaptionsUrl: nullable(string({ format: 'uri', maxLength: 2048, description: 'Required with `introVideoUrl`.' })),
            allowTimeExtension: boolean('Default true.'),
            minimumAge: integer(13, 21, { default: 16 }),
          },
          { optional: ['introVideoUrl', 'introCaptionsUrl', 'allowTimeExtension', 'minimumAge'], closed: true },
        ),
        jurisdictions: array(ref('JurisdictionId'), {
          maxItems: 6,
          description:
            'Jurisdiction packs. Retention the caller gives must lie within their bounds (`RETENTION_OUT_OF_BOUNDS`); defaults are moved inside them; packs whose bounds cannot all be met are refused (`JURISDICTION_CONFLICT`).',
        }),
        employer: nullable({
          ...ref('EmployerInput'),
          description:
            "Who is asking, shown before consent. Absent or null = the server's default employer. Fields left out are null, or the default's when the default names the same employer (same name, case-insensitive).",
        }),
      },
      { optional: ['locale', 'practiceQuestion', 'notice', 'retention', 'flow', 'jurisdictions', 'employer'], closed: true },
    ),

    // Sessions (ATS side)
    SessionStatus: { type: 'string', enum: SESSION_STATUSES },
    Accommodations: accommodations,
    Track: track,
    SpeechSegment: object({ startMs: integer(0, MAX_MS), endMs: integer(0, MAX_MS, { description: 'Not before `startMs`.' }) }),
    AnswerMedia: object({
      track: ref('Track'),
      uploadId: id('upl'),
      mimeType: string(),
      sizeBytes: { type: 'integer', minimum: 0 },
      sha256: sha256('Of the stored bytes.'),
    }),
    Answer: object({
      id: id('ans'),
      questionId: string(SLUG),
      attempt: integer(1, 1000),
      durationMs: nullable(integer(0, MAX_MS)),
      speechSegments: array(ref('SpeechSegment')),
      silent: boolean(),
      committedAt: dateTime(),
      media: array(ref('AnswerMedia'), { description: 'One entry per recorded track.' }),
      processing: object({ media: ref('StepState'), transcription: ref('StepState') }, { description: 'Where the background steps stand.' }),
      renditions: array(object({ kind: string(), mimeType: string(), sizeBytes: { type: 'integer', minimum: 0 }, durationMs: nullable({ type: 'integer', minimum: 0 }) })),
      transcript: nullable(
        object({
          text: string(),
          language: nullable(string()),
          model: string(),
          segments: array(object({ startMs: { type: 'integer', minimum: 0 }, endMs: { type: 'integer', minimum: 0 }, text: string() })),
        }),
      ),
    }),
    StepState: object({
      status: { type: 'string', enum: ['pending', 'running', 'done', 'skipped', 'failed'] },
      detail: nullable(string({ description: 'Why the step was skipped or failed, in plain words.' })),
    }),
    Evaluation: object(
      {
        status: { type: 'string', enum: ['pending', 'scored', 'skipped', 'failed'] },
        detail: nullable(string()),
        model: nullable(string()),
        promptVersion: nullable(string()),
        rubricVersion: nullable(string()),
        summary: nullable(string()),
        humanReviewRequired: { type: 'boolean', enum: [true] },
        scores: array(
          object({
            questionId: string(),
            competencyId: string(),
            level: { type: 'integer' },
            rationale: string(),
            evidence: array(string(), { description: 'Verbatim quotes found in the transcript.' }),
            rejectedEvidence: array(string(), { description: 'Quotes the model offered that are not in the transcript.' }),
          }),
        ),
      },
      { description: "The AI's recommendation for a person to review; never a decision." },
    ),
    CandidateRequest: object({
      id: id('req'),
      sessionId: id('ses'),
      type: { type: 'string', enum: ['accommodation', 'alternative_process', 'human_review', 'opt_out_ai'] },
      message: nullable(string()),
      status: { type: 'string', enum: ['open', 'resolved'] },
      createdAt: dateTime(),
    }),
    CandidateRequestInput: object(
      { type: { type: 'string', enum: ['accommodation', 'alternative_process', 'human_review', 'opt_out_ai'] }, message: nullable(text(4000)) },
      { optional: ['message'], closed: true },
    ),
    Review: object({ id: id('rev'), sessionId: id('ses'), reviewer: string(), decision: string(), rationale: string(), createdAt: dateTime() }),
    ReviewInput: object({ reviewer: text(200), decision: text(100), rationale: text(10_000) }, { closed: true }),
    ConsentChoices: object({ recording: boolean(), aiEvaluation: boolean(), productImprovement: boolean() }),
    ConsentRecord: object(
      {
        id: id('con'),
        sessionId: id('ses'),
        noticeVersion: nullable(string()),
        noticeSha256: nullable(sha256('Of the disclosure the candidate was shown: `disclosure.sha256` of `GET /v1/session`.')),
        noticeLocale: nullable(string({ description: "UI language of the consent screen (Candid's standard notice sections are in this language)." })),
        choices: ref('ConsentChoices'),
        ageConfirmed: boolean(),
        decidedAt: dateTime(),
        ipTruncated: nullable(string({ description: 'The network only: /24 for IPv4, /48 for IPv6.' })),
        userAgentSha256: nullable(sha256('Of the User-Agent header.')),
        widgetVersion: nullable(string({ maxLength: 32 })),
      },
      { description: 'An immutable record of one consent decision.' },
    ),
    Session: object({
      id: id('ses'),
      interviewId: id('int'),
      candidate: object({ externalId: string(), name: nullable(string()), email: nullable(string()) }),
      status: ref('SessionStatus'),
      accommodations: ref('Accommodations'),
      expiresAt: dateTime('When the session (the invitation) expires.'),
      createdAt: dateTime(),
      updatedAt: dateTime(),
      completedAt: nullable(dateTime()),
      answers: array(ref('Answer')),
      consents: array(ref('ConsentRecord'), { description: 'Oldest first.' }),
      evaluation: nullable(ref('Evaluation')),
      requests: array(object({ id: id('req'), type: string(), message: nullable(string()), status: { type: 'string', enum: ['open', 'resolved'] }, createdAt: dateTime() })),
      reviews: array(object({ id: id('rev'), reviewer: string(), decision: string(), rationale: string(), createdAt: dateTime() })),
    }),
    SessionInput: object(
      {
        interviewId: text(64),
        candidate: object(
          {
            externalId: text(200, { description: "The ATS's id for the candidate." }),
            name: nullable(text(200)),
            email: nullable(string({ maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' })),
          },
          { optional: ['name', 'email'], closed: true },
        ),
        expiresAt: dateTime('ISO 8601 with `Z` or an offset (or a date, midnight UTC), in the future and at most 366 days ahead; defaults to now + `sessionTtlSeconds` (14 days).'),
        accommodations: nullable(
          object(
            {
              timeMultiplier: { type: 'number', minimum: 1, maximum: 10, default: 1 },
              noTimeLimit: { type: 'boolean', default: false },
              extraRetakes: nullable(integer(0, 10, { default: 0 })),
              audioOnly: { type: 'boolean', default: false },
            },
            { optional: ['timeMultiplier', 'noTimeLimit', 'extraRetakes', 'audioOnly'], closed: true },
          ),
        ),
      },
      { optional: ['expiresAt', 'accommodations'], closed: true },
    ),
    CreatedSession: object({
      sessionId: id('ses'),
      token: string({ description: 'Session token (JWT) for the widget.' }),
      expiresAt: dateTime('When the token expires (not the session).'),
    }),
    SessionPage: object({
      sessions: array(ref('Session')),
      nextCursor: nullable(string({ description: 'Pass back as `cursor` for the next page; null on the last page.' })),
    }),

    // Candidate side
    ConsentInput: object(
      {
        noticeVersion: nullable(text(64, { description: "Must equal the interview's notice version (null when it has none)." })),
        choices: object({ recording: boolean(), aiEvaluation: boolean(), productImprovement: { type: 'boolean', default: false } }, { optional: ['productImprovement'], closed: true }),
        ageConfirmed: boolean(),
        locale: string({ maxLength: 35, description: 'UI language the consent screen was shown in (BCP 47).' }),
      },
      { optional: ['noticeVersion', 'locale'], closed: true },
    ),
    ConsentResult: object({ consent: ref('ConsentRecord'), status: ref('SessionStatus') }),
    WithdrawalResult: object({ status: { type: 'string', enum: ['withdrawn'] }, withdrawnAt: dateTime() }),
    AnswerCommit: object(
      {
        attempt: integer(1, 1000, { description: 'The take to commit; its uploads are found by their Upload-Metadata.' }),
        durationMs: integer(0, MAX_MS),
        speechSegments: array(
          object({ startMs: integer(0, MAX_MS), endMs: integer(0, MAX_MS, { description: 'Not before `startMs`.' }) }, { closed: true }),
          { maxItems: 10_000, description: 'Voice activity (VAD) segments of the take.' },
        ),
        silent: { type: 'boolean', default: false, description: 'VAD heard no speech: the answer is not sent for transcription.' },
      },
      { optional: ['durationMs', 'speechSegments', 'silent'], closed: true },
    ),
    AnswerCommitResult: object({ answer: ref('Answer') }),
    CandidateRequestResult: object({ request: ref('CandidateRequest') }),
    ReviewResult: object({ review: ref('Review') }),
    CompletionResult: object({ status: { type: 'string', enum: ['completed'] } }),
    ProbeResult: object({ receivedBytes: { type: 'integer', minimum: 0 }, serverMs: { type: 'number', minimum: 0 } }),
    CandidateQuestion: object(
      {
        id: string(SLUG),
        prompt: string(),
        thinkSeconds: { type: 'integer', minimum: 0 },
        answerSeconds: nullable({ type: 'integer', minimum: 1, description: 'Null when the candidate has no time limit.' }),
        maxRetakes: { type: 'integer', minimum: 0 },
        promptVideoUrl: nullable(string({ format: 'uri' })),
        captionsUrl: nullable(string({ format: 'uri' })),
        competencies: array(ref('Competency')),
      },
      { description: "A question as this candidate experiences it: times and retakes include the candidate's accommodations." },
    ),
    CandidateSessionView: object(
      {
        sessionId: id('ses'),
        status: ref('SessionStatus'),
        expiresAt: dateTime('When the session expires.'),
        interview: object({ id: id('int'), title: string(), locale: string() }),
        employer: nullable({
          ...ref('Employer'),
          description:
            "Who is asking: the interview's own employer, else the server's default (`CANDID_EMPLOYER_*`); null when neither names one. Fields the interview leaves unset come from the default only when both name the same employer.",
        }),
        aiEvaluation: boolean(
          'Transcription and scoring really run in this deployment (an OpenAI-compatible API is configured). False: ask no AI consent; `disclosure.items` leaves out C2, C3 and C5 unless the employer wrote them, and a consent with `aiEvaluation: true` is stored as false.',
        ),
        notice: nullable(ref('Notice')),
        accommodations: ref('Accommodations'),
        questions: array(ref('CandidateQuestion')),
        practiceQuestion: nullable(ref('PracticeQuestion')),
        flow: ref('InterviewFlow'),
        answers: array(object({ questionId: string(), attempt: { type: 'integer', minimum: 1 }, status: { type: 'string', enum: ['committed'] } }), {
          description: 'Answers already stored (resume state).',
        }),
        consent: nullable(
          object(
            { recording: boolean(), aiEvaluation: boolean(), productImprovement: boolean(), ageConfirmed: boolean(), decidedAt: dateTime() },
            { description: 'The latest decision.' },
          ),
        ),
        policy: ref('ResolvedPolicy'),
        disclosure: object(
          {
            items: array(string({ enum: [...NOTICE_SECTION_IDS] }), {
              description:
                'Notice items shown as sections, in order: Candid-written (C2, C3, C5, C6, C9, C10, C11; C4 from competencies), employer-written (`notice.sections`), or both. Without `aiEvaluation`, C2, C3 and C5 (they describe the AI) are left out unless the employer wrote them.',
            }),
            retention: object({ mediaDays: { type: 'integer', minimum: 1 }, evaluationDays: { type: 'integer', minimum: 1 } }, { description: 'Facts the retention section (C9) states.' }),
            sha256: sha256('Of the canonical JSON of the notice, items, facts, competencies, locale, employer and `aiEvaluation`; stored in the consent record.'),
          },
          { description: 'What the consent screen discloses.' },
        ),
      },
      { description: 'What the widget needs to run the interview.' },
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Headers and parameters
// ---------------------------------------------------------------------------------------------

const header = (description: string, schema: Schema = string()) => ({ description, schema });

const HEADERS = {
  'X-Request-Id': header('Id of this request (the caller\'s own when it looks like one), also in the server logs.'),
  'Retry-After': header('Seconds to wait before retrying.', { type: 'integer', minimum: 1 }),
  'Tus-Resumable': header('The tus protocol version.', { type: 'string', enum: ['1.0.0'] }),
  'Tus-Version': header('Protocol versions the server supports.', { type: 'string', enum: ['1.0.0'] }),
  'Tus-Extension': header('Supported tus extensions, comma-separated (creation, creation-with-upload, creation-defer-length, termination, expiration).'),
  'Tus-Max-Size': header('Hard upper bound of one upload in bytes; each answer has a smaller cap from its answer time.', { type: 'integer' }),
  Location: header('Path-absolute URL of the new upload under the mount path, e.g. `/candid/v1/uploads/upl_…`.'),
  'Upload-Offset': header('Bytes the server holds.', { type: 'integer', minimum: 0 }),
  'Upload-Length': header('Declared total size in bytes.', { type: 'integer', minimum: 0 }),
  'Upload-Defer-Length': header('`1` while the total size is not declared yet.', { type: 'integer', enum: [1] }),
  'Upload-Metadata': header('The metadata given at creation.'),
  'Cache-Control': header('`no-store` for upload state, `private, no-store` for media.'),
  'Accept-Ranges': header('`bytes`.'),
  'Content-Range': header('`bytes start-end/size` (206) or `bytes */size` (416).'),
  ETag: header('The quoted sha256 of the stored bytes.'),
  'Content-Disposition': header('`inline` for media a `<video>` plays, `attachment` for exports; the filename is built from ids (`ans_…-video.webm`), never from stored text.'),
  'X-Content-Type-Options': header('`nosniff` (on every response).'),
  'Content-Security-Policy': header("`default-src 'none'; sandbox` on stored files: nothing in them may run, load or be framed."),
};
type HeaderName = keyof typeof HEADERS;
/** What every stored-file response (media, renditions, export, audit log) carries. */
const STORED_FILE_HEADERS: HeaderName[] = ['Content-Disposition', 'X-Content-Type-Options', 'Content-Security-Policy'];
const headerRefs = (...names: HeaderName[]) => Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

const PARAMETERS = {
  TusResumable: { name: 'Tus-Resumable', in: 'header', required: true, schema: { type: 'string', enum: ['1.0.0'] }, description: 'Required on every tus request but OPTIONS (412 without it).' },
  UploadLength: { name: 'Upload-Length', in: 'header', schema: { type: 'integer', minimum: 0 }, description: 'Total size in bytes. Send it or `Upload-Defer-Length: 1`, not both.' },
  UploadDeferLength: { name: 'Upload-Defer-Length', in: 'header', schema: { type: 'integer', enum: [1] }, description: 'The size is declared later, with `Upload-Length` on a PATCH.' },
  UploadMetadata: {
    name: 'Upload-Metadata',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description:
      'Comma-separated `key base64(value)` pairs. Required keys: `questionId` (a question of the interview), `attempt` (1 to the allowed takes), ' +
      '`track` (`video` | `audio`), `mimeType` (`video/webm`, `video/mp4`, `audio/webm`, `audio/mp4` or `audio/ogg`, strictly `type/subtype` with at most a ' +
      '`codecs` parameter: `video/webm;codecs=vp8,opus`). `filename`, `filetype`, `name`, `type` and `relativePath` are tolerated and ignored; any other key, ' +
      'or a value with control characters, is refused (400 `VALIDATION_FAILED`).',
    example: 'questionId cTE=,attempt MQ==,track dmlkZW8=,mimeType dmlkZW8vd2VibTtjb2RlY3M9dnA4LG9wdXM=',
  },
  UploadOffset: { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 }, description: 'Must equal the offset the server holds (HEAD it after a failure).' },
  UploadLengthOnPatch: { name: 'Upload-Length', in: 'header', schema: { type: 'integer', minimum: 0 }, description: 'Declares the total size of a deferred-length upload (once).' },
};
type ParameterName = keyof typeof PARAMETERS;
const paramRef = (name: ParameterName) => ({ $ref: `#/components/parameters/${name}` });

const pathParam = (name: string, description: string, schema: Schema = string()) => ({ name, in: 'path', required: true, description, schema });
const queryParam = (name: string, description: string, schema: Schema, required = false) => ({ name, in: 'query', required, description, schema });

// ---------------------------------------------------------------------------------------------
// Responses and operations
// ---------------------------------------------------------------------------------------------

const jsonContent = (schema: Schema, examples?: Record<string, { value: unknown }>) => ({
  'application/json': { schema, ...(examples ? { examples } : {}) },
});

function jsonResponse(description: string, schemaName: string, headers: HeaderName[] = []) {
  return { description, headers: headerRefs('X-Request-Id', ...headers), content: jsonContent(ref(schemaName)) };
}

function emptyResponse(description: string, headers: HeaderName[] = []) {
  return { description, headers: headerRefs('X-Request-Id', ...headers) };
}

/** Which codes an operation may answer with, grouped by the status the ErrorCodes table gives them. */
type ErrorSpec = ErrorCode | { status: number; code: ErrorCode; why: string };

function errorResponses(specs: ErrorSpec[], opts: { bodiless?: boolean } = {}) {
  const byStatus = new Map<number, Array<{ code: ErrorCode; why: string }>>();
  for (const spec of specs) {
    const entry = typeof spec === 'string' ? { status: ErrorCodes[spec].status, code: spec, why: ErrorCodes[spec].message } : spec;
    const list = byStatus.get(entry.status) ?? [];
    const same = list.find((e) => e.code === entry.code);
    if (same) same.why = `${same.why} Or: ${entry.why}`;
    else list.push({ code: entry.code, why: entry.why });
    byStatus.set(entry.status, list);
  }
  return Object.fromEntries(
    [...byStatus].sort(([a], [b]) => a - b).map(([status, entries]) => {
      const description = entries.map((e) => `\`${e.code}\`: ${e.why}`).join(' ');
      const headers = headerRefs('X-Request-Id', ...(status === 429 ? (['Retry-After'] as const) : []));
      if (opts.bodiless) return [String(status), { description: `${description} (HEAD responses have no body.)`, headers }];
      const examples = Object.fromEntries(entries.map((e) => [e.code, { value: { error: { code: e.code, message: ErrorCodes[e.code].message } } }]));
      return [String(status), { description, headers, content: jsonContent(ref('Error'), examples) }];
    }),
  );
}

const INTERNAL: ErrorCode[] = ['INTERNAL'];
const JSON_BODY: ErrorCode[] = ['BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
const API_KEY: ErrorCode[] = ['API_KEY_MISSING', 'API_KEY_INVALID', 'AUTH_THROTTLED'];
const CANDIDATE: ErrorCode[] = ['SESSION_TOKEN_MISSING', 'SESSION_TOKEN_INVALID', 'SESSION_TOKEN_EXPIRED', 'SESSION_EXPIRED', 'SESSION_ERASED', 'SESSION_WITHDRAWN', 'RATE_LIMITED', 'AUTH_THROTTLED'];
const TUS_PRECONDITION: ErrorSpec = { status: 412, code: 'TUS_VERSION_REQUIRED', why: 'The `Tus-Resumable: 1.0.0` header is missing.' };
const TUS_HEADERS: ErrorSpec = { status: 400, code: 'BAD_REQUEST', why: 'A tus header is malformed.' };
const TUS_CREATION_LENGTH: ErrorSpec = { status: 400, code: 'BAD_REQUEST', why: 'Send exactly one of `Upload-Length` and `Upload-Defer-Length: 1`.' };
const TUS_PATCH_LENGTH: ErrorSpec = { status: 400, code: 'BAD_REQUEST', why: '`Upload-Length` was already declared, or is below the offset.' };

interface OperationSpec {
  operationId: string;
  summary: string;
  description?: string;
  tag: 'Candidate' | 'Uploads (tus)' | 'ATS' | 'Webhooks' | 'Meta';
  auth: 'sessionToken' | 'apiKey' | null;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  errors: ErrorSpec[];
  bodiless?: boolean;
}

function operation(spec: OperationSpec) {
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security: spec.auth ? [{ [spec.auth]: [] }] : [],
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    responses: { ...spec.responses, ...errorResponses([...spec.errors, ...INTERNAL], { bodiless: spec.bodiless ?? false }) },
  };
}

const jsonBody = (schemaName: string, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: jsonContent(ref(schemaName)),
});

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

function candidatePaths() {
  return {
    '/v1/session': {
      get: operation({
        operationId: 'getCandidateSession',
        summary: 'What the widget needs: questions, timings, notice, accommodations and resume state',
        tag: 'Candidate',
        auth: 'sessionToken',
        responses: { 200: jsonResponse('The session as the candidate sees it.', 'CandidateSessionView') },
        errors: CANDIDATE,
      }),
    },
    '/v1/session/consent': {
      post: operation({
        operationId: 'recordConsent',
        summary: "Record the candidate's consent decision",
        description:
          'Stores an immutable record. The session becomes `consented` only when recording is granted and the age confirmed; a refusal is recorded all the same. Where no AI runs (`aiEvaluation: false` in `GET /v1/session`), `choices.aiEvaluation: true` is stored, and returned, as false.',
        tag: 'Candidate',
        auth: 'sessionToken',
        requestBody: jsonBody('ConsentInput'),
        responses: { 201: jsonResponse('The stored record and the session status.', 'ConsentResult') },
        errors: [...JSON_BODY, 'VALIDATION_FAILED', ...CANDIDATE, 'SESSION_CLOSED', 'NOTICE_VERSION_MISMATCH', 'CONSENT_WITHDRAWAL_REQUIRED'],
      }),
    },
    '/v1/session/consent/withdraw': {
      post: operation({
        operationId: 'withdrawConsent',
        summary: 'Withdraw consent: the session accepts no more requests',
        description: 'No body is needed. Later requests with any token of this session get 403 `SESSION_WITHDRAWN`.',
        tag: 'Candidate',
        auth: 'sessionToken',
        responses: { 200: jsonResponse('Withdrawn.', 'WithdrawalResult') },
        errors: [...JSON_BODY, ...CANDIDATE],
      }),
    },
    '/v1/session/answers/{questionId}': {
      post: operation({
        operationId: 'commitAnswer',
        summary: 'Commit the chosen take of a question',
        description:
          "The server finds the take's uploads by their Upload-Metadata (`questionId`, `attempt`, `track`). Every track must be complete and be the container its " +
          'mime type claims. Only one take per question is committed; repeating the same commit returns the stored answer.',
        tag: 'Candidate',
        auth: 'sessionToken',
        parameters: [pathParam('questionId', 'A question id of the interview.')],
        requestBody: jsonBody('AnswerCommit'),
        responses: { 200: jsonResponse('The committed answer (also on a repeated commit of the same take).', 'AnswerCommitResult') },
        errors: [
          ...JSON_BODY, 'VALIDATION_FAILED', ...CANDIDATE, 'CONSENT_REQUIRED', 'SESSION_CLOSED', 'QUESTION_NOT_FOUND',
          'ATTEMPT_LIMIT_REACHED', 'ANSWER_ALREADY_COMMITTED', 'UPLOAD_MISSING', 'UPLOAD_INCOMPLETE',
          { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', why: "A track's bytes are not the container its mime type claims." },
        ],
      }),
    },
    '/v1/session/requests': {
      post: operation({
        operationId: 'createCandidateRequest',
        summary: 'Ask for an accommodation, an alternative process, a human review, or no automated evaluation',
        description: 'Sends `request.created`. `opt_out_ai` stops any pending AI evaluation.',
        tag: 'Candidate',
        auth: 'sessionToken',
        requestBody: jsonBody('CandidateRequestInput'),
        responses: { 201: jsonResponse('The stored request.', 'CandidateRequestResult') },
        errors: [...JSON_BODY, 'VALIDATION_FAILED', ...CANDIDATE],
      }),
    },
    '/v1/session/complete': {
      post: operation({
        operationId: 'completeSession',
        summary: 'Finish the interview once every question has a committed answer',
        description: 'No body is needed. Idempotent: a completed session answers `completed` again.',
        tag: 'Candidate',
        auth: 'sessionToken',
        responses: { 200: jsonResponse('Completed.', 'CompletionResult') },
        errors: [...JSON_BODY, ...CANDIDATE, 'CONSENT_REQUIRED', 'SESSION_CLOSED', 'ANSWERS_MISSING'],
      }),
    },
    '/v1/session/probe': {
      post: operation({
        operationId: 'probeConnection',
        summary: 'Connection check: send up to 2 MiB of bytes, which are counted and dropped',
        description: 'The widget times the round trip to estimate the upload rate. Nothing is stored.',
        tag: 'Candidate',
        auth: 'sessionToken',
        requestBody: { required: false, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        responses: { 200: jsonResponse('What arrived.', 'ProbeResult') },
        errors: [...CANDIDATE, { status: 413, code: 'PAYLOAD_TOO_LARGE', why: 'The probe is over 2 MiB.' }],
      }),
    },
  };
}

function uploadPaths() {
  const tusCommon: ErrorSpec[] = [...CANDIDATE, TUS_PRECONDITION, TUS_HEADERS];
  const uploadId = pathParam('uploadId', 'The id from the creation `Location` (`upl_` + 32 hex digits). Uploads of other sessions are 404.');
  return {
    '/v1/uploads': {
      post: operation({
        operationId: 'createUpload',
        summary: 'tus creation: start an upload of one track of one take',
        description:
          'tus 1.0 creation (with `creation-defer-length`). Refused until the latest consent grants recording. The server mints the id and binds it to the ' +
          "token's session. Each upload is capped by its question's answer time (answer seconds × bytes per second + 5 MB).",
        tag: 'Uploads (tus)',
        auth: 'sessionToken',
        parameters: [paramRef('TusResumable'), paramRef('UploadLength'), paramRef('UploadDeferLength'), paramRef('UploadMetadata')],
        responses: { 201: emptyResponse('Created.', ['Location', 'Tus-Resumable']) },
        errors: [
          ...tusCommon, TUS_CREATION_LENGTH, { status: 400, code: 'VALIDATION_FAILED', why: 'An `Upload-Metadata` value is missing or invalid (see `error.issues`).' }, 'CONSENT_REQUIRED', 'SESSION_CLOSED', 'QUESTION_NOT_FOUND', 'ANSWER_ALREADY_COMMITTED',
          'UPLOAD_TOO_LARGE', 'UPLOAD_LIMIT_REACHED', 'SESSION_STORAGE_LIMIT', { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', why: 'The `mimeType` metadata is not an accepted media type.' },
        ],
      }),
      options: operation({
        operationId: 'uploadCapabilities',
        summary: 'tus discovery: protocol version, extensions and maximum size',
        description: 'A CORS preflight (with `Access-Control-Request-Method`) is answered 204 without a token; tus discovery needs the session token.',
        tag: 'Uploads (tus)',
        auth: 'sessionToken',
        responses: { 204: emptyResponse('Capabilities.', ['Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size']) },
        errors: CANDIDATE,
      }),
    },
    '/v1/uploads/{uploadId}': {
      options: operation({
        operationId: 'uploadCapabilitiesAt',
        summary: 'tus discovery at an upload URL (the same answer as on /v1/uploads)',
        tag: 'Uploads (tus)',
        auth: 'sessionToken',
        parameters: [uploadId],
        responses: { 204: emptyResponse('Capabilities.', ['Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size']) },
        errors: CANDIDATE,
      }),
      head: operation({
        operationId: 'getUploadOffset',
        summary: 'tus: how many bytes the server holds (resume from here)',
        tag: 'Uploads (tus)',
        auth: 'sessionToken',
        parameters: [uploadId, paramRef('TusResumable')],
        responses: { 200: emptyResponse('Upload state.', ['Tus-Resumable', 'Upload-Offset', 'Upload-Length', 'Upload-Defer-Length', 'Upload-Metadata', 'Cache-Control']) },
        errors: [...tusCommon, 'UPLOAD_NOT_FOUND', { status: 503, code: 'STORAGE_UNAVAILABLE', why: 'S3 storage did not answer (an outage): the upload is kept; retry the HEAD, then PATCH from its offset.' }],
        bodiless: true,
      }),
      patch: operation({
        operationId: 'appendUpload',
        summary: 'tus: append bytes at Upload-Offset',
        description:
          'The first bytes (at offset 0) must be the container the upload declared (EBML for webm, `ftyp` for mp4, `OggS` for ogg), else 415 and nothing is stored. ' +
          'Bytes of a committed answer are frozen (409).',
        tag: 'Uploads (tus)',
        auth: 'sessionToken',
        parameters: [uploadId, paramRef('TusResumable'), paramRef('UploadOffset'), paramRef('UploadLengthOnPatch')],
        requestBody: { required: true, content: { 'application/offset+octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        responses: { 204: emptyResponse('Stored.', ['Tus-Resumable', 'Upload-Offset']) },
        errors: [
          ...tusCommon,
          TUS_PATCH_LENGTH,
          { status: 400, code: 'BAD_REQUEST', why: 'The `Upload-Offset` header is missing.' },
          'UPLOAD_NOT_FOUND', 'UPLOAD_OFFSET_CONFLICT', 'ANSWER_ALREADY_COMMITTED',
          { status: 403, code: 'CONSENT_REQUIRED', why: 'The session has no recording consent (every PATCH checks it).' },
          { status: 403, code: 'SESSION_CLOSED', why: 'The session is completed: it accepts no more bytes, even for uploads it never committed.' },
          { status: 413, code: 'UPLOAD_TOO_LARGE', why: "The bytes would exceed the declared length or the answer's cap." },
          { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', why: 'The Content-Type is not `application/offset+octet-stream`, or the first bytes are not the declared container.' },
          { status: 503, code: 'STORAGE_UNAVAILABLE', why: 'S3 storage did not answer (an outage): the upload is kept; retry the HEAD, then PATCH from its offset.' },
        ],
      }),
      delete: operation({
        operationId: 'deleteUpload',
        summary: 'tus termination: discard an upload that is not part of a committed answer',
        tag: 'Uploads (tus)',
        auth: 'sessionToken',
        parameters: [uploadId, paramRef('TusResumable')],
        responses: { 204: emptyResponse('Deleted.', ['Tus-Resumable']) },
        errors: [...tusCommon, 'UPLOAD_NOT_FOUND', 'ANSWER_ALREADY_COMMITTED'],
      }),
    },
  };
}

function atsPaths() {
  const sessionId = pathParam('id', 'Session id (`ses_` + 32 hex digits).');
  return {
    '/v1/interviews': {
      post: operation({
        operationId: 'createInterview',
        summary: 'Create an interview (questions, notice, retention)',
        tag: 'ATS',
        auth: 'apiKey',
        requestBody: jsonBody('InterviewInput'),
        responses: { 201: jsonResponse('Created, with every default filled in.', 'Interview') },
        errors: [...JSON_BODY, 'VALIDATION_FAILED', 'RETENTION_OUT_OF_BOUNDS', 'JURISDICTION_CONFLICT', 'NOTICE_INCOMPLETE', ...API_KEY],
      }),
    },
    '/v1/interviews/{id}': {
      get: operation({
        operationId: 'getInterview',
        summary: 'Read an interview',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [pathParam('id', 'Interview id (`int_` + 32 hex digits).')],
        responses: { 200: jsonResponse('The interview.', 'Interview') },
        errors: [...API_KEY, 'INTERVIEW_NOT_FOUND'],
      }),
    },
    '/v1/sessions': {
      post: operation({
        operationId: 'createSession',
        summary: 'Invite a candidate: create a session and its first widget token',
        tag: 'ATS',
        auth: 'apiKey',
        requestBody: jsonBody('SessionInput'),
        responses: { 201: jsonResponse('Created.', 'CreatedSession') },
        errors: [...JSON_BODY, 'VALIDATION_FAILED', ...API_KEY, 'INTERVIEW_NOT_FOUND'],
      }),
      get: operation({
        operationId: 'listSessions',
        summary: "List an interview's sessions, oldest first (keyset-paginated)",
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [
          queryParam('interviewId', 'The interview.', { type: 'string', minLength: 1, maxLength: 64 }, true),
          queryParam('status', 'Only sessions in this status.', ref('SessionStatus')),
          queryParam('limit', 'Page size.', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
          queryParam('cursor', '`nextCursor` of the previous page.', { type: 'string' }),
        ],
        responses: { 200: jsonResponse('One page.', 'SessionPage') },
        errors: ['VALIDATION_FAILED', ...API_KEY, 'INTERVIEW_NOT_FOUND'],
      }),
    },
    '/v1/sessions/{id}': {
      get: operation({
        operationId: 'getSession',
        summary: 'Read a session with its answers (media sizes and sha256) and consent records',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [sessionId],
        responses: { 200: jsonResponse('The session.', 'Session') },
        errors: [...API_KEY, 'SESSION_NOT_FOUND'],
      }),
    },
    '/v1/sessions/{id}/reviews': {
      post: operation({
        operationId: 'recordReview',
        summary: "Record a person's decision about the candidate, with its rationale",
        description: 'Append-only. Resolves the open human-review requests of the session and sends `review.recorded`.',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [sessionId],
        requestBody: jsonBody('ReviewInput'),
        responses: { 201: jsonResponse('The stored review.', 'ReviewResult') },
        errors: [...JSON_BODY, 'VALIDATION_FAILED', ...API_KEY, 'SESSION_NOT_FOUND', 'SESSION_ERASED'],
      }),
    },
    '/v1/sessions/{id}/token': {
      post: operation({
        operationId: 'issueSessionToken',
        summary: 'Issue a fresh widget token for an existing session (the candidate resumes)',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [sessionId],
        responses: { 201: jsonResponse('A new token.', 'CreatedSession') },
        errors: [...JSON_BODY, ...API_KEY, 'SESSION_NOT_FOUND', 'SESSION_EXPIRED', 'SESSION_ERASED', 'SESSION_WITHDRAWN'],
      }),
    },
    '/v1/sessions/{id}/media/{answerId}': {
      get: operation({
        operationId: 'getAnswerMedia',
        summary: "Download one track of a committed answer (range requests supported)",
        description: 'Serves a single `Range: bytes=…` range (206) or the whole file (200). HEAD answers the same headers without the body.',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [
          sessionId,
          pathParam('answerId', 'Answer id (`ans_` + 32 hex digits).'),
          queryParam('track', 'Which track.', { type: 'string', enum: ['video', 'audio'], default: 'video' }),
          queryParam('rendition', 'A rendition made by the pipeline instead of the original: `mp4` (H.264/AAC, plays everywhere), `webm` (seekable copy), `hls` (a VOD playlist for hls.js or native HLS, video answers only) or `fmp4` (the fragmented mp4 whose byte ranges the `hls` playlist names, as the relative URL `?rendition=fmp4`).', { type: 'string' }),
          { name: 'Range', in: 'header', required: false, description: 'One range, `bytes=start-end`, `bytes=start-` or `bytes=-suffix`.', schema: { type: 'string' } },
        ],
        responses: {
          200: { description: 'The whole file.', headers: headerRefs('X-Request-Id', 'Accept-Ranges', 'ETag', 'Cache-Control', ...STORED_FILE_HEADERS), content: mediaContent() },
          206: { description: 'The requested range.', headers: headerRefs('X-Request-Id', 'Accept-Ranges', 'Content-Range', 'ETag', 'Cache-Control', ...STORED_FILE_HEADERS), content: mediaContent() },
          416: emptyResponse('The range starts beyond the end of the file (empty body).', ['Content-Range', 'Accept-Ranges']),
        },
        errors: [{ status: 400, code: 'VALIDATION_FAILED', why: '`track` must be `video` or `audio`.' }, ...API_KEY, 'SESSION_NOT_FOUND', 'ANSWER_NOT_FOUND', 'RENDITION_NOT_FOUND', 'DATA_KEY_DESTROYED', 'SESSION_RESTRICTED'],
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Webhooks: the delivery log (paths) and the signed requests Candid sends (OpenAPI 3.1 `webhooks`)
// ---------------------------------------------------------------------------------------------

function webhookSchemas(): Record<string, Schema> {
  return {
    WebhookEventType: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] },
    WebhookDeliveryStatus: {
      type: 'string',
      enum: ['pending', 'delivered', 'failed'],
      description: '`pending` while attempts remain, `delivered` after a 2xx, `failed` when retries ran out (or no webhook URL was configured).',
    },
    WebhookPayload: object(
      {
        type: ref('WebhookEventType'),
        timestamp: dateTime('When the event happened (the attempt time is the `webhook-timestamp` header).'),
        data: { type: 'object', description: 'The event\'s fields: ids and statuses (see docs/webhooks.md), never names, e-mail addresses or media.' },
      },
      { description: 'The JSON body of every webhook, signed per Standard Webhooks.' },
    ),
    WebhookAttempt: object({
      attemptedAt: dateTime(),
      statusCode: nullable(integer(100, 599, { description: "The receiver's HTTP status; null when no response arrived." })),
      error: nullable(string({ description: 'Why the attempt failed (null on 2xx).' })),
      durationMs: nullable({ type: 'integer', minimum: 0 }),
    }),
    WebhookDelivery: object({
      id: id('dlv'),
      eventId: id('msg', 'Sent as `webhook-id`: the same on every attempt and every replay; dedupe on it.'),
      eventType: ref('WebhookEventType'),
      sessionId: nullable(string()),
      url: nullable(string({ description: 'Where it was sent (password hidden); null when no webhook URL was configured.' })),
      status: ref('WebhookDeliveryStatus'),
      attemptCount: { type: 'integer', minimum: 0 },
      lastStatusCode: nullable(integer(100, 599)),
      lastError: nullable(string()),
      nextAttemptAt: nullable(dateTime('While pending: the earliest time of the next attempt (the queue adds up to 100% jitter).')),
      deliveredAt: nullable(dateTime()),
      createdAt: dateTime(),
      payload: ref('WebhookPayload'),
      attempts: array(ref('WebhookAttempt'), { description: 'Every attempt, oldest first.' }),
    }),
    WebhookDeliveryPage: object({
      deliveries: array(ref('WebhookDelivery'), { description: 'Newest first.' }),
      nextCursor: nullable(string({ description: 'Pass back as `cursor` for the next page; null on the last page.' })),
    }),
  };
}

function webhookPaths() {
  return {
    '/v1/webhooks/deliveries': {
      get: operation({
        operationId: 'listWebhookDeliveries',
        summary: 'List webhook deliveries with every attempt, newest first (keyset-paginated)',
        tag: 'Webhooks',
        auth: 'apiKey',
        parameters: [
          queryParam('status', 'Only deliveries in this status.', ref('WebhookDeliveryStatus')),
          queryParam('sessionId', 'Only events about this session.', { type: 'string', minLength: 1, maxLength: 64 }),
          queryParam('eventType', 'Only events of this type.', ref('WebhookEventType')),
          queryParam('limit', 'Page size.', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
          queryParam('cursor', '`nextCursor` of the previous page.', { type: 'string' }),
        ],
        responses: { 200: jsonResponse('One page.', 'WebhookDeliveryPage') },
        errors: ['VALIDATION_FAILED', ...API_KEY],
      }),
    },
    '/v1/webhooks/deliveries/{id}/replay': {
      post: operation({
        operationId: 'replayWebhookDelivery',
        summary: "Send a delivery's event again (same webhook-id and body) as a new delivery",
        description:
          'The new delivery goes to the currently configured URL, signed afresh, with the usual retries. No body is needed. ' +
          'Receivers that dedupe on `webhook-id` will treat it as the event they may already have.',
        tag: 'Webhooks',
        auth: 'apiKey',
        parameters: [pathParam('id', 'Delivery id (`dlv_` + 32 hex digits).')],
        responses: { 202: jsonResponse('Queued: the new delivery.', 'WebhookDelivery') },
        errors: [...JSON_BODY, ...API_KEY, 'WEBHOOK_DELIVERY_NOT_FOUND', 'WEBHOOK_NOT_CONFIGURED'],
      }),
    },
  };
}

/** One entry per event type: the signed POST Candid sends to `CANDID_WEBHOOK_URL`. */
function outgoingWebhooks() {
  const headerParam = (name: string, description: string, example: string) => ({ name, in: 'header', required: true, description, schema: string(), example });
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          summary: `\`${type}\` (Standard Webhooks, signed)`,
          tags: ['Webhooks'],
          parameters: [
            headerParam('webhook-id', 'The event id; the same on every retry and replay: dedupe on it.', 'msg_2f0c3e5a9b7d4c1e8f6a0b3c5d7e9f1a'),
            headerParam('webhook-timestamp', 'Unix seconds when this attempt was signed; refuse it beyond ±5 minutes.', '1795426429'),
            headerParam(
              'webhook-signature',
              '`v1,` + base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<raw body>` keyed with the base64-decoded part of the `whsec_` secret; space-separated when several.',
              'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
            ),
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('WebhookPayload'), example: { type, timestamp: '2026-11-23T09:32:57.906Z', data: { sessionId: 'ses_5b1f0c3e5a9b7d4c1e8f6a0b3c5d7e9f' } } } },
          },
          responses: {
            '2XX': { description: 'Received. Any 2xx within 10 s ends the delivery; anything else (or a redirect, or a timeout) is retried with backoff.' },
          },
        },
      },
    ]),
  );
}

function mediaContent() {
  const binary = { type: 'string', contentMediaType: 'application/octet-stream' };
  return Object.fromEntries(['video/webm', 'video/mp4', 'audio/webm', 'audio/mp4', 'audio/ogg'].map((type) => [type, { schema: binary }]));
}

function metaPaths() {
  return {
    '/v1/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        tags: ['Meta'],
        security: [],
        responses: { 200: { description: 'The API in OpenAPI 3.1.', headers: headerRefs('X-Request-Id'), content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Data rights: export, erasure, restriction, legal hold, audit log, jurisdiction policy
// ---------------------------------------------------------------------------------------------

function rightsSchemas(): Record<string, Schema> {
  const bounds = object({ min: { type: 'integer', minimum: 1 }, max: { type: 'integer', minimum: 1 } }, { description: 'Days: a floor (record-keeping duty) and a ceiling (minimization).' });
  return {
    JurisdictionId: { type: 'string', enum: [...JURISDICTION_IDS], description: 'A jurisdiction pack (`src/compliance/packs.ts`).' },
    ResolvedPolicy: object(
      {
        jurisdictions: array(object({ id: ref('JurisdictionId'), version: string() })),
        requiredNotice: array(string({ pattern: '^C[0-9]{1,2}$' }), { description: 'Notice items the consent screen must show (compliance.md §2.1, C1–C16).' }),
        consentGates: array({ type: 'string', enum: ['aiEvaluation', 'recording'] }, { description: 'Choices with their own unticked box; declining blocks that processing.' }),
        scoringDelayBusinessDays: { type: 'integer', minimum: 0, description: 'Scoring waits this long after the notice was delivered (NYC: 10).' },
        automatedDecisionAllowed: boolean('False when any pack forbids decisions by the AI alone (GDPR Art. 22). Candid never decides alone by default.'),
        retention: object({ mediaDays: bounds, evaluationDays: bounds, incompleteUploadDays: bounds }),
        minimumAge: integer(13, 21),
        erasureDeadlineDays: { type: 'integer', minimum: 1 },
        accessDeadlineDays: { type: 'integer', minimum: 1 },
      },
      { description: "The combined rules of the interview's jurisdictions; the strictest wins." },
    ),
    ReceiptItem: object(
      {
        system: string({ description: '`storage:disk`, `storage:s3`, `database`, `jobs`, `webhooks`, `keys`, `ai-provider`.' }),
        what: string(),
        count: { type: 'integer', minimum: 0 },
        result: { type: 'string', enum: ['deleted', 'failed', 'none'] },
        error: string(),
      },
      { optional: ['count', 'error'] },
    ),
    ErasureReceipt: object(
      {
        id: id('rcp'),
        sessionId: id('ses'),
        interviewId: nullable(string()),
        kind: { type: 'string', enum: ['erasure', 'retention'] },
        dataTypes: array(string()),
        actor: object({ type: string(), id: nullable(string()) }),
        reason: nullable({ type: 'string', enum: [...ERASURE_REASON_CODES], description: 'The reason as a code: the text given when it is exactly a code, else `other` (free text is not kept: it may be personal data).' }),
        reasonDigest: nullable(string({ description: 'For `other`: a keyed digest of the text given, so it can be matched later without being kept.' })),
        items: array(ref('ReceiptItem'), { description: 'Each deletion, where, and its result.' }),
        kept: array(string(), { description: 'What is kept on purpose (the consent record, this receipt…).' }),
        createdAt: dateTime(),
      },
      { description: 'What was deleted where, and when: kept as proof (immutable).' },
    ),
    ErasureResult: object({ receipt: ref('ErasureReceipt') }),
    ErasureReceipts: object({ receipts: array(ref('ErasureReceipt')) }),
    ErasureRequest: object(
      { candidateExternalId: text(200), interviewId: text(64), reason: text(2000) },
      { optional: ['candidateExternalId', 'interviewId', 'reason'], closed: true, description: 'Exactly one of `candidateExternalId` and `interviewId`.' },
    ),
    RestrictionInput: object(
      { kind: { type: 'string', enum: ['restrict', 'object'], default: 'restrict' }, reason: text(2000) },
      { optional: ['kind'], closed: true, description: '`restrict` (GDPR Art. 18) or `object` (Art. 21), with the recorded reason.' },
    ),
    ReasonInput: object({ reason: text(2000) }, { closed: true, description: 'The recorded reason.' }),
    RightsState: object({
      sessionId: id('ses'),
      restriction: nullable({ type: 'string', enum: ['restricted', 'objected'] }),
      restrictionReason: nullable(string()),
      restrictedAt: nullable(dateTime()),
      legalHold: nullable(object({ reason: string(), since: dateTime() })),
    }),
    AuditRecord: object(
      {
        seq: { type: 'integer', minimum: 1 },
        id: string({ pattern: '^aud_[0-9a-f]{32}$' }),
        at: dateTime(),
        actorType: { type: 'string', enum: ['candidate', 'ats', 'reviewer', 'system'] },
        actorId: nullable(string({ description: 'Session id (candidate), `key_…` API key id (ATS), or a system component.' })),
        action: string(),
        objectType: string(),
        objectId: nullable(string()),
        sessionId: nullable(string()),
        requestId: nullable(string()),
        detail: { type: 'object', description: 'Ids, counts, versions, statuses: never content.' },
        prevHash: sha256("The previous row's hash (64 zeros for the first row)."),
        hash: sha256('sha256(prevHash + canonical JSON of the other fields).'),
      },
      { description: 'One line of the audit log export.' },
    ),
  };
}

function rightsPaths() {
  const sessionId = pathParam('id', 'Session id (`ses_` + 32 hex digits).');
  const post = (operationId: string, summary: string, description: string, body: string, errors: ErrorSpec[]) => ({
    post: operation({
      operationId,
      summary,
      description,
      tag: 'ATS',
      auth: 'apiKey',
      parameters: [sessionId],
      requestBody: jsonBody(body),
      responses: { 200: jsonResponse("The session's restriction and legal-hold state.", 'RightsState') },
      errors: [...JSON_BODY, 'VALIDATION_FAILED', ...API_KEY, 'SESSION_NOT_FOUND', ...errors],
    }),
  });
  return {
    '/v1/sessions/{id}': {
      delete: operation({
        operationId: 'eraseSession',
        summary: 'Erase a session (right to erasure)',
        description:
          'Marks the session erased (its tokens die at once), deletes its media in storage (uploads, unfinished multipart parts, renditions), transcripts, scores, ' +
          'answers, requests, reviews, queued jobs and webhook bodies, destroys its data key, and keeps only the consent record and the receipt. Sends `session.erased`. ' +
          'Repeating it returns the first receipt. Refused under a legal hold.',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [sessionId, queryParam('reason', `Why: one of ${ERASURE_REASON_CODES.map((c) => `\`${c}\``).join(', ')} (kept on the receipt), or free text (the receipt keeps \`other\` and a keyed digest).`, { type: 'string', maxLength: 2000 })],
        responses: { 200: jsonResponse('The erasure receipt.', 'ErasureResult') },
        errors: ['VALIDATION_FAILED', ...API_KEY, 'SESSION_NOT_FOUND', 'LEGAL_HOLD_ACTIVE', 'ERASURE_INCOMPLETE'],
      }),
    },
    '/v1/sessions/{id}/export': {
      get: operation({
        operationId: 'exportSession',
        summary: 'Export everything held about a session (access, portability)',
        description:
          'A ustar archive, streamed: `media/<answerId>-<track>.<ext>` (originals), `renditions/<answerId>.<kind>`, and last `export.json` (candidate, consent records, ' +
          'answers and transcripts, evaluation with scores, evidence and versions, requests, reviews, webhook deliveries, audit extract, receipts, and each file with its sha256).',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [sessionId],
        responses: {
          200: {
            description: 'The archive (`Content-Disposition: attachment; filename="candid-export-<id>.tar"`).',
            headers: headerRefs('X-Request-Id', 'Cache-Control', ...STORED_FILE_HEADERS),
            content: { 'application/x-tar': { schema: { type: 'string', contentMediaType: 'application/x-tar' } } },
          },
        },
        errors: [...API_KEY, 'SESSION_NOT_FOUND'],
      }),
    },
    '/v1/sessions/{id}/receipts': {
      get: operation({
        operationId: 'listErasureReceipts',
        summary: 'Erasure and retention receipts of a session',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [sessionId],
        responses: { 200: jsonResponse('Oldest first.', 'ErasureReceipts') },
        errors: [...API_KEY, 'SESSION_NOT_FOUND'],
      }),
    },
    '/v1/erasures': {
      post: operation({
        operationId: 'eraseMany',
        summary: "Erase every session of a candidate (the ATS's external id) or of an interview",
        description: 'Nothing is erased when any of the sessions is under a legal hold.',
        tag: 'ATS',
        auth: 'apiKey',
        requestBody: jsonBody('ErasureRequest'),
        responses: { 200: jsonResponse('One receipt per session.', 'ErasureReceipts') },
        errors: [...JSON_BODY, 'VALIDATION_FAILED', ...API_KEY, 'INTERVIEW_NOT_FOUND', 'LEGAL_HOLD_ACTIVE', 'ERASURE_INCOMPLETE'],
      }),
    },
    '/v1/sessions/{id}/restrict': post(
      'restrictSession',
      'Restrict processing, or record an objection',
      'The data is kept but not scored (queued AI steps end without scoring) and not shared (media downloads refused, no webhooks but `restriction.changed`).',
      'RestrictionInput',
      ['SESSION_ERASED'],
    ),
    '/v1/sessions/{id}/restrict/lift': post('liftRestriction', 'Lift a restriction or objection', 'Steps skipped because of it run again. Sends `restriction.changed`.', 'ReasonInput', [
      'SESSION_ERASED',
      'INVALID_STATE',
    ]),
    '/v1/sessions/{id}/legal-hold': post('placeLegalHold', 'Place a legal hold (with its reason)', 'Blocks erasure and retention deletion until released.', 'ReasonInput', ['SESSION_ERASED']),
    '/v1/sessions/{id}/legal-hold/release': post('releaseLegalHold', 'Release a legal hold (with its reason)', 'Erasure and retention apply again.', 'ReasonInput', ['INVALID_STATE']),
    '/v1/audit': {
      get: operation({
        operationId: 'exportAuditLog',
        summary: 'The audit log for a period, as JSON lines',
        description: 'One `AuditRecord` per line, oldest first, with `from <= at < to`. Verify the chain offline with `candid audit verify`.',
        tag: 'ATS',
        auth: 'apiKey',
        parameters: [
          queryParam('from', 'Inclusive start (ISO 8601 date, or date-time with `Z` or an offset; 1970 to 9999).', { type: 'string' }),
          queryParam('to', 'Exclusive end (ISO 8601 date, or date-time with `Z` or an offset; 1970 to 9999).', { type: 'string' }),
        ],
        responses: {
          200: {
            description: 'JSON lines of `AuditRecord`, as an attachment (`candid-audit-<from>-<to>.ndjson`).',
            headers: headerRefs('X-Request-Id', 'Cache-Control', ...STORED_FILE_HEADERS),
            content: { 'application/x-ndjson': { schema: { type: 'string', description: 'One `AuditRecord` (see components) per line.' } } },
          },
        },
        errors: ['VALIDATION_FAILED', ...API_KEY],
      }),
    },
  };
}

/** Path items from several groups; one path may gather methods from more than one. */
function mergePaths(...groups: Array<Record<string, Record<string, unknown>>>): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const group of groups) for (const [path, item] of Object.entries(group)) merged[path] = { ...merged[path], ...item };
  return merged;
}

/** The OpenAPI 3.1 document of every route the router serves. */
export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Candid API',
      version: VERSION,
      description:
        'One-way video interviews. Candidate-side routes take a session token (`Authorization: Bearer <token>`), ATS-side routes an API key. ' +
        'Every error is JSON `{ "error": { "code", "message" } }` with a stable `code`. Paths are relative to where the router is mounted. ' +
        'Every response carries `X-Content-Type-Options: nosniff`. Failed authentication (a wrong API key, an invalid session token) is throttled per client ' +
        'address: past `authFailuresPerMinute` (default 20) its requests get 429 `AUTH_THROTTLED` with `Retry-After`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '..', description: 'The mount path of the Candid router (this document is served at `<mount>/v1/openapi.json`).' }],
    tags: [
      { name: 'Candidate', description: 'Called by the widget with a session token.' },
      { name: 'Uploads (tus)', description: 'tus 1.0 resumable uploads (creation, creation-defer-length, termination), bound to the session.' },
      { name: 'ATS', description: 'Called by the ATS backend with an API key.' },
      { name: 'Webhooks', description: 'The log of signed webhook deliveries (API key); the events themselves are under `webhooks`.' },
      { name: 'Meta', description: 'About the API itself.' },
    ],
    paths: mergePaths(candidatePaths(), uploadPaths(), atsPaths(), rightsPaths(), webhookPaths(), metaPaths()),
    webhooks: outgoingWebhooks(),
    components: {
      securitySchemes: {
        sessionToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A session token from `POST /v1/sessions` or `POST /v1/sessions/{id}/token`.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'One of the configured API keys (`CANDID_API_KEYS`).' },
      },
      schemas: { ...schemas(), ...webhookSchemas(), ...rightsSchemas() },
      parameters: PARAMETERS,
      headers: HEADERS,
    },
  };
}
