/**
 * Every user-facing string of the widget (English). Override any subset through the element's
 * `messages` property. Strings marked "screen readers" are announced but not shown.
 */

const formatSeconds = (total: number): string => {
  const s = Math.max(0, Math.round(total));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
};

export const en = {
  loading: 'Loading your interview…',

  consentTitle: 'Before you start',
  consentIntro:
    'This interview records video and audio of your answers. Please read the notice below and choose what you agree to. Nothing is recorded until you agree.',
  consentChoicesLegend: 'Your choices',
  consentRecording:
    'I agree that my video and audio answers are recorded and shared with the employer for this application (required for the video interview).',
  consentAiEvaluation:
    'I agree that my answers are transcribed and evaluated with the help of AI; a person reviews every evaluation (optional).',
  consentProductImprovement: 'My recordings may be used to improve the product (optional).',
  consentAge: 'I confirm that I am at least 16 years old.',
  consentAgree: 'I agree',
  consentDecline: 'Decline',
  consentRequiredHint:
    'To continue, tick the recording box and confirm your age. If you do not want to be recorded, choose Decline.',

  declinedTitle: 'You declined the video interview',
  declinedBody: 'Nothing was recorded. Please contact the employer to ask for another way to apply.',

  permissionTitle: 'Camera and microphone',
  permissionBody: 'Please allow access to your camera and microphone when your browser asks.',

  previewLabel: 'Your camera preview',
  questionOf: (n: number, total: number) => `Question ${n} of ${total}`,
  answerLimit: (seconds: number) => `You have up to ${formatSeconds(seconds)} to answer.`,
  record: 'Record answer',
  stop: 'Stop recording',
  recordingTime: (elapsedSeconds: number, limitSeconds: number) =>
    `Recording ${formatSeconds(elapsedSeconds)} of ${formatSeconds(limitSeconds)}`,
  /** Screen readers: announced when recording starts. */
  announceRecordingStarted: 'Recording started.',
  /** Screen readers: announced when recording stops. */
  announceRecordingStopped: 'Recording stopped. Saving your answer.',
  savingAnswer: 'Saving your answer…',
  submitting: 'Submitting your interview…',

  doneTitle: 'Thank you!',
  doneBody: 'Your answers have been submitted. You can close this page.',

  errorTitle: 'Something went wrong',
  retry: 'Try again',
  /** Friendly texts per error code; unknown codes show the error's own message. */
  errors: {
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
  } as Record<string, string>,
};

export type CandidMessages = typeof en;
