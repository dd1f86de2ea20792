/**
 * Every user-facing string of the widget (English). Override any subset through the element's
 * `messages` property. Strings marked "screen readers" are announced but not shown.
 */

import { formatters } from '../i18n/format.js';

/** Locale-aware numbers and plurals: `f.plural(n, { one: '# answer', other: '# answers' })`. */
const f = formatters('en');
const days = (n: number): string => f.plural(n, { one: '# day', other: '# days' });
const formatSeconds = f.clock;
/** Megabytes, with two decimals below 1 MB (a short take is not "0.0 of 0.0"). */
const mb = (bytes: number): string => f.fixed(bytes / 1_000_000, bytes < 1_000_000 ? 2 : 1);
const mbps = (bitsPerSecond: number): string => f.fixed(bitsPerSecond / 1_000_000, bitsPerSecond >= 10_000_000 ? 0 : 1);

/** Browsers the permission help has instructions for (see `helpBrowser()`). */
export type HelpBrowser = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';

export const en = {
  loading: 'Loading your interview…',

  // ---- header and welcome -----------------------------------------------------------------------
  /** Header before the first question: how many questions, about how long. */
  headerSummary: (questions: number, minutes: number) =>
    `${f.plural(questions, { one: '# question', other: '# questions' })} · about ${f.num(minutes)} min`,
  welcomeTitle: (employer: string | null, role: string) =>
    employer && role ? `${employer} invites you to a video interview for ${role}` : employer ? `${employer} invites you to a video interview` : role ? `Video interview: ${role}` : 'Your video interview',
  summaryQuestions: (n: number) => f.plural(n, { one: '# question', other: '# questions' }),
  summaryMinutes: (minutes: number) => f.plural(minutes, { one: 'About # minute', other: 'About # minutes' }),
  summaryThink: (seconds: number) => (seconds > 0 ? `Up to ${seconds < 60 ? f.plural(seconds, { one: '# second', other: '# seconds' }) : formatSeconds(seconds)} to think before each answer` : 'You start each recording when you are ready'),
  summaryRetakes: (n: number) => (n === 0 ? 'No retakes' : f.plural(n, { one: '# retake per question', other: '# retakes per question' })),
  restoredNote: 'Welcome back: we restored your progress, and you continue where you left off.',

  consentTitle: 'Before you start',
  consentIntro:
    'This interview records video and audio of your answers. Please read the notice below and choose what you agree to. Nothing is recorded until you agree.',
  consentChoicesLegend: 'Your choices',
  consentRecording:
    'I agree that my video and audio answers are recorded and shared with the employer for this application (required for the video interview).',
  consentAiEvaluation:
    'I agree that my answers are transcribed and evaluated with the help of AI; a person reviews every evaluation (optional).',
  consentProductImprovement: 'My recordings may be used to improve the product (optional).',
  consentAge: (minimumAge: number) => `I confirm that I am at least ${f.num(minimumAge)} years old.`,
  consentAgree: 'I agree',
  consentDecline: 'Decline',
  consentRequiredHint:
    'To continue, tick the recording box and confirm your age. If you do not want to be recorded, choose Decline or ask for another way to apply.',
  consentAlternative: 'Ask for another format or an accommodation',
  noticeLabel: 'Privacy notice',
  /** Headings of the notice items (compliance.md §2.1): Candid's own sections and the employer's. */
  noticeHeadings: {
    C1: 'Who is asking',
    C2: 'Use of AI',
    C3: 'How the evaluation works',
    C4: 'What is evaluated',
    C5: 'What the AI does not do',
    C6: 'A person decides',
    C7: 'Why your data is used',
    C8: 'Who receives your data',
    C9: 'How long your data is kept',
    C10: 'Your rights',
    C11: 'Another format, an accommodation or more time',
    C12: 'Bias audit',
    C13: 'Do you have to take part?',
  },
  /** Candid's standard text for the items it knows the facts of (the employer's sections follow it). */
  noticeStandard: {
    C2: 'If you tick the AI evaluation box below, AI may analyze your recorded answers to help assess your fitness for this role. If you do not, people review your answers without AI.',
    C3: 'Only the sound of your answers is used: it is turned into a written transcript, and the transcript is compared with what the employer looks for in each question. The video images are not analyzed.',
    C5: 'The AI does not analyze your face, facial expressions, emotions or the characteristics of your voice, and it is not used to identify you.',
    C6: 'An AI score is only a recommendation. A person at the employer reviews your answers and makes every decision about your application.',
    C10: 'You can ask to see, correct, export or delete your data, to restrict or object to its use, to have a person review your answers instead of AI, and for an explanation of a result. You can withdraw your consent at any time with the “Withdraw consent” button, and you can complain to a data protection authority.',
    C11: 'You can ask for another way to apply, an accommodation or more time at any moment, with the button below or during the interview.',
  },
  noticeRetention: (mediaDays: number, evaluationDays: number) =>
    `Your recordings are deleted after ${days(mediaDays)}; transcripts and evaluations after ${days(evaluationDays)}.`,
  /** Labels the competencies of one question in the "What is evaluated" section. */
  noticeQuestion: (n: number) => `Question ${f.num(n)}`,

  declinedTitle: 'You declined the video interview',
  declinedBody: 'Nothing was recorded. Please contact the employer to ask for another way to apply.',

  permissionTitle: 'Camera and microphone',
  permissionBody: 'Please allow access to your camera and microphone when your browser asks.',
  permissionBodyAudio: 'Please allow access to your microphone when your browser asks.',

  checkTitle: 'Check your camera and microphone',
  checkIntro: 'Make sure you can see yourself, and that the level moves when you speak.',
  checkIntroAudio: 'Your answers are recorded as audio only. Make sure the level moves when you speak.',
  cameraLabel: 'Camera',
  microphoneLabel: 'Microphone',
  deviceFallbackLabel: (kind: string, n: number) => `${kind} ${f.num(n)}`,
  flipCamera: 'Switch between front and back camera',
  micLevelLabel: 'Microphone level',
  micSilent: 'We cannot hear you yet. Say a few words; if the level does not move, choose another microphone.',
  deviceSwitchFailed: 'That device could not be started, so the previous one is still in use.',
  connectionChecking: 'Checking your connection…',
  connectionGood: (bitsPerSecond: number) => `Your connection (${mbps(bitsPerSecond)} Mbit/s) is fast enough for your answers.`,
  connectionSlow: (bitsPerSecond: number, required: number) =>
    `Your connection (${mbps(bitsPerSecond)} Mbit/s) is slower than the recording (${mbps(required)} Mbit/s). You can still continue: each answer is saved on this device and finishes uploading after you stop. Please keep this page open until it says your answer is saved.`,
  connectionFailed:
    'We could not check your connection. You can continue: your answers are saved on this device until they are uploaded.',
  continue: 'Continue',

  resumingTitle: 'Saving your earlier answer…',
  resumingBody: 'Your last visit ended before everything was uploaded. We are finishing it now.',
  interruptedTitle: 'Your recording was interrupted',
  interruptedBody: (seconds: number) =>
    `We saved ${formatSeconds(seconds)} of your answer to this question before the recording was interrupted.`,
  interruptedChoice: 'You can keep it as your answer, or record the question again.',
  interruptedNoRetake: 'You have no retakes left for this question, so this recording will be your answer.',
  unsubmittedTitle: 'Your answer was not submitted yet',
  unsubmittedBody: (seconds: number) =>
    `You recorded ${formatSeconds(seconds)} for this question, but the page closed before you submitted it.`,
  unsubmittedChoice: 'You can watch it, then submit it as your answer or record the question again.',
  unsubmittedNoRetake: 'You have no retakes left for this question: you can watch this recording, then submit it.',
  keepRecording: 'Keep this recording',
  recordAgain: 'Record again',

  offline: 'You are offline. You can keep going: your recording is saved on this device and uploads when you are back online.',
  reconnecting: 'Connection problem: retrying. Your recording is safe on this device.',
  noLocalCopy: 'Note: this browser does not let us keep a copy on your device, so please keep this page open until your answers are saved.',

  previewLabel: 'Your camera preview',
  questionOf: (n: number, total: number) => `Question ${f.num(n)} of ${f.num(total)}`,
  answerLimit: (seconds: number | null) =>
    seconds === null ? 'There is no time limit for this answer.' : `You have up to ${formatSeconds(seconds)} to answer.`,
  record: 'Record answer',
  stop: 'Stop recording',
  recordingTime: (elapsedSeconds: number, limitSeconds: number | null) =>
    limitSeconds === null
      ? `Recording ${formatSeconds(elapsedSeconds)}`
      : `Recording ${formatSeconds(elapsedSeconds)} of ${formatSeconds(limitSeconds)}`,
  /** Screen readers: announced when recording starts. */
  announceRecordingStarted: 'Recording started.',
  /** Screen readers: announced when recording stops. */
  announceRecordingStopped: 'Recording stopped. Saving your answer.',
  /** The recording indicator (shown with the elapsed time). */
  recLabel: 'REC',
  /** A duration as m:ss. */
  clock: (seconds: number) => formatSeconds(seconds),
  /** Label of the question shown over the full-screen recording on phones. */
  questionLabel: 'Question',
  audioOnlyStage: 'Recording audio only',
  /** Screen readers: the last seconds of think time, before recording starts by itself. */
  announceStartingSoon: 'Recording starts in 3 seconds.',
  uploadDone: 'Uploaded',
  savingAnswer: 'Saving your answer…',
  submitting: 'Submitting your interview…',
  uploadProgress: (sent: number, total: number) => `Uploaded ${mb(sent)} of ${mb(total)} MB`,
  overallProgress: (saved: number, total: number) =>
    f.plural(total, { one: `${f.num(saved)} of # answer saved`, other: `${f.num(saved)} of # answers saved` }),
  /** Screen readers: label of the overall progress bar. */
  overallProgressLabel: 'Interview progress',

  fileIntro:
    'This browser cannot record here. Record your answer with your camera app, then upload the video.',
  fileChoose: 'Record or choose a video',

  doneTitle: 'Thank you!',
  doneSent: (employer: string | null) => (employer ? `Your answers were sent to ${employer}.` : 'Your answers were sent to the employer.'),
  doneNext: (employer: string | null) =>
    `${employer ?? 'The employer'} will review your answers and contact you about the next steps. A person makes every decision.`,
  doneContact: (email: string | null) => (email ? `Questions? Write to ${email}` : 'Questions? Contact the employer'),
  doneRights: 'You can ask to see, export or delete your data at any time.',
  privacyLink: 'How your data is handled',
  doneClose: 'You can close this page now.',

  errorTitle: 'Something went wrong',
  retry: 'Try again',
  /** Friendly texts per error code; unknown codes show the error's own message. */
  errors: {
    ASSETS_UNAVAILABLE: 'Part of the interview could not be loaded. Check your connection and try again.',
    MISSING_ATTRIBUTES: 'This interview link is incomplete.',
    NETWORK_ERROR: 'We could not reach the interview server. Check your connection and try again.',
    SESSION_TOKEN_INVALID: 'This interview link is not valid.',
    SESSION_TOKEN_EXPIRED: 'This interview link has expired. Please ask the employer for a new one.',
    INSECURE_CONTEXT: 'The camera is only available on secure (https) pages.',
    CAMERA_PERMISSION_DENIED:
      'Camera or microphone access was blocked. Allow access in your browser settings, then try again.',
    CAMERA_NOT_FOUND: 'No camera or microphone was found. Connect one and try again.',
    CAMERA_IN_USE: 'Your camera or microphone is being used by another application. Close it and try again.',
    RECORDING_UNSUPPORTED: 'This browser cannot record video. Please use a current version of Chrome, Edge, Firefox or Safari.',
    UPLOAD_FAILED: 'Your answer could not be uploaded. Check your connection and try again.',
    UNSUPPORTED_MEDIA_TYPE: 'That file is not a video we can accept. Please record or choose an MP4 or WebM video.',
    UPLOAD_TOO_LARGE: 'That recording is longer than this question allows. Please record a shorter answer.',
    SERVER_ERROR: 'The interview server had a problem. Please try again in a moment.',
    BAD_RESPONSE: 'The interview server sent an answer we could not read. Please try again.',
    CONSENT_REQUIRED: 'Your consent is needed before anything is recorded. Please reload the page.',
    CAMERA_FAILED: 'The camera or microphone stopped working. Check it and try again.',
    RECORDING_FAILED: 'The recording failed. Please try again.',
    UPLOAD_OFFSET_LOST: 'The upload of your answer got out of step with the server. Please try again.',
    UPLOAD_INCOMPLETE: 'Your answer has not finished uploading. Keep this page open and try again.',
  } as Record<string, string>,

  /** Help for camera and microphone problems, shown with a "Try again" button. */
  helpTitle: {
    CAMERA_PERMISSION_DENIED: 'Allow your camera and microphone',
    CAMERA_NOT_FOUND: 'No camera or microphone found',
    CAMERA_IN_USE: 'Your camera or microphone is busy',
    INSECURE_CONTEXT: 'This page is not secure',
  } as Record<string, string>,
  helpPermission: {
    chrome:
      'Click the camera icon (or the settings icon) at the left end of the address bar, set Camera and Microphone to "Allow", then click Try again.',
    edge: 'Click the lock icon at the left end of the address bar, choose "Permissions for this site", set Camera and Microphone to "Allow", then click Try again.',
    firefox:
      'Click the crossed-out camera icon in the address bar and clear the "Blocked" camera and microphone permissions. Then click Try again and choose Allow.',
    safari:
      'On a Mac: choose Safari > Settings for this website and set Camera and Microphone to "Allow". On iPhone or iPad: tap "aA" in the address bar > Website Settings. Then click Try again.',
    other: "Open your browser's settings for this website, allow the camera and microphone, then click Try again.",
  } as Record<HelpBrowser, string>,
  helpPermissionSystem:
    'Still blocked? Your computer may not allow this browser to use the camera: on a Mac see System Settings > Privacy & Security > Camera, on Windows Settings > Privacy > Camera.',
  helpNotFound: 'Connect a camera and microphone (or turn them on in your system settings), then click Try again.',
  helpNotFoundAudio: 'Connect a microphone (or turn it on in your system settings), then click Try again.',
  helpInUse:
    'Another application or browser tab is using your camera or microphone, for example a video call. Close it, then click Try again.',
  helpInsecure:
    'Browsers only allow the camera on secure (https) pages. Please tell the employer: the interview must be opened from an https address.',

  // ---- interview flow: intro, practice, think time, review, time limit --------------------------
  introTitle: 'How this interview works',
  introBody: (questions: number) =>
    f.plural(questions, {
      one: 'There is # question. You will see it, get a moment to think, then record your answer.',
      other: 'There are # questions. For each one you see the question, get a moment to think, then record your answer.',
    }),
  introReview: 'After each answer you can watch it, and record it again while you have retakes left.',
  introResume: (answered: number, total: number) =>
    f.plural(total, {
      one: `You have already answered ${f.num(answered)} of # question. You will continue where you left off.`,
      other: `You have already answered ${f.num(answered)} of # questions. You will continue where you left off.`,
    }),
  introStepThink: 'Read the question and take a moment to think. Recording starts when you press Record, or when the think time ends.',
  introStepRecord: 'Answer while the camera records. The time left is shown on the preview; press Stop when you are done.',
  introVideoLabel: 'Welcome video',
  practiceStart: 'Try a practice question',
  practiceLabel: 'Practice question (not sent to the employer)',
  practiceDone: 'Start the interview',
  practiceAgain: 'Practise again',
  startInterview: 'Start the interview',
  thinkTime: (seconds: number) => `Recording starts in ${f.num(seconds)} s. Take a moment to think.`,
  startNow: 'Start recording now',
  promptVideoLabel: 'The question as a video',
  timeLeft: (seconds: number) => `${formatSeconds(seconds)} left`,
  timeElapsed: (seconds: number) => `Recording ${formatSeconds(seconds)}`,
  noTimeLimit: 'No time limit',
  timeWarning: (seconds: number) =>
    f.plural(seconds, {
      one: '# second left. Stop when you are done, or take more time.',
      other: '# seconds left. Stop when you are done, or take more time.',
    }),
  moreTime: 'More time (+1 min)',
  moreTimeKey: 'Press + for more time.',
  /** Screen readers: announced when time is added. */
  announceExtended: (seconds: number) => `Time extended. ${formatSeconds(seconds)} left.`,
  /** Screen readers: time milestones while recording. */
  announceTimeLeft: (seconds: number) =>
    seconds >= 60
      ? f.plural(Math.round(seconds / 60), { one: '# minute left.', other: '# minutes left.' })
      : f.plural(seconds, { one: '# second left.', other: '# seconds left.' }),
  reviewTitle: 'Review your answer',
  reviewPlaybackLabel: 'Your recorded answer',
  reviewLength: (seconds: number) => `Length ${formatSeconds(seconds)}`,
  reviewRetakesLeft: (n: number) =>
    n === 0
      ? 'No retakes left for this question.'
      : f.plural(n, { one: 'You can record this answer # more time.', other: 'You can record this answer # more times.' }),
  submitAnswer: 'Submit answer',
  /** Screen readers: announced when the answer is stored. */
  announceAnswerSaved: 'Your answer is saved.',
  /** The review screen, when the recording was cut short: why, and that recording again uses no retake. */
  interruptedNotice: (reason: 'hidden' | 'device' | 'audio') =>
    `${reason === 'hidden' ? 'Recording stopped because you left this page.' : reason === 'device' ? 'Recording stopped because the camera or microphone stopped working.' : 'Recording stopped because another app took over the sound (a call?).'} What was recorded until then is saved: submit it, or record it again. This does not use up a retake.`,
  /** The record-again button after an interruption. */
  recordAgainFree: 'Record again (does not count as a retake)',
  /** Screen readers: announced when a recording was cut short. */
  announceInterrupted: 'Recording was interrupted. What you recorded is saved. You can submit it or record again without using a retake.',
  /** Screen readers: announced when the review screen opens. */
  announceReview: 'Recording stopped. You can watch your answer, then submit it or record it again.',

  // ---- requests and withdrawal ------------------------------------------------------------------
  requestOpen: 'Ask for more time or another format',
  requestTitle: 'Ask the employer',
  requestType: 'What do you need?',
  requestTypes: {
    accommodation: 'More time or another adjustment',
    alternative_process: 'Another way to apply (for example a live interview or written answers)',
    human_review: 'A person, not AI, to evaluate my answers',
    opt_out_ai: 'No automated evaluation of my answers',
  } as Record<string, string>,
  requestMessage: 'Anything the employer should know (optional)',
  requestSend: 'Send request',
  requestCancel: 'Cancel',
  requestSent: 'Your request was sent to the employer. You can continue or wait for their answer.',
  withdrawOpen: 'Withdraw consent',
  withdrawConfirmTitle: 'Withdraw your consent?',
  withdrawConfirmBody: 'Recording stops, and your recordings for this application are deleted. This cannot be undone.',
  withdrawConfirm: 'Withdraw and delete',
  withdrawCancel: 'Keep going',
  withdrawnTitle: 'You withdrew your consent',
  withdrawnBody: 'Nothing more will be recorded, and the employer has been told to delete your recordings. You can close this page.',

  // Voice activity detection (shown only when it runs; see controllers/vad-controller.ts).
  speechCheckPrompt: 'Say a few words so we can check that we hear you.',
  speechCheckHeard: 'We can hear you.',
  noSpeechNudge: "We can't hear you yet. Is your microphone on?",
};

export type CandidMessages = typeof en;
export default en;
