/** French ("vous"). Keys and argument lists mirror `en.ts`; see there for what each string is for. */
import { formatters } from '../i18n/format.js';
import type { CandidMessages } from './en.js';

const f = formatters('fr');
const days = (n: number): string => f.plural(n, { one: '# jour', other: '# jours' });
/** Megabytes, with two decimals below 1 MB (a short take is not "0.0 of 0.0"). */
const mb = (bytes: number): string => f.fixed(bytes / 1_000_000, bytes < 1_000_000 ? 2 : 1);
const mbps = (bitsPerSecond: number): string => f.fixed(bitsPerSecond / 1_000_000, bitsPerSecond >= 10_000_000 ? 0 : 1);
/** The retry button's label, quoted by the help texts. */
const retry = 'Réessayer';

const fr: CandidMessages = {
  loading: 'Chargement de votre entretien…',
  headerSummary: (questions, minutes) => `${f.plural(questions, { one: '# question', other: '# questions' })} · environ ${f.num(minutes)} min`,
  welcomeTitle: (employer, role) =>
    employer && role ? `${employer} vous invite à un entretien vidéo pour le poste de ${role}` : employer ? `${employer} vous invite à un entretien vidéo` : role ? `Entretien vidéo : ${role}` : 'Votre entretien vidéo',
  summaryQuestions: (n) => f.plural(n, { one: '# question', other: '# questions' }),
  summaryMinutes: (minutes) => f.plural(minutes, { one: 'Environ # minute', other: 'Environ # minutes' }),
  summaryThink: (seconds) => (seconds > 0 ? `Jusqu’à ${seconds < 60 ? f.plural(seconds, { one: '# seconde', other: '# secondes' }) : f.clock(seconds)} de réflexion avant chaque réponse` : 'Vous lancez chaque enregistrement quand vous le souhaitez'),
  summaryRetakes: (n) => (n === 0 ? 'Aucune nouvelle prise' : f.plural(n, { one: '# nouvelle prise par question', other: '# nouvelles prises par question' })),
  restoredNote: 'Bon retour : nous avons restauré votre progression, vous reprenez là où vous en étiez.',

  consentTitle: 'Avant de commencer',
  consentIntro:
    'Cet entretien enregistre vos réponses en vidéo et en audio. Veuillez lire l’avis ci-dessous et choisir ce que vous acceptez. Rien n’est enregistré tant que vous n’avez pas donné votre accord.',
  consentChoicesLegend: 'Vos choix',
  consentRecording:
    'J’accepte que mes réponses vidéo et audio soient enregistrées et transmises à l’employeur pour cette candidature (obligatoire pour l’entretien vidéo).',
  consentAiEvaluation:
    'J’accepte que mes réponses soient transcrites et évaluées à l’aide de l’IA ; chaque évaluation est vérifiée par une personne (facultatif).',
  consentProductImprovement: 'Mes enregistrements peuvent être utilisés pour améliorer le produit (facultatif).',
  consentAge: (minimumAge) => `Je confirme avoir au moins ${f.num(minimumAge)} ans.`,
  consentAgree: 'J’accepte',
  consentDecline: 'Refuser',
  consentRequiredHint:
    'Pour continuer, cochez la case de l’enregistrement et confirmez votre âge. Si vous ne souhaitez pas être enregistré(e), choisissez Refuser ou demandez une autre façon de postuler.',
  consentAlternative: 'Demander un autre format ou un aménagement',
  noticeLabel: 'Avis de confidentialité',
  noticeHeadings: {
    C1: 'Qui traite vos données',
    C2: 'Utilisation de l’IA',
    C3: 'Comment fonctionne l’évaluation',
    C4: 'Ce qui est évalué',
    C5: 'Ce que l’IA ne fait pas',
    C6: 'Une personne décide',
    C7: 'Pourquoi vos données sont utilisées',
    C8: 'Qui reçoit vos données',
    C9: 'Combien de temps vos données sont conservées',
    C10: 'Vos droits',
    C11: 'Un autre format, un aménagement ou plus de temps',
    C12: 'Audit des biais',
    C13: 'Votre participation est-elle obligatoire ?',
  },
  noticeStandard: {
    C2: 'Si vous cochez ci-dessous la case de l’évaluation par IA, une IA peut analyser vos réponses enregistrées pour aider à évaluer votre adéquation à ce poste. Sinon, vos réponses sont examinées par des personnes, sans IA.',
    C3: 'Seul le son de vos réponses est utilisé : il est transformé en transcription écrite, qui est comparée à ce que l’employeur recherche pour chaque question. Les images vidéo ne sont pas analysées.',
    C5: 'L’IA n’analyse ni votre visage, ni vos expressions faciales, ni vos émotions, ni les caractéristiques de votre voix, et elle ne sert pas à vous identifier.',
    C6: 'Un score de l’IA n’est qu’une recommandation. Une personne chez l’employeur examine vos réponses et prend toutes les décisions concernant votre candidature.',
    C10: 'Vous pouvez demander à consulter, corriger, exporter ou supprimer vos données, à en limiter l’utilisation ou à vous y opposer, à faire examiner vos réponses par une personne plutôt que par l’IA et à obtenir l’explication d’un résultat. Vous pouvez retirer votre consentement à tout moment avec le bouton « Retirer mon consentement » et déposer une plainte auprès d’une autorité de protection des données.',
    C11: 'Vous pouvez demander à tout moment une autre façon de postuler, un aménagement ou plus de temps, avec le bouton ci-dessous ou pendant l’entretien.',
  },
  noticeRetention: (mediaDays, evaluationDays) =>
    `Vos enregistrements sont supprimés après ${days(mediaDays)} ; les transcriptions et les évaluations après ${days(evaluationDays)}.`,
  noticeQuestion: (n) => `Question ${f.num(n)}`,

  declinedTitle: 'Vous avez refusé l’entretien vidéo',
  declinedBody: 'Rien n’a été enregistré. Veuillez contacter l’employeur pour lui demander une autre façon de postuler.',

  permissionTitle: 'Caméra et micro',
  permissionBody: 'Veuillez autoriser l’accès à votre caméra et à votre micro lorsque votre navigateur le demande.',
  permissionBodyAudio: 'Veuillez autoriser l’accès à votre micro lorsque votre navigateur le demande.',

  checkTitle: 'Vérifiez votre caméra et votre micro',
  checkIntro: 'Vérifiez que vous vous voyez bien et que le niveau bouge quand vous parlez.',
  checkIntroAudio: 'Vos réponses sont enregistrées en audio uniquement. Vérifiez que le niveau bouge quand vous parlez.',
  cameraLabel: 'Caméra',
  microphoneLabel: 'Micro',
  deviceFallbackLabel: (kind, n) => `${kind} ${f.num(n)}`,
  flipCamera: 'Basculer entre la caméra avant et la caméra arrière',
  micLevelLabel: 'Niveau du micro',
  micSilent: 'Nous ne vous entendons pas encore. Dites quelques mots ; si le niveau ne bouge pas, choisissez un autre micro.',
  deviceSwitchFailed: 'Cet appareil n’a pas pu être démarré : le précédent reste utilisé.',
  connectionChecking: 'Vérification de votre connexion…',
  connectionGood: (bitsPerSecond) => `Votre connexion (${mbps(bitsPerSecond)} Mbit/s) est assez rapide pour vos réponses.`,
  connectionSlow: (bitsPerSecond, required) =>
    `Votre connexion (${mbps(bitsPerSecond)} Mbit/s) est plus lente que l’enregistrement (${mbps(required)} Mbit/s). Vous pouvez tout de même continuer : chaque réponse est sauvegardée sur cet appareil et finit d’être envoyée après l’arrêt de l’enregistrement. Gardez cette page ouverte jusqu’à ce qu’elle indique que votre réponse est enregistrée.`,
  connectionFailed:
    'Nous n’avons pas pu vérifier votre connexion. Vous pouvez continuer : vos réponses sont sauvegardées sur cet appareil jusqu’à leur envoi.',
  continue: 'Continuer',

  resumingTitle: 'Enregistrement de votre réponse précédente…',
  resumingBody: 'Votre dernière visite s’est terminée avant que tout soit envoyé. Nous terminons l’envoi maintenant.',
  interruptedTitle: 'Votre enregistrement a été interrompu',
  interruptedBody: (seconds) =>
    `Nous avons sauvegardé ${f.clock(seconds)} de votre réponse à cette question avant l’interruption de l’enregistrement.`,
  interruptedChoice: 'Vous pouvez la garder comme réponse ou enregistrer à nouveau la question.',
  interruptedNoRetake: 'Il ne vous reste plus d’essai pour cette question : cet enregistrement sera donc votre réponse.',
  unsubmittedTitle: 'Votre réponse n’a pas encore été envoyée',
  unsubmittedBody: (seconds) => `Vous avez enregistré ${f.clock(seconds)} pour cette question, mais la page s’est fermée avant l’envoi.`,
  unsubmittedChoice: 'Vous pouvez la regarder, puis l’envoyer comme réponse ou enregistrer à nouveau la question.',
  unsubmittedNoRetake: 'Il ne vous reste plus d’essai pour cette question : vous pouvez regarder cet enregistrement, puis l’envoyer.',
  keepRecording: 'Garder cet enregistrement',
  recordAgain: 'Enregistrer à nouveau',

  offline:
    'Vous êtes hors ligne. Vous pouvez continuer : votre enregistrement est sauvegardé sur cet appareil et sera envoyé dès votre retour en ligne.',
  reconnecting: 'Problème de connexion : nouvelle tentative en cours. Votre enregistrement est en sécurité sur cet appareil.',
  noLocalCopy:
    'Remarque : ce navigateur ne nous permet pas de garder une copie sur votre appareil. Gardez donc cette page ouverte jusqu’à ce que vos réponses soient enregistrées.',

  previewLabel: 'Aperçu de votre caméra',
  questionOf: (n, total) => `Question ${f.num(n)} sur ${f.num(total)}`,
  answerLimit: (seconds) =>
    seconds === null ? 'Cette réponse n’a pas de limite de temps.' : `Vous disposez de ${f.clock(seconds)} au maximum pour répondre.`,
  record: 'Enregistrer la réponse',
  stop: 'Arrêter l’enregistrement',
  recordingTime: (elapsedSeconds, limitSeconds) =>
    limitSeconds === null
      ? `Enregistrement ${f.clock(elapsedSeconds)}`
      : `Enregistrement ${f.clock(elapsedSeconds)} sur ${f.clock(limitSeconds)}`,
  announceRecordingStarted: 'Enregistrement démarré.',
  announceRecordingStopped: 'Enregistrement arrêté. Sauvegarde de votre réponse.',
  recLabel: 'REC',
  clock: (seconds) => f.clock(seconds),
  questionLabel: 'Question',
  audioOnlyStage: 'Enregistrement audio uniquement',
  announceStartingSoon: 'L’enregistrement commence dans 3 secondes.',
  uploadDone: 'Envoyée',
  savingAnswer: 'Sauvegarde de votre réponse…',
  submitting: 'Envoi de votre entretien…',
  uploadProgress: (sent, total) => `${mb(sent)} Mo envoyés sur ${mb(total)} Mo`,
  // French "one" covers 0 and 1: "0 réponse sur 1 enregistrée".
  overallProgress: (saved, total) =>
    f.plural(saved, {
      one: `${f.num(saved)} réponse sur ${f.num(total)} enregistrée`,
      other: `${f.num(saved)} réponses sur ${f.num(total)} enregistrées`,
    }),
  overallProgressLabel: 'Progression de l’entretien',

  fileIntro:
    'Ce navigateur ne peut pas enregistrer ici. Enregistrez votre réponse avec l’application appareil photo, puis envoyez la vidéo.',
  fileChoose: 'Enregistrer ou choisir une vidéo',

  doneTitle: 'Merci !',
  doneSent: (employer) => (employer ? `Vos réponses ont été envoyées à ${employer}.` : 'Vos réponses ont été envoyées à l’employeur.'),
  doneNext: (employer) => `${employer ?? 'L’employeur'} examinera vos réponses et vous contactera pour la suite. Chaque décision est prise par une personne.`,
  doneContact: (email) => (email ? `Des questions ? Écrivez à ${email}` : 'Des questions ? Contactez l’employeur'),
  doneRights: 'Vous pouvez à tout moment demander à consulter, exporter ou supprimer vos données.',
  privacyLink: 'Comment vos données sont traitées',
  doneClose: 'Vous pouvez maintenant fermer cette page.',
  errorTitle: 'Un problème est survenu',
  retry,
  errors: {
    ASSETS_UNAVAILABLE: 'Une partie de l’entretien n’a pas pu être chargée. Vérifiez votre connexion et réessayez.',
    MISSING_ATTRIBUTES: 'Ce lien d’entretien est incomplet.',
    NETWORK_ERROR: 'Impossible de joindre le serveur de l’entretien. Vérifiez votre connexion et réessayez.',
    SESSION_TOKEN_INVALID: 'Ce lien d’entretien n’est pas valide.',
    SESSION_TOKEN_EXPIRED: 'Ce lien d’entretien a expiré. Veuillez en demander un nouveau à l’employeur.',
    INSECURE_CONTEXT: 'La caméra n’est disponible que sur les pages sécurisées (https).',
    CAMERA_PERMISSION_DENIED:
      'L’accès à la caméra ou au micro a été bloqué. Autorisez l’accès dans les paramètres de votre navigateur, puis réessayez.',
    CAMERA_NOT_FOUND: 'Aucune caméra ni aucun micro n’a été trouvé. Branchez-en un et réessayez.',
    CAMERA_IN_USE: 'Votre caméra ou votre micro est utilisé par une autre application. Fermez-la et réessayez.',
    RECORDING_UNSUPPORTED:
      'Ce navigateur ne peut pas enregistrer de vidéo. Veuillez utiliser une version récente de Chrome, Edge, Firefox ou Safari.',
    UPLOAD_FAILED: 'Votre réponse n’a pas pu être envoyée. Vérifiez votre connexion et réessayez.',
    UNSUPPORTED_MEDIA_TYPE: 'Ce fichier n’est pas une vidéo que nous pouvons accepter. Enregistrez ou choisissez une vidéo MP4 ou WebM.',
    UPLOAD_TOO_LARGE: 'Cet enregistrement est plus long que ce que permet cette question. Veuillez enregistrer une réponse plus courte.',
    SERVER_ERROR: 'Le serveur de l’entretien a rencontré un problème. Veuillez réessayer dans un instant.',
    BAD_RESPONSE: 'Le serveur de l’entretien a envoyé une réponse illisible. Veuillez réessayer.',
    CONSENT_REQUIRED: 'Votre consentement est nécessaire avant tout enregistrement. Veuillez recharger la page.',
    CAMERA_FAILED: 'La caméra ou le micro a cessé de fonctionner. Vérifiez-le et réessayez.',
    RECORDING_FAILED: 'L’enregistrement a échoué. Veuillez réessayer.',
    UPLOAD_OFFSET_LOST: 'L’envoi de votre réponse s’est désynchronisé du serveur. Veuillez réessayer.',
    UPLOAD_INCOMPLETE: 'L’envoi de votre réponse n’est pas terminé. Gardez cette page ouverte et réessayez.',
  },

  helpTitle: {
    CAMERA_PERMISSION_DENIED: 'Autorisez votre caméra et votre micro',
    CAMERA_NOT_FOUND: 'Aucune caméra ni aucun micro trouvé',
    CAMERA_IN_USE: 'Votre caméra ou votre micro est occupé',
    INSECURE_CONTEXT: 'Cette page n’est pas sécurisée',
  },
  helpPermission: {
    chrome: `Cliquez sur l’icône de caméra (ou l’icône des paramètres) à gauche de la barre d’adresse, réglez Caméra et Micro sur « Autoriser », puis cliquez sur ${retry}.`,
    edge: `Cliquez sur l’icône du cadenas à gauche de la barre d’adresse, choisissez « Autorisations pour ce site », réglez Caméra et Micro sur « Autoriser », puis cliquez sur ${retry}.`,
    firefox: `Cliquez sur l’icône de caméra barrée dans la barre d’adresse et supprimez les autorisations « Bloqué » de la caméra et du micro. Cliquez ensuite sur ${retry} et choisissez Autoriser.`,
    safari: `Sur Mac : choisissez Safari > Réglages pour ce site web et réglez Caméra et Micro sur « Autoriser ». Sur iPhone ou iPad : touchez « aA » dans la barre d’adresse > Réglages du site web. Cliquez ensuite sur ${retry}.`,
    other: `Ouvrez les paramètres de votre navigateur pour ce site web, autorisez la caméra et le micro, puis cliquez sur ${retry}.`,
  },
  helpPermissionSystem:
    'Toujours bloqué ? Votre ordinateur n’autorise peut-être pas ce navigateur à utiliser la caméra : sur Mac, voir Réglages Système > Confidentialité et sécurité > Caméra ; sur Windows, Paramètres > Confidentialité > Caméra.',
  helpNotFound: `Branchez une caméra et un micro (ou activez-les dans les paramètres de votre système), puis cliquez sur ${retry}.`,
  helpNotFoundAudio: `Branchez un micro (ou activez-le dans les paramètres de votre système), puis cliquez sur ${retry}.`,
  helpInUse: `Une autre application ou un autre onglet utilise votre caméra ou votre micro, par exemple un appel vidéo. Fermez-le, puis cliquez sur ${retry}.`,
  helpInsecure:
    'Les navigateurs n’autorisent la caméra que sur les pages sécurisées (https). Merci de le signaler à l’employeur : l’entretien doit être ouvert depuis une adresse https.',

  introTitle: 'Déroulement de l’entretien',
  introBody: (questions) =>
    f.plural(questions, {
      one: 'Il y a # question. Vous la verrez, vous aurez un moment pour réfléchir, puis vous enregistrerez votre réponse.',
      other: 'Il y a # questions. Pour chacune, vous voyez la question, vous avez un moment pour réfléchir, puis vous enregistrez votre réponse.',
    }),
  introReview: 'Après chaque réponse, vous pouvez la regarder et l’enregistrer à nouveau tant qu’il vous reste des essais.',
  introResume: (answered, total) =>
    f.plural(answered, {
      one: `Vous avez déjà répondu à # question sur ${f.num(total)}. Vous reprendrez là où vous vous étiez arrêté(e).`,
      other: `Vous avez déjà répondu à # questions sur ${f.num(total)}. Vous reprendrez là où vous vous étiez arrêté(e).`,
    }),
  introStepThink: 'Lisez la question et prenez un moment pour réfléchir. L’enregistrement commence quand vous appuyez sur « Enregistrer la réponse » ou à la fin du temps de réflexion.',
  introStepRecord: 'Répondez pendant que la caméra enregistre. Le temps restant s’affiche sur l’aperçu ; appuyez sur « Arrêter l’enregistrement » quand vous avez terminé.',
  introVideoLabel: 'Vidéo de bienvenue',
  practiceStart: 'Essayer une question d’entraînement',
  practiceLabel: 'Question d’entraînement (non transmise à l’employeur)',
  practiceDone: 'Commencer l’entretien',
  practiceAgain: 'S’entraîner à nouveau',
  startInterview: 'Commencer l’entretien',
  thinkTime: (seconds) => `L’enregistrement commence dans ${f.num(seconds)} s. Prenez un moment pour réfléchir.`,
  startNow: 'Commencer l’enregistrement maintenant',
  promptVideoLabel: 'La question en vidéo',
  timeLeft: (seconds) => `Temps restant : ${f.clock(seconds)}`,
  timeElapsed: (seconds) => `Enregistrement ${f.clock(seconds)}`,
  noTimeLimit: 'Pas de limite de temps',
  timeWarning: (seconds) =>
    f.plural(seconds, {
      one: 'Il reste # seconde. Arrêtez quand vous avez terminé, ou prenez plus de temps.',
      other: 'Il reste # secondes. Arrêtez quand vous avez terminé, ou prenez plus de temps.',
    }),
  moreTime: 'Plus de temps (+1 min)',
  moreTimeKey: 'Appuyez sur + pour avoir plus de temps.',
  announceExtended: (seconds) => `Temps prolongé. Il reste ${f.clock(seconds)}.`,
  announceTimeLeft: (seconds) =>
    seconds >= 60
      ? f.plural(Math.round(seconds / 60), { one: 'Il reste # minute.', other: 'Il reste # minutes.' })
      : f.plural(seconds, { one: 'Il reste # seconde.', other: 'Il reste # secondes.' }),
  reviewTitle: 'Vérifiez votre réponse',
  reviewPlaybackLabel: 'Votre réponse enregistrée',
  reviewLength: (seconds) => `Durée ${f.clock(seconds)}`,
  reviewRetakesLeft: (n) =>
    n === 0 ? 'Il ne vous reste plus d’essai pour cette question.' : `Vous pouvez encore enregistrer cette réponse ${f.num(n)} fois.`,
  submitAnswer: 'Envoyer la réponse',
  announceAnswerSaved: 'Votre réponse est enregistrée.',
  interruptedNotice: (reason) =>
    `${reason === 'hidden' ? 'L’enregistrement s’est arrêté car vous avez quitté cette page.' : reason === 'device' ? 'L’enregistrement s’est arrêté car la caméra ou le micro a cessé de fonctionner.' : 'L’enregistrement s’est arrêté car une autre application a pris le son (un appel ?).'} Ce qui a été enregistré jusque-là est sauvegardé : envoyez-le ou enregistrez à nouveau. Cela ne compte pas comme une nouvelle tentative.`,
  recordAgainFree: 'Enregistrer à nouveau (ne compte pas comme une tentative)',
  announceInterrupted: 'L’enregistrement a été interrompu. Ce que vous avez enregistré est sauvegardé. Vous pouvez l’envoyer ou enregistrer à nouveau sans utiliser de tentative.',
  announceReview: 'Enregistrement arrêté. Vous pouvez regarder votre réponse, puis l’envoyer ou l’enregistrer à nouveau.',

  requestOpen: 'Demander plus de temps ou un autre format',
  requestTitle: 'Faire une demande à l’employeur',
  requestType: 'De quoi avez-vous besoin ?',
  requestTypes: {
    accommodation: 'Plus de temps ou un autre aménagement',
    alternative_process: 'Une autre façon de postuler (par exemple un entretien en direct ou des réponses écrites)',
    human_review: 'Une évaluation de mes réponses par une personne, et non par l’IA',
    opt_out_ai: 'Aucune évaluation automatisée de mes réponses',
  },
  requestMessage: 'Informations utiles pour l’employeur (facultatif)',
  requestSend: 'Envoyer la demande',
  requestCancel: 'Annuler',
  requestSent: 'Votre demande a été envoyée à l’employeur. Vous pouvez continuer ou attendre sa réponse.',
  withdrawOpen: 'Retirer mon consentement',
  withdrawConfirmTitle: 'Retirer votre consentement ?',
  withdrawConfirmBody: 'L’enregistrement s’arrête et vos enregistrements pour cette candidature sont supprimés. Cette action est irréversible.',
  withdrawConfirm: 'Retirer et supprimer',
  withdrawCancel: 'Continuer l’entretien',
  withdrawnTitle: 'Vous avez retiré votre consentement',
  withdrawnBody: 'Plus rien ne sera enregistré, et l’employeur a été invité à supprimer vos enregistrements. Vous pouvez fermer cette page.',

  speechCheckPrompt: 'Dites quelques mots pour que nous puissions vérifier que nous vous entendons.',
  speechCheckHeard: 'Nous vous entendons.',
  noSpeechNudge: 'Nous ne vous entendons pas encore. Votre micro est-il activé ?',
};

export default fr;
