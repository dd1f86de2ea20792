/** German (formal "Sie"). Keys and argument lists mirror `en.ts`; see there for what each string is for. */
import { formatters } from '../i18n/format.js';
import type { CandidMessages } from './en.js';

const f = formatters('de');
const days = (n: number): string => f.plural(n, { one: '# Tag', other: '# Tagen' });
/** Megabytes, with two decimals below 1 MB (a short take is not "0.0 of 0.0"). */
const mb = (bytes: number): string => f.fixed(bytes / 1_000_000, bytes < 1_000_000 ? 2 : 1);
const mbps = (bitsPerSecond: number): string => f.fixed(bitsPerSecond / 1_000_000, bitsPerSecond >= 10_000_000 ? 0 : 1);
/** The retry button's label, quoted by the help texts. */
const retry = 'Erneut versuchen';

const de: CandidMessages = {
  loading: 'Ihr Interview wird geladen …',
  headerSummary: (questions, minutes) => `${f.plural(questions, { one: '# Frage', other: '# Fragen' })} · etwa ${f.num(minutes)} Min.`,
  welcomeTitle: (employer, role) =>
    employer && role ? `${employer} lädt Sie zu einem Videointerview für die Stelle „${role}“ ein` : employer ? `${employer} lädt Sie zu einem Videointerview ein` : role ? `Videointerview: ${role}` : 'Ihr Videointerview',
  summaryQuestions: (n) => f.plural(n, { one: '# Frage', other: '# Fragen' }),
  summaryMinutes: (minutes) => f.plural(minutes, { one: 'Etwa # Minute', other: 'Etwa # Minuten' }),
  summaryThink: (seconds) => (seconds > 0 ? `Bis zu ${seconds < 60 ? f.plural(seconds, { one: '# Sekunde', other: '# Sekunden' }) : f.clock(seconds)} Bedenkzeit vor jeder Antwort` : 'Sie starten jede Aufnahme, wenn Sie bereit sind'),
  summaryRetakes: (n) => (n === 0 ? 'Keine Wiederholungen' : f.plural(n, { one: '# Wiederholung pro Frage', other: '# Wiederholungen pro Frage' })),
  restoredNote: 'Willkommen zurück: Ihr Fortschritt wurde wiederhergestellt, Sie machen dort weiter, wo Sie aufgehört haben.',

  consentTitle: 'Bevor Sie beginnen',
  consentIntro:
    'Bei diesem Interview werden Ihre Antworten als Video und Audio aufgezeichnet. Bitte lesen Sie den folgenden Hinweis und wählen Sie aus, womit Sie einverstanden sind. Es wird nichts aufgezeichnet, bevor Sie zustimmen.',
  consentChoicesLegend: 'Ihre Auswahl',
  consentRecording:
    'Ich bin damit einverstanden, dass meine Video- und Audioantworten aufgezeichnet und für diese Bewerbung an den Arbeitgeber weitergegeben werden (für das Videointerview erforderlich).',
  consentAiEvaluation:
    'Ich bin damit einverstanden, dass meine Antworten transkribiert und mithilfe von KI bewertet werden; jede Bewertung wird von einem Menschen geprüft (freiwillig).',
  consentProductImprovement: 'Meine Aufnahmen dürfen zur Verbesserung des Produkts verwendet werden (freiwillig).',
  consentAge: (minimumAge) => `Ich bestätige, dass ich mindestens ${f.num(minimumAge)} Jahre alt bin.`,
  consentAgree: 'Ich stimme zu',
  consentDecline: 'Ablehnen',
  consentRequiredHint:
    'Um fortzufahren, setzen Sie bitte das Häkchen für die Aufzeichnung und bestätigen Sie Ihr Alter. Wenn Sie nicht aufgezeichnet werden möchten, wählen Sie „Ablehnen“ oder fragen Sie nach einem anderen Bewerbungsweg.',
  consentAlternative: 'Anderes Format oder Anpassung anfragen',
  noticeLabel: 'Datenschutzhinweis',
  noticeHeadings: {
    C1: 'Wer Ihre Daten verarbeitet',
    C2: 'Einsatz von KI',
    C3: 'So funktioniert die Bewertung',
    C4: 'Was bewertet wird',
    C5: 'Was die KI nicht tut',
    C6: 'Ein Mensch entscheidet',
    C7: 'Wofür Ihre Daten verwendet werden',
    C8: 'Wer Ihre Daten erhält',
    C9: 'Wie lange Ihre Daten gespeichert werden',
    C10: 'Ihre Rechte',
    C11: 'Anderes Format, Anpassung oder mehr Zeit',
    C12: 'Bias-Audit',
    C13: 'Ist die Teilnahme verpflichtend?',
  },
  noticeStandard: {
    C2: 'Wenn Sie unten das Kästchen zur KI-Bewertung ankreuzen, kann eine KI Ihre aufgezeichneten Antworten analysieren, um Ihre Eignung für diese Stelle einschätzen zu helfen. Andernfalls prüfen Menschen Ihre Antworten ohne KI.',
    C3: 'Verwendet wird nur der Ton Ihrer Antworten: Er wird in ein schriftliches Transkript umgewandelt, das mit dem verglichen wird, worauf der Arbeitgeber bei jeder Frage achtet. Die Videobilder werden nicht analysiert.',
    C5: 'Die KI analysiert weder Ihr Gesicht noch Ihre Mimik, Ihre Gefühle oder die Merkmale Ihrer Stimme, und sie wird nicht verwendet, um Sie zu identifizieren.',
    C6: 'Eine KI-Bewertung ist nur eine Empfehlung. Ein Mensch beim Arbeitgeber prüft Ihre Antworten und trifft jede Entscheidung über Ihre Bewerbung.',
    C10: 'Sie können verlangen, Ihre Daten einzusehen, zu berichtigen, zu exportieren oder zu löschen, ihre Verarbeitung einzuschränken oder ihr zu widersprechen, Ihre Antworten von einem Menschen statt von der KI prüfen zu lassen und sich ein Ergebnis erklären zu lassen. Sie können Ihre Einwilligung jederzeit mit der Schaltfläche „Einwilligung widerrufen“ widerrufen und sich bei einer Datenschutzaufsichtsbehörde beschweren.',
    C11: 'Sie können jederzeit eine andere Form der Bewerbung, eine Anpassung oder mehr Zeit anfragen: mit der Schaltfläche unten oder während des Interviews.',
  },
  noticeRetention: (mediaDays, evaluationDays) =>
    `Ihre Aufnahmen werden nach ${days(mediaDays)} gelöscht, Transkripte und Bewertungen nach ${days(evaluationDays)}.`,
  noticeQuestion: (n) => `Frage ${f.num(n)}`,

  declinedTitle: 'Sie haben das Videointerview abgelehnt',
  declinedBody: 'Es wurde nichts aufgezeichnet. Bitte wenden Sie sich an den Arbeitgeber, um nach einem anderen Bewerbungsweg zu fragen.',

  permissionTitle: 'Kamera und Mikrofon',
  permissionBody: 'Bitte erlauben Sie den Zugriff auf Ihre Kamera und Ihr Mikrofon, wenn Ihr Browser danach fragt.',
  permissionBodyAudio: 'Bitte erlauben Sie den Zugriff auf Ihr Mikrofon, wenn Ihr Browser danach fragt.',

  checkTitle: 'Kamera und Mikrofon prüfen',
  checkIntro: 'Prüfen Sie, ob Sie sich sehen und ob sich der Pegel bewegt, wenn Sie sprechen.',
  checkIntroAudio: 'Ihre Antworten werden nur als Audio aufgezeichnet. Prüfen Sie, ob sich der Pegel bewegt, wenn Sie sprechen.',
  cameraLabel: 'Kamera',
  microphoneLabel: 'Mikrofon',
  deviceFallbackLabel: (kind, n) => `${kind} ${f.num(n)}`,
  flipCamera: 'Zwischen Front- und Rückkamera wechseln',
  micLevelLabel: 'Mikrofonpegel',
  micSilent: 'Wir hören Sie noch nicht. Sagen Sie ein paar Worte; wenn sich der Pegel nicht bewegt, wählen Sie ein anderes Mikrofon.',
  deviceSwitchFailed: 'Dieses Gerät konnte nicht gestartet werden, daher wird weiterhin das bisherige verwendet.',
  connectionChecking: 'Ihre Verbindung wird geprüft …',
  connectionGood: (bitsPerSecond) => `Ihre Verbindung (${mbps(bitsPerSecond)} Mbit/s) ist schnell genug für Ihre Antworten.`,
  connectionSlow: (bitsPerSecond, required) =>
    `Ihre Verbindung (${mbps(bitsPerSecond)} Mbit/s) ist langsamer als die Aufnahme (${mbps(required)} Mbit/s). Sie können trotzdem fortfahren: Jede Antwort wird auf diesem Gerät gespeichert und nach dem Stoppen fertig hochgeladen. Bitte lassen Sie diese Seite geöffnet, bis angezeigt wird, dass Ihre Antwort gespeichert ist.`,
  connectionFailed:
    'Ihre Verbindung konnte nicht geprüft werden. Sie können fortfahren: Ihre Antworten werden auf diesem Gerät gespeichert, bis sie hochgeladen sind.',
  continue: 'Weiter',

  resumingTitle: 'Ihre vorherige Antwort wird gespeichert …',
  resumingBody: 'Ihr letzter Besuch endete, bevor alles hochgeladen war. Wir schließen das jetzt ab.',
  interruptedTitle: 'Ihre Aufnahme wurde unterbrochen',
  interruptedBody: (seconds) =>
    `Wir haben ${f.clock(seconds)} Ihrer Antwort auf diese Frage gespeichert, bevor die Aufnahme unterbrochen wurde.`,
  interruptedChoice: 'Sie können sie als Ihre Antwort behalten oder die Frage neu aufnehmen.',
  interruptedNoRetake: 'Für diese Frage haben Sie keine weiteren Versuche, daher gilt diese Aufnahme als Ihre Antwort.',
  unsubmittedTitle: 'Ihre Antwort wurde noch nicht abgeschickt',
  unsubmittedBody: (seconds) => `Sie haben ${f.clock(seconds)} für diese Frage aufgenommen, aber die Seite wurde geschlossen, bevor Sie die Antwort abgeschickt haben.`,
  unsubmittedChoice: 'Sie können sie ansehen und dann als Ihre Antwort abschicken oder die Frage neu aufnehmen.',
  unsubmittedNoRetake: 'Für diese Frage haben Sie keine weiteren Versuche: Sie können sich die Aufnahme ansehen und sie dann abschicken.',
  keepRecording: 'Diese Aufnahme behalten',
  recordAgain: 'Neu aufnehmen',

  offline:
    'Sie sind offline. Sie können weitermachen: Ihre Aufnahme wird auf diesem Gerät gespeichert und hochgeladen, sobald Sie wieder online sind.',
  reconnecting: 'Verbindungsproblem: neuer Versuch läuft. Ihre Aufnahme ist auf diesem Gerät sicher.',
  noLocalCopy:
    'Hinweis: Dieser Browser erlaubt uns nicht, eine Kopie auf Ihrem Gerät zu speichern. Bitte lassen Sie diese Seite daher geöffnet, bis Ihre Antworten gespeichert sind.',

  previewLabel: 'Ihre Kameravorschau',
  questionOf: (n, total) => `Frage ${f.num(n)} von ${f.num(total)}`,
  answerLimit: (seconds) =>
    seconds === null ? 'Für diese Antwort gibt es kein Zeitlimit.' : `Sie haben bis zu ${f.clock(seconds)} Zeit für Ihre Antwort.`,
  record: 'Antwort aufnehmen',
  stop: 'Aufnahme beenden',
  recordingTime: (elapsedSeconds, limitSeconds) =>
    limitSeconds === null
      ? `Aufnahme läuft: ${f.clock(elapsedSeconds)}`
      : `Aufnahme läuft: ${f.clock(elapsedSeconds)} von ${f.clock(limitSeconds)}`,
  announceRecordingStarted: 'Aufnahme gestartet.',
  announceRecordingStopped: 'Aufnahme beendet. Ihre Antwort wird gespeichert.',
  recLabel: 'REC',
  clock: (seconds) => f.clock(seconds),
  questionLabel: 'Frage',
  audioOnlyStage: 'Nur der Ton wird aufgenommen',
  announceStartingSoon: 'Die Aufnahme beginnt in 3 Sekunden.',
  uploadDone: 'Hochgeladen',
  savingAnswer: 'Ihre Antwort wird gespeichert …',
  submitting: 'Ihr Interview wird übermittelt …',
  uploadProgress: (sent, total) => `${mb(sent)} von ${mb(total)} MB hochgeladen`,
  overallProgress: (saved, total) =>
    f.plural(total, { one: `${f.num(saved)} von # Antwort gespeichert`, other: `${f.num(saved)} von # Antworten gespeichert` }),
  overallProgressLabel: 'Fortschritt des Interviews',

  fileIntro:
    'Dieser Browser kann hier nicht aufnehmen. Nehmen Sie Ihre Antwort mit Ihrer Kamera-App auf und laden Sie das Video anschließend hoch.',
  fileChoose: 'Video aufnehmen oder auswählen',

  doneTitle: 'Vielen Dank!',
  doneSent: (employer) => (employer ? `Ihre Antworten wurden an ${employer} gesendet.` : 'Ihre Antworten wurden an das Unternehmen gesendet.'),
  doneNext: (employer) => `${employer ?? 'Das Unternehmen'} sieht sich Ihre Antworten an und meldet sich wegen der nächsten Schritte bei Ihnen. Jede Entscheidung trifft ein Mensch.`,
  doneContact: (email) => (email ? `Fragen? Schreiben Sie an ${email}` : 'Fragen? Wenden Sie sich an das Unternehmen'),
  doneRights: 'Sie können jederzeit verlangen, Ihre Daten einzusehen, zu exportieren oder zu löschen.',
  privacyLink: 'Wie Ihre Daten verarbeitet werden',
  doneClose: 'Sie können diese Seite jetzt schließen.',
  errorTitle: 'Etwas ist schiefgelaufen',
  retry,
  errors: {
    ASSETS_UNAVAILABLE: 'Ein Teil des Interviews konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    MISSING_ATTRIBUTES: 'Dieser Interview-Link ist unvollständig.',
    NETWORK_ERROR: 'Der Interview-Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    SESSION_TOKEN_INVALID: 'Dieser Interview-Link ist ungültig.',
    SESSION_TOKEN_EXPIRED: 'Dieser Interview-Link ist abgelaufen. Bitte fragen Sie den Arbeitgeber nach einem neuen.',
    INSECURE_CONTEXT: 'Die Kamera ist nur auf sicheren Seiten (https) verfügbar.',
    CAMERA_PERMISSION_DENIED:
      'Der Zugriff auf Kamera oder Mikrofon wurde blockiert. Erlauben Sie den Zugriff in Ihren Browsereinstellungen und versuchen Sie es erneut.',
    CAMERA_NOT_FOUND: 'Es wurde keine Kamera und kein Mikrofon gefunden. Schließen Sie ein Gerät an und versuchen Sie es erneut.',
    CAMERA_IN_USE: 'Ihre Kamera oder Ihr Mikrofon wird von einer anderen Anwendung verwendet. Schließen Sie diese und versuchen Sie es erneut.',
    RECORDING_UNSUPPORTED:
      'Dieser Browser kann kein Video aufnehmen. Bitte verwenden Sie eine aktuelle Version von Chrome, Edge, Firefox oder Safari.',
    UPLOAD_FAILED: 'Ihre Antwort konnte nicht hochgeladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    UNSUPPORTED_MEDIA_TYPE: 'Diese Datei ist kein Video, das wir annehmen können. Bitte nehmen Sie ein MP4- oder WebM-Video auf oder wählen Sie eines aus.',
    UPLOAD_TOO_LARGE: 'Diese Aufnahme ist länger, als diese Frage erlaubt. Bitte nehmen Sie eine kürzere Antwort auf.',
    SERVER_ERROR: 'Beim Interview-Server ist ein Problem aufgetreten. Bitte versuchen Sie es gleich noch einmal.',
    BAD_RESPONSE: 'Der Interview-Server hat eine Antwort gesendet, die wir nicht lesen konnten. Bitte versuchen Sie es erneut.',
    CONSENT_REQUIRED: 'Bevor etwas aufgenommen wird, ist Ihre Einwilligung nötig. Bitte laden Sie die Seite neu.',
    CAMERA_FAILED: 'Kamera oder Mikrofon funktioniert nicht mehr. Prüfen Sie das Gerät und versuchen Sie es erneut.',
    RECORDING_FAILED: 'Die Aufnahme ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
    UPLOAD_OFFSET_LOST: 'Der Upload Ihrer Antwort passt nicht mehr zum Stand des Servers. Bitte versuchen Sie es erneut.',
    UPLOAD_INCOMPLETE: 'Ihre Antwort ist noch nicht vollständig hochgeladen. Lassen Sie diese Seite geöffnet und versuchen Sie es erneut.',
  },

  helpTitle: {
    CAMERA_PERMISSION_DENIED: 'Kamera und Mikrofon erlauben',
    CAMERA_NOT_FOUND: 'Keine Kamera und kein Mikrofon gefunden',
    CAMERA_IN_USE: 'Ihre Kamera oder Ihr Mikrofon ist belegt',
    INSECURE_CONTEXT: 'Diese Seite ist nicht sicher',
  },
  helpPermission: {
    chrome: `Klicken Sie links in der Adressleiste auf das Kamerasymbol (oder das Einstellungssymbol), stellen Sie Kamera und Mikrofon auf „Zulassen“ und klicken Sie dann auf „${retry}“.`,
    edge: `Klicken Sie links in der Adressleiste auf das Schlosssymbol, wählen Sie „Berechtigungen für diese Website“, stellen Sie Kamera und Mikrofon auf „Zulassen“ und klicken Sie dann auf „${retry}“.`,
    firefox: `Klicken Sie in der Adressleiste auf das durchgestrichene Kamerasymbol und entfernen Sie die Berechtigungen „Blockiert“ für Kamera und Mikrofon. Klicken Sie dann auf „${retry}“ und wählen Sie „Erlauben“.`,
    safari: `Auf dem Mac: Wählen Sie Safari > Einstellungen für diese Website und stellen Sie Kamera und Mikrofon auf „Erlauben“. Auf dem iPhone oder iPad: Tippen Sie in der Adressleiste auf „aA“ > Website-Einstellungen. Klicken Sie dann auf „${retry}“.`,
    other: `Öffnen Sie die Einstellungen Ihres Browsers für diese Website, erlauben Sie Kamera und Mikrofon und klicken Sie dann auf „${retry}“.`,
  },
  helpPermissionSystem:
    'Immer noch blockiert? Möglicherweise erlaubt Ihr Computer diesem Browser nicht, die Kamera zu verwenden: auf dem Mac unter Systemeinstellungen > Datenschutz & Sicherheit > Kamera, unter Windows unter Einstellungen > Datenschutz > Kamera.',
  helpNotFound: `Schließen Sie eine Kamera und ein Mikrofon an (oder schalten Sie sie in den Systemeinstellungen ein) und klicken Sie dann auf „${retry}“.`,
  helpNotFoundAudio: `Schließen Sie ein Mikrofon an (oder schalten Sie es in den Systemeinstellungen ein) und klicken Sie dann auf „${retry}“.`,
  helpInUse: `Eine andere Anwendung oder ein anderer Browser-Tab verwendet Ihre Kamera oder Ihr Mikrofon, zum Beispiel ein Videoanruf. Schließen Sie sie und klicken Sie dann auf „${retry}“.`,
  helpInsecure:
    'Browser erlauben die Kamera nur auf sicheren (https-)Seiten. Bitte teilen Sie dem Arbeitgeber mit, dass das Interview über eine https-Adresse geöffnet werden muss.',

  introTitle: 'So funktioniert dieses Interview',
  introBody: (questions) =>
    f.plural(questions, {
      one: 'Es gibt # Frage. Sie sehen die Frage, haben einen Moment Bedenkzeit und nehmen dann Ihre Antwort auf.',
      other: 'Es gibt # Fragen. Zu jeder Frage haben Sie einen Moment Bedenkzeit und nehmen dann Ihre Antwort auf.',
    }),
  introReview: 'Nach jeder Antwort können Sie sie ansehen und neu aufnehmen, solange Sie noch Versuche übrig haben.',
  introResume: (answered, total) =>
    f.plural(total, {
      one: `Sie haben bereits ${f.num(answered)} von # Frage beantwortet. Sie machen dort weiter, wo Sie aufgehört haben.`,
      other: `Sie haben bereits ${f.num(answered)} von # Fragen beantwortet. Sie machen dort weiter, wo Sie aufgehört haben.`,
    }),
  introStepThink: 'Lesen Sie die Frage und nehmen Sie sich einen Moment Zeit zum Nachdenken. Die Aufnahme beginnt, wenn Sie auf „Antwort aufnehmen“ drücken oder die Bedenkzeit endet.',
  introStepRecord: 'Antworten Sie, während die Kamera aufnimmt. Die verbleibende Zeit steht auf der Vorschau; drücken Sie „Aufnahme beenden“, wenn Sie fertig sind.',
  introVideoLabel: 'Begrüßungsvideo',
  practiceStart: 'Übungsfrage ausprobieren',
  practiceLabel: 'Übungsfrage (wird nicht an den Arbeitgeber gesendet)',
  practiceDone: 'Interview starten',
  practiceAgain: 'Noch einmal üben',
  startInterview: 'Interview starten',
  thinkTime: (seconds) => `Die Aufnahme beginnt in ${f.num(seconds)} s. Nehmen Sie sich einen Moment zum Nachdenken.`,
  startNow: 'Aufnahme jetzt starten',
  promptVideoLabel: 'Die Frage als Video',
  timeLeft: (seconds) => `Noch ${f.clock(seconds)}`,
  timeElapsed: (seconds) => `Aufnahme läuft: ${f.clock(seconds)}`,
  noTimeLimit: 'Kein Zeitlimit',
  timeWarning: (seconds) =>
    f.plural(seconds, {
      one: 'Noch # Sekunde. Beenden Sie die Aufnahme, wenn Sie fertig sind, oder nehmen Sie sich mehr Zeit.',
      other: 'Noch # Sekunden. Beenden Sie die Aufnahme, wenn Sie fertig sind, oder nehmen Sie sich mehr Zeit.',
    }),
  moreTime: 'Mehr Zeit (+1 Min.)',
  moreTimeKey: 'Drücken Sie +, um mehr Zeit zu erhalten.',
  announceExtended: (seconds) => `Zeit verlängert. Noch ${f.clock(seconds)}.`,
  announceTimeLeft: (seconds) =>
    seconds >= 60
      ? f.plural(Math.round(seconds / 60), { one: 'Noch # Minute.', other: 'Noch # Minuten.' })
      : f.plural(seconds, { one: 'Noch # Sekunde.', other: 'Noch # Sekunden.' }),
  reviewTitle: 'Antwort überprüfen',
  reviewPlaybackLabel: 'Ihre aufgenommene Antwort',
  reviewLength: (seconds) => `Länge ${f.clock(seconds)}`,
  reviewRetakesLeft: (n) =>
    n === 0
      ? 'Für diese Frage haben Sie keine weiteren Versuche.'
      : f.plural(n, { one: 'Sie können diese Antwort noch einmal neu aufnehmen.', other: 'Sie können diese Antwort noch # Mal neu aufnehmen.' }),
  submitAnswer: 'Antwort absenden',
  announceAnswerSaved: 'Ihre Antwort ist gespeichert.',
  interruptedNotice: (reason) =>
    `${reason === 'hidden' ? 'Die Aufnahme wurde beendet, weil Sie diese Seite verlassen haben.' : reason === 'device' ? 'Die Aufnahme wurde beendet, weil Kamera oder Mikrofon nicht mehr funktionierten.' : 'Die Aufnahme wurde beendet, weil eine andere App den Ton übernommen hat (ein Anruf?).'} Was bis dahin aufgenommen wurde, ist gespeichert: Senden Sie es ab oder nehmen Sie neu auf. Das zählt nicht als Wiederholung.`,
  recordAgainFree: 'Neu aufnehmen (zählt nicht als Wiederholung)',
  announceInterrupted: 'Die Aufnahme wurde unterbrochen. Das Aufgenommene ist gespeichert. Sie können es absenden oder ohne Verbrauch einer Wiederholung neu aufnehmen.',
  announceReview: 'Aufnahme beendet. Sie können sich Ihre Antwort ansehen und sie dann absenden oder neu aufnehmen.',

  requestOpen: 'Mehr Zeit oder ein anderes Format anfragen',
  requestTitle: 'Anfrage an den Arbeitgeber',
  requestType: 'Was benötigen Sie?',
  requestTypes: {
    accommodation: 'Mehr Zeit oder eine andere Anpassung',
    alternative_process: 'Einen anderen Bewerbungsweg (zum Beispiel ein Live-Gespräch oder schriftliche Antworten)',
    human_review: 'Eine Bewertung meiner Antworten durch einen Menschen statt durch KI',
    opt_out_ai: 'Keine automatisierte Bewertung meiner Antworten',
  },
  requestMessage: 'Was der Arbeitgeber wissen sollte (freiwillig)',
  requestSend: 'Anfrage senden',
  requestCancel: 'Abbrechen',
  requestSent: 'Ihre Anfrage wurde an den Arbeitgeber gesendet. Sie können fortfahren oder auf eine Antwort warten.',
  withdrawOpen: 'Einwilligung widerrufen',
  withdrawConfirmTitle: 'Einwilligung widerrufen?',
  withdrawConfirmBody: 'Die Aufnahme wird beendet und Ihre Aufnahmen für diese Bewerbung werden gelöscht. Das kann nicht rückgängig gemacht werden.',
  withdrawConfirm: 'Widerrufen und löschen',
  withdrawCancel: 'Weitermachen',
  withdrawnTitle: 'Sie haben Ihre Einwilligung widerrufen',
  withdrawnBody: 'Es wird nichts mehr aufgenommen, und der Arbeitgeber wurde aufgefordert, Ihre Aufnahmen zu löschen. Sie können diese Seite jetzt schließen.',

  speechCheckPrompt: 'Sagen Sie ein paar Worte, damit wir prüfen können, ob wir Sie hören.',
  speechCheckHeard: 'Wir hören Sie.',
  noSpeechNudge: 'Wir hören Sie noch nicht. Ist Ihr Mikrofon eingeschaltet?',
};

export default de;
