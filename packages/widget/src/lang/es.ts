/** Spanish (formal "usted"). Keys and argument lists mirror `en.ts`; see there for what each string is for. */
import { formatters } from '../i18n/format.js';
import type { CandidMessages } from './en.js';

const f = formatters('es');
const days = (n: number): string => f.plural(n, { one: '# día', other: '# días' });
/** Megabytes, with two decimals below 1 MB (a short take is not "0.0 of 0.0"). */
const mb = (bytes: number): string => f.fixed(bytes / 1_000_000, bytes < 1_000_000 ? 2 : 1);
const mbps = (bitsPerSecond: number): string => f.fixed(bitsPerSecond / 1_000_000, bitsPerSecond >= 10_000_000 ? 0 : 1);
/** The retry button's label, quoted by the help texts. */
const retry = 'Intentar de nuevo';

const es: CandidMessages = {
  loading: 'Cargando su entrevista…',
  headerSummary: (questions, minutes) => `${f.plural(questions, { one: '# pregunta', other: '# preguntas' })} · unos ${f.num(minutes)} min`,
  welcomeTitle: (employer, role) =>
    employer && role ? `${employer} le invita a una entrevista en vídeo para el puesto de ${role}` : employer ? `${employer} le invita a una entrevista en vídeo` : role ? `Entrevista en vídeo: ${role}` : 'Su entrevista en vídeo',
  summaryQuestions: (n) => f.plural(n, { one: '# pregunta', other: '# preguntas' }),
  summaryMinutes: (minutes) => f.plural(minutes, { one: 'Aproximadamente # minuto', other: 'Aproximadamente # minutos' }),
  summaryThink: (seconds) => (seconds > 0 ? `Hasta ${seconds < 60 ? f.plural(seconds, { one: '# segundo', other: '# segundos' }) : f.clock(seconds)} para pensar antes de cada respuesta` : 'Usted decide cuándo empieza cada grabación'),
  summaryRetakes: (n) => (n === 0 ? 'Sin repeticiones' : f.plural(n, { one: '# repetición por pregunta', other: '# repeticiones por pregunta' })),
  restoredNote: 'Bienvenido de nuevo: hemos recuperado su progreso y continúa donde lo dejó.',

  consentTitle: 'Antes de empezar',
  consentIntro:
    'En esta entrevista se graban en vídeo y audio sus respuestas. Lea el aviso que aparece a continuación y elija a qué da su consentimiento. No se grabará nada hasta que usted lo acepte.',
  consentChoicesLegend: 'Sus opciones',
  consentRecording:
    'Acepto que mis respuestas en vídeo y audio se graben y se compartan con la empresa para esta candidatura (obligatorio para la entrevista en vídeo).',
  consentAiEvaluation:
    'Acepto que mis respuestas se transcriban y se evalúen con ayuda de IA; una persona revisa cada evaluación (opcional).',
  consentProductImprovement: 'Mis grabaciones pueden utilizarse para mejorar el producto (opcional).',
  consentAge: (minimumAge) => `Confirmo que tengo al menos ${f.num(minimumAge)} años.`,
  consentAgree: 'Acepto',
  consentDecline: 'Rechazar',
  consentRequiredHint:
    'Para continuar, marque la casilla de la grabación y confirme su edad. Si no desea que se le grabe, elija Rechazar o solicite otra forma de presentar su candidatura.',
  consentAlternative: 'Solicitar otro formato o una adaptación',
  noticeLabel: 'Aviso de privacidad',
  noticeHeadings: {
    C1: 'Quién solicita sus datos',
    C2: 'Uso de la IA',
    C3: 'Cómo funciona la evaluación',
    C4: 'Qué se evalúa',
    C5: 'Lo que la IA no hace',
    C6: 'Una persona decide',
    C7: 'Para qué se usan sus datos',
    C8: 'Quién recibe sus datos',
    C9: 'Cuánto tiempo se conservan sus datos',
    C10: 'Sus derechos',
    C11: 'Otro formato, una adaptación o más tiempo',
    C12: 'Auditoría de sesgos',
    C13: '¿Es obligatorio participar?',
  },
  noticeStandard: {
    C2: 'Si marca más abajo la casilla de evaluación con IA, la IA puede analizar sus respuestas grabadas para ayudar a valorar su idoneidad para este puesto. Si no la marca, sus respuestas las revisan personas sin IA.',
    C3: 'Solo se utiliza el sonido de sus respuestas: se convierte en una transcripción escrita, que se compara con lo que la empresa busca en cada pregunta. Las imágenes del vídeo no se analizan.',
    C5: 'La IA no analiza su cara, sus expresiones faciales, sus emociones ni las características de su voz, y no se utiliza para identificarle.',
    C6: 'Una puntuación de la IA es solo una recomendación. Una persona de la empresa revisa sus respuestas y toma todas las decisiones sobre su candidatura.',
    C10: 'Puede solicitar ver, corregir, exportar o eliminar sus datos, limitar su uso u oponerse a él, que una persona revise sus respuestas en lugar de la IA y una explicación de un resultado. Puede retirar su consentimiento en cualquier momento con el botón «Retirar el consentimiento» y presentar una reclamación ante una autoridad de protección de datos.',
    C11: 'Puede solicitar otra forma de presentar su candidatura, una adaptación o más tiempo en cualquier momento, con el botón de abajo o durante la entrevista.',
  },
  noticeRetention: (mediaDays, evaluationDays) =>
    `Sus grabaciones se eliminan al cabo de ${days(mediaDays)}; las transcripciones y evaluaciones, al cabo de ${days(evaluationDays)}.`,
  noticeQuestion: (n) => `Pregunta ${f.num(n)}`,

  declinedTitle: 'Ha rechazado la entrevista en vídeo',
  declinedBody: 'No se ha grabado nada. Póngase en contacto con la empresa para solicitar otra forma de presentar su candidatura.',

  permissionTitle: 'Cámara y micrófono',
  permissionBody: 'Permita el acceso a su cámara y a su micrófono cuando el navegador se lo pida.',
  permissionBodyAudio: 'Permita el acceso a su micrófono cuando el navegador se lo pida.',

  checkTitle: 'Compruebe su cámara y su micrófono',
  checkIntro: 'Asegúrese de que se ve en la imagen y de que el nivel se mueve cuando habla.',
  checkIntroAudio: 'Sus respuestas se graban solo en audio. Asegúrese de que el nivel se mueve cuando habla.',
  cameraLabel: 'Cámara',
  microphoneLabel: 'Micrófono',
  deviceFallbackLabel: (kind, n) => `${kind} ${f.num(n)}`,
  flipCamera: 'Cambiar entre la cámara frontal y la trasera',
  micLevelLabel: 'Nivel del micrófono',
  micSilent: 'Todavía no le oímos. Diga unas palabras; si el nivel no se mueve, elija otro micrófono.',
  deviceSwitchFailed: 'No se ha podido iniciar ese dispositivo, así que se sigue usando el anterior.',
  connectionChecking: 'Comprobando su conexión…',
  connectionGood: (bitsPerSecond) => `Su conexión (${mbps(bitsPerSecond)} Mbit/s) es lo bastante rápida para sus respuestas.`,
  connectionSlow: (bitsPerSecond, required) =>
    `Su conexión (${mbps(bitsPerSecond)} Mbit/s) es más lenta que la grabación (${mbps(required)} Mbit/s). Puede continuar igualmente: cada respuesta se guarda en este dispositivo y termina de subirse cuando usted detiene la grabación. Mantenga esta página abierta hasta que se indique que su respuesta está guardada.`,
  connectionFailed:
    'No hemos podido comprobar su conexión. Puede continuar: sus respuestas se guardan en este dispositivo hasta que se suban.',
  continue: 'Continuar',

  resumingTitle: 'Guardando su respuesta anterior…',
  resumingBody: 'Su última visita terminó antes de que se subiera todo. Lo estamos completando ahora.',
  interruptedTitle: 'Se ha interrumpido su grabación',
  interruptedBody: (seconds) =>
    `Guardamos ${f.clock(seconds)} de su respuesta a esta pregunta antes de que se interrumpiera la grabación.`,
  interruptedChoice: 'Puede conservarla como respuesta o volver a grabar la pregunta.',
  interruptedNoRetake: 'No le quedan más intentos para esta pregunta, así que esta grabación será su respuesta.',
  unsubmittedTitle: 'Su respuesta aún no se ha enviado',
  unsubmittedBody: (seconds) => `Grabó ${f.clock(seconds)} para esta pregunta, pero la página se cerró antes de que la enviara.`,
  unsubmittedChoice: 'Puede verla y después enviarla como respuesta o volver a grabar la pregunta.',
  unsubmittedNoRetake: 'No le quedan más intentos para esta pregunta: puede ver esta grabación y después enviarla.',
  keepRecording: 'Conservar esta grabación',
  recordAgain: 'Volver a grabar',

  offline: 'No tiene conexión. Puede seguir: su grabación se guarda en este dispositivo y se subirá cuando vuelva a estar en línea.',
  reconnecting: 'Problema de conexión: reintentando. Su grabación está a salvo en este dispositivo.',
  noLocalCopy:
    'Nota: este navegador no nos permite guardar una copia en su dispositivo, así que mantenga esta página abierta hasta que se guarden sus respuestas.',

  previewLabel: 'Vista previa de su cámara',
  questionOf: (n, total) => `Pregunta ${f.num(n)} de ${f.num(total)}`,
  answerLimit: (seconds) =>
    seconds === null ? 'Esta respuesta no tiene límite de tiempo.' : `Dispone de hasta ${f.clock(seconds)} para responder.`,
  record: 'Grabar respuesta',
  stop: 'Detener la grabación',
  recordingTime: (elapsedSeconds, limitSeconds) =>
    limitSeconds === null
      ? `Grabando ${f.clock(elapsedSeconds)}`
      : `Grabando ${f.clock(elapsedSeconds)} de ${f.clock(limitSeconds)}`,
  announceRecordingStarted: 'Grabación iniciada.',
  announceRecordingStopped: 'Grabación detenida. Guardando su respuesta.',
  recLabel: 'REC',
  clock: (seconds) => f.clock(seconds),
  questionLabel: 'Pregunta',
  audioOnlyStage: 'Grabando solo audio',
  announceStartingSoon: 'La grabación empieza en 3 segundos.',
  uploadDone: 'Subida completada',
  savingAnswer: 'Guardando su respuesta…',
  submitting: 'Enviando su entrevista…',
  uploadProgress: (sent, total) => `Subidos ${mb(sent)} de ${mb(total)} MB`,
  overallProgress: (saved, total) =>
    f.plural(total, { one: `${f.num(saved)} de # respuesta guardada`, other: `${f.num(saved)} de # respuestas guardadas` }),
  overallProgressLabel: 'Progreso de la entrevista',

  fileIntro: 'Este navegador no puede grabar aquí. Grabe su respuesta con la aplicación de la cámara y después suba el vídeo.',
  fileChoose: 'Grabar o elegir un vídeo',

  doneTitle: '¡Gracias!',
  doneSent: (employer) => (employer ? `Sus respuestas se enviaron a ${employer}.` : 'Sus respuestas se enviaron a la empresa.'),
  doneNext: (employer) => `${employer ?? 'La empresa'} revisará sus respuestas y se pondrá en contacto con usted sobre los próximos pasos. Una persona toma cada decisión.`,
  doneContact: (email) => (email ? `¿Preguntas? Escriba a ${email}` : '¿Preguntas? Contacte con la empresa'),
  doneRights: 'Puede pedir ver, exportar o eliminar sus datos en cualquier momento.',
  privacyLink: 'Cómo se tratan sus datos',
  doneClose: 'Ya puede cerrar esta página.',
  errorTitle: 'Se ha producido un error',
  retry,
  errors: {
    ASSETS_UNAVAILABLE: 'No se pudo cargar una parte de la entrevista. Compruebe su conexión e inténtelo de nuevo.',
    MISSING_ATTRIBUTES: 'Este enlace de la entrevista está incompleto.',
    NETWORK_ERROR: 'No hemos podido conectar con el servidor de la entrevista. Compruebe su conexión e inténtelo de nuevo.',
    SESSION_TOKEN_INVALID: 'Este enlace de la entrevista no es válido.',
    SESSION_TOKEN_EXPIRED: 'Este enlace de la entrevista ha caducado. Pida uno nuevo a la empresa.',
    INSECURE_CONTEXT: 'La cámara solo está disponible en páginas seguras (https).',
    CAMERA_PERMISSION_DENIED:
      'Se ha bloqueado el acceso a la cámara o al micrófono. Permita el acceso en la configuración del navegador e inténtelo de nuevo.',
    CAMERA_NOT_FOUND: 'No se ha encontrado ninguna cámara ni ningún micrófono. Conecte uno e inténtelo de nuevo.',
    CAMERA_IN_USE: 'Otra aplicación está usando su cámara o su micrófono. Ciérrela e inténtelo de nuevo.',
    RECORDING_UNSUPPORTED: 'Este navegador no puede grabar vídeo. Utilice una versión actual de Chrome, Edge, Firefox o Safari.',
    UPLOAD_FAILED: 'No se ha podido subir su respuesta. Compruebe su conexión e inténtelo de nuevo.',
    UNSUPPORTED_MEDIA_TYPE: 'Ese archivo no es un vídeo que podamos aceptar. Grabe o elija un vídeo MP4 o WebM.',
    UPLOAD_TOO_LARGE: 'Esa grabación dura más de lo que permite esta pregunta. Grabe una respuesta más corta.',
    SERVER_ERROR: 'El servidor de la entrevista ha tenido un problema. Vuelva a intentarlo dentro de un momento.',
    BAD_RESPONSE: 'El servidor de la entrevista ha enviado una respuesta que no hemos podido leer. Inténtelo de nuevo.',
    CONSENT_REQUIRED: 'Se necesita su consentimiento antes de grabar nada. Vuelva a cargar la página.',
    CAMERA_FAILED: 'La cámara o el micrófono han dejado de funcionar. Compruébelos e inténtelo de nuevo.',
    RECORDING_FAILED: 'No se ha podido realizar la grabación. Inténtelo de nuevo.',
    UPLOAD_OFFSET_LOST: 'La subida de su respuesta se ha desincronizado con el servidor. Inténtelo de nuevo.',
    UPLOAD_INCOMPLETE: 'Su respuesta todavía no se ha subido por completo. Mantenga esta página abierta e inténtelo de nuevo.',
  },

  helpTitle: {
    CAMERA_PERMISSION_DENIED: 'Permita el acceso a su cámara y a su micrófono',
    CAMERA_NOT_FOUND: 'No se ha encontrado ninguna cámara ni ningún micrófono',
    CAMERA_IN_USE: 'Su cámara o su micrófono están ocupados',
    INSECURE_CONTEXT: 'Esta página no es segura',
  },
  helpPermission: {
    chrome: `Haga clic en el icono de la cámara (o en el de configuración) en el extremo izquierdo de la barra de direcciones, ponga Cámara y Micrófono en "Permitir" y después haga clic en ${retry}.`,
    edge: `Haga clic en el icono del candado en el extremo izquierdo de la barra de direcciones, elija "Permisos para este sitio", ponga Cámara y Micrófono en "Permitir" y después haga clic en ${retry}.`,
    firefox: `Haga clic en el icono de la cámara tachada en la barra de direcciones y quite los permisos "Bloqueado" de la cámara y del micrófono. Después haga clic en ${retry} y elija Permitir.`,
    safari: `En un Mac: elija Safari > Ajustes de este sitio web y ponga Cámara y Micrófono en "Permitir". En un iPhone o iPad: toque "aA" en la barra de direcciones > Ajustes del sitio web. Después haga clic en ${retry}.`,
    other: `Abra la configuración de su navegador para este sitio web, permita la cámara y el micrófono y después haga clic en ${retry}.`,
  },
  helpPermissionSystem:
    '¿Sigue bloqueado? Puede que su ordenador no permita a este navegador usar la cámara: en un Mac, consulte Ajustes del Sistema > Privacidad y seguridad > Cámara; en Windows, Configuración > Privacidad > Cámara.',
  helpNotFound: `Conecte una cámara y un micrófono (o actívelos en la configuración del sistema) y después haga clic en ${retry}.`,
  helpNotFoundAudio: `Conecte un micrófono (o actívelo en la configuración del sistema) y después haga clic en ${retry}.`,
  helpInUse: `Otra aplicación o pestaña del navegador está usando su cámara o su micrófono, por ejemplo una videollamada. Ciérrela y después haga clic en ${retry}.`,
  helpInsecure:
    'Los navegadores solo permiten usar la cámara en páginas seguras (https). Comuníqueselo a la empresa: la entrevista debe abrirse desde una dirección https.',

  introTitle: 'Cómo funciona esta entrevista',
  introBody: (questions) =>
    f.plural(questions, {
      one: 'Hay # pregunta. La verá, tendrá un momento para pensar y después grabará su respuesta.',
      other: 'Hay # preguntas. En cada una verá la pregunta, tendrá un momento para pensar y después grabará su respuesta.',
    }),
  introReview: 'Después de cada respuesta puede verla y volver a grabarla mientras le queden intentos.',
  introResume: (answered, total) =>
    f.plural(total, {
      one: `Ya ha respondido ${f.num(answered)} de # pregunta. Continuará donde lo dejó.`,
      other: `Ya ha respondido ${f.num(answered)} de # preguntas. Continuará donde lo dejó.`,
    }),
  introStepThink: 'Lea la pregunta y tómese un momento para pensar. La grabación empieza cuando pulse «Grabar respuesta» o cuando termine el tiempo para pensar.',
  introStepRecord: 'Responda mientras la cámara graba. El tiempo restante aparece sobre la vista previa; pulse «Detener la grabación» cuando termine.',
  introVideoLabel: 'Vídeo de bienvenida',
  practiceStart: 'Probar con una pregunta de práctica',
  practiceLabel: 'Pregunta de práctica (no se envía a la empresa)',
  practiceDone: 'Empezar la entrevista',
  practiceAgain: 'Practicar otra vez',
  startInterview: 'Empezar la entrevista',
  thinkTime: (seconds) => `La grabación empieza en ${f.num(seconds)} s. Tómese un momento para pensar.`,
  startNow: 'Empezar a grabar ya',
  promptVideoLabel: 'La pregunta en vídeo',
  timeLeft: (seconds) => `Quedan ${f.clock(seconds)}`,
  timeElapsed: (seconds) => `Grabando ${f.clock(seconds)}`,
  noTimeLimit: 'Sin límite de tiempo',
  timeWarning: (seconds) =>
    f.plural(seconds, {
      one: 'Queda # segundo. Detenga la grabación cuando termine o pida más tiempo.',
      other: 'Quedan # segundos. Detenga la grabación cuando termine o pida más tiempo.',
    }),
  moreTime: 'Más tiempo (+1 min)',
  moreTimeKey: 'Pulse + para tener más tiempo.',
  announceExtended: (seconds) => `Tiempo ampliado. Quedan ${f.clock(seconds)}.`,
  announceTimeLeft: (seconds) =>
    seconds >= 60
      ? f.plural(Math.round(seconds / 60), { one: 'Queda # minuto.', other: 'Quedan # minutos.' })
      : f.plural(seconds, { one: 'Queda # segundo.', other: 'Quedan # segundos.' }),
  reviewTitle: 'Revise su respuesta',
  reviewPlaybackLabel: 'Su respuesta grabada',
  reviewLength: (seconds) => `Duración ${f.clock(seconds)}`,
  reviewRetakesLeft: (n) =>
    n === 0
      ? 'No le quedan más intentos para esta pregunta.'
      : f.plural(n, { one: 'Puede grabar esta respuesta # vez más.', other: 'Puede grabar esta respuesta # veces más.' }),
  submitAnswer: 'Enviar respuesta',
  announceAnswerSaved: 'Su respuesta se ha guardado.',
  interruptedNotice: (reason) =>
    `${reason === 'hidden' ? 'La grabación se detuvo porque salió de esta página.' : reason === 'device' ? 'La grabación se detuvo porque la cámara o el micrófono dejaron de funcionar.' : 'La grabación se detuvo porque otra aplicación tomó el sonido (¿una llamada?).'} Lo grabado hasta ese momento está guardado: envíelo o vuelva a grabar. Esto no gasta un intento.`,
  recordAgainFree: 'Volver a grabar (no cuenta como intento)',
  announceInterrupted: 'La grabación se interrumpió. Lo grabado está guardado. Puede enviarlo o volver a grabar sin gastar un intento.',
  announceReview: 'Grabación detenida. Puede ver su respuesta y después enviarla o volver a grabarla.',

  requestOpen: 'Solicitar más tiempo u otro formato',
  requestTitle: 'Solicitud a la empresa',
  requestType: '¿Qué necesita?',
  requestTypes: {
    accommodation: 'Más tiempo u otra adaptación',
    alternative_process: 'Otra forma de presentar la candidatura (por ejemplo, una entrevista en directo o respuestas por escrito)',
    human_review: 'Que una persona, y no la IA, evalúe mis respuestas',
    opt_out_ai: 'Ninguna evaluación automatizada de mis respuestas',
  },
  requestMessage: 'Algo que la empresa deba saber (opcional)',
  requestSend: 'Enviar solicitud',
  requestCancel: 'Cancelar',
  requestSent: 'Su solicitud se ha enviado a la empresa. Puede continuar o esperar su respuesta.',
  withdrawOpen: 'Retirar el consentimiento',
  withdrawConfirmTitle: '¿Retirar su consentimiento?',
  withdrawConfirmBody: 'La grabación se detiene y se eliminan sus grabaciones de esta candidatura. Esta acción no se puede deshacer.',
  withdrawConfirm: 'Retirar y eliminar',
  withdrawCancel: 'Seguir con la entrevista',
  withdrawnTitle: 'Ha retirado su consentimiento',
  withdrawnBody: 'No se grabará nada más y se ha pedido a la empresa que elimine sus grabaciones. Ya puede cerrar esta página.',

  speechCheckPrompt: 'Diga unas palabras para que podamos comprobar que le oímos.',
  speechCheckHeard: 'Le oímos bien.',
  noSpeechNudge: 'Todavía no le oímos. ¿Tiene el micrófono activado?',
};

export default es;
