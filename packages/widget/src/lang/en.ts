/**
 * Every user-facing string of the widget (English). Override any subset through the element's
 * `messages` property. Strings marked "screen readers" are announced but not shown.
 */

const formatSeconds = (total: number): string => {
  const s = Math.max(0, Math.round(total));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
};

const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(1);
const mbps = (bitsPerSecond: number): string =>
  bitsPerSecond >= 10_000_000 ? String(Math.round(bitsPerSecond / 1_000_000)) : (bitsPerSecond / 1_000_000).toFixed(1);

/** Browsers the permission help has instructions for (see `helpBrowser()`). */
export type HelpBrowser = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';

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
  permissionBodyAudio: 'Please allow access to your microphone when your browser asks.',

  checkTitle: 'Check your camera and microphone',
  checkIntro: 'Make sure you can see yourself, and that the level moves when you speak.',
  checkIntroAudio: 'Your answers are recorded as audio only. Make sure the level moves when you speak.',
  cameraLabel: 'Camera',
  microphoneLabel: 'Microphone',
  deviceFallbackLabel: (kind: string, n: number) => `${kind} ${n}`,
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
  keepRecording: 'Keep this recording',
  recordAgain: 'Record again',

  offline: 'You are offline. You can keep going: your recording is saved on this device and uploads when you are back online.',
  reconnecting: 'Connection problem: retrying. Your recording is safe on this device.',
  noLocalCopy: 'Note: this browser does not let us keep a copy on your device, so please keep this page open until your answers are saved.',

  previewLabel: 'Your camera preview',
  questionOf: (n: number, total: number) => `Question ${n} of ${total}`,
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
  savingAnswer: 'Saving your answer…',
  submitting: 'Submitting your interview…',
  uploadProgress: (sent: number, total: number) => `Uploaded ${mb(sent)} of ${mb(total)} MB`,
  overallProgress: (saved: number, total: number) => `${saved} of ${total} answers saved`,
  /** Screen readers: label of the overall progress bar. */
  overallProgressLabel: 'Interview progress',

  fileIntro:
    'This browser cannot record here. Record your answer with your camera app, then upload the video.',
  fileChoose: 'Record or choose a video',

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
    UNSUPPORTED_MEDIA_TYPE: 'That file is not a video we can accept. Please record or choose an MP4 or WebM video.',
    UPLOAD_TOO_LARGE: 'That recording is longer than this question allows. Please record a shorter answer.',
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
};

export type CandidMessages = typeof en;
