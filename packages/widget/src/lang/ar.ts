/**
 * Arabic (Modern Standard Arabic). Keys and argument lists mirror `en.ts`; see there for what each
 * string is for. Counted nouns follow Arabic agreement: every CLDR category (zero, one, two, few
 * 3–10, many 11–99, other 100+) has its form.
 */
import { formatters } from '../i18n/format.js';
import type { CandidMessages } from './en.js';

const f = formatters('ar');
const days = (n: number): string => f.plural(n, { zero: '# يوم', one: 'يوم واحد', two: 'يومين', few: '# أيام', many: '# يومًا', other: '# يوم' });
/** Megabytes, with two decimals below 1 MB (a short take is not "0.0 of 0.0"). */
const mb = (bytes: number): string => f.fixed(bytes / 1_000_000, bytes < 1_000_000 ? 2 : 1);
const mbps = (bitsPerSecond: number): string => f.fixed(bitsPerSecond / 1_000_000, bitsPerSecond >= 10_000_000 ? 0 : 1);
/** The retry button's label, quoted by the help texts. */
const retry = 'إعادة المحاولة';

/** Counted nouns after a preposition (genitive) and as a subject (nominative), per plural category. */
const secondsAfter = (n: number): string =>
  f.plural(n, { zero: '# ثانية', one: 'ثانية واحدة', two: 'ثانيتين', few: '# ثوانٍ', many: '# ثانية', other: '# ثانية' });
const secondsLeft = (n: number): string =>
  f.plural(n, { zero: '# ثانية', one: 'ثانية واحدة', two: 'ثانيتان', few: '# ثوانٍ', many: '# ثانية', other: '# ثانية' });
const questionsCount = (n: number): string =>
  f.plural(n, { zero: '# سؤال', one: 'سؤال واحد', two: 'سؤالان', few: '# أسئلة', many: '# سؤالًا', other: '# سؤال' });
const minutesLeft = (n: number): string =>
  f.plural(n, { zero: '# دقيقة', one: 'دقيقة واحدة', two: 'دقيقتان', few: '# دقائق', many: '# دقيقة', other: '# دقيقة' });

const ar: CandidMessages = {
  loading: 'جارٍ تحميل المقابلة…',
  headerSummary: (questions, minutes) => `${questionsCount(questions)} · نحو ${minutesLeft(minutes)}`,
  welcomeTitle: (employer, role) =>
    employer && role ? `تدعوك ${employer} إلى مقابلة بالفيديو لوظيفة ${role}` : employer ? `تدعوك ${employer} إلى مقابلة بالفيديو` : role ? `مقابلة بالفيديو: ${role}` : 'مقابلتك بالفيديو',
  summaryQuestions: (n) => questionsCount(n),
  summaryMinutes: (minutes) => `نحو ${minutesLeft(minutes)}`,
  summaryThink: (seconds) => (seconds > 0 ? `حتى ${seconds < 60 ? secondsAfter(seconds) : f.clock(seconds)} للتفكير قبل كل إجابة` : 'تبدأ كل تسجيل عندما تكون مستعدًا'),
  summaryRetakes: (n) =>
    n === 0 ? 'لا يمكن إعادة التسجيل' : `${f.plural(n, { zero: '# إعادة', one: 'إعادة واحدة', two: 'إعادتان', few: '# إعادات', many: '# إعادة', other: '# إعادة' })} لكل سؤال`,
  restoredNote: 'مرحبًا بعودتك: استعدنا تقدّمك، وستتابع من حيث توقفت.',

  consentTitle: 'قبل أن تبدأ',
  consentIntro:
    'تُسجَّل إجاباتك في هذه المقابلة بالفيديو والصوت. يُرجى قراءة الإشعار أدناه واختيار ما توافق عليه. لن يُسجَّل أي شيء قبل موافقتك.',
  consentChoicesLegend: 'اختياراتك',
  consentRecording:
    'أوافق على تسجيل إجاباتي بالفيديو والصوت ومشاركتها مع جهة التوظيف لأغراض هذا الطلب (إلزامي للمقابلة المصوّرة).',
  consentAiEvaluation:
    'أوافق على تحويل إجاباتي إلى نص وتقييمها بمساعدة الذكاء الاصطناعي، على أن يراجع شخصٌ كل تقييم (اختياري).',
  consentProductImprovement: 'يجوز استخدام تسجيلاتي لتحسين المنتج (اختياري).',
  consentAge: (minimumAge) =>
    f.plural(minimumAge, { few: 'أؤكد أن عمري # أعوام على الأقل.', other: 'أؤكد أن عمري # عامًا على الأقل.' }),
  consentAgree: 'أوافق',
  consentDecline: 'أرفض',
  consentRequiredHint:
    'للمتابعة، ضع علامة في مربع التسجيل وأكّد عمرك. إذا كنت لا ترغب في أن يتم تسجيلك، فاختر «أرفض» أو اطلب طريقة أخرى للتقديم.',
  consentAlternative: 'طلب صيغة أخرى أو تسهيلات',
  noticeLabel: 'إشعار الخصوصية',
  noticeHeadings: {
    C1: 'مَن يطلب بياناتك',
    C2: 'استخدام الذكاء الاصطناعي',
    C3: 'كيف يجري التقييم',
    C4: 'ما الذي يُقيَّم',
    C5: 'ما لا يفعله الذكاء الاصطناعي',
    C6: 'القرار لإنسان',
    C7: 'لماذا تُستخدم بياناتك',
    C8: 'مَن يتلقى بياناتك',
    C9: 'مدة الاحتفاظ ببياناتك',
    C10: 'حقوقك',
    C11: 'صيغة أخرى أو تسهيلات أو وقت إضافي',
    C12: 'تدقيق التحيز',
    C13: 'هل المشاركة إلزامية؟',
  },
  noticeStandard: {
    C2: 'إذا حدّدت خانة التقييم بالذكاء الاصطناعي أدناه، فقد يحلّل الذكاء الاصطناعي إجاباتك المسجّلة للمساعدة في تقييم ملاءمتك لهذه الوظيفة. وإن لم تحدّدها، يراجع أشخاصٌ إجاباتك دون ذكاء اصطناعي.',
    C3: 'يُستخدم صوت إجاباتك فقط: يُحوَّل إلى نص مكتوب، ويُقارَن هذا النص بما تبحث عنه جهة التوظيف في كل سؤال. لا تُحلَّل صور الفيديو.',
    C5: 'لا يحلّل الذكاء الاصطناعي وجهك ولا تعابير وجهك ولا مشاعرك ولا خصائص صوتك، ولا يُستخدم للتعرّف على هويتك.',
    C6: 'درجة الذكاء الاصطناعي مجرد توصية. يراجع شخصٌ لدى جهة التوظيف إجاباتك ويتخذ كل القرارات المتعلقة بطلبك.',
    C10: 'يمكنك طلب الاطلاع على بياناتك أو تصحيحها أو تصديرها أو حذفها، وتقييد استخدامها أو الاعتراض عليه، وأن يراجع شخصٌ إجاباتك بدلًا من الذكاء الاصطناعي، والحصول على تفسير لأي نتيجة. يمكنك سحب موافقتك في أي وقت بزر «سحب الموافقة»، وتقديم شكوى إلى هيئة لحماية البيانات.',
    C11: 'يمكنك في أي وقت طلب طريقة أخرى للتقديم أو تسهيلات أو وقت إضافي، بالزر أدناه أو أثناء المقابلة.',
  },
  noticeRetention: (mediaDays, evaluationDays) =>
    `تُحذف تسجيلاتك بعد ${days(mediaDays)}، وتُحذف النصوص المكتوبة والتقييمات بعد ${days(evaluationDays)}.`,
  noticeQuestion: (n) => `السؤال ${f.num(n)}`,

  declinedTitle: 'لقد رفضت المقابلة المصوّرة',
  declinedBody: 'لم يُسجَّل أي شيء. يُرجى التواصل مع جهة التوظيف لطلب طريقة أخرى للتقديم.',

  permissionTitle: 'الكاميرا والميكروفون',
  permissionBody: 'يُرجى السماح بالوصول إلى الكاميرا والميكروفون عندما يطلب المتصفح ذلك.',
  permissionBodyAudio: 'يُرجى السماح بالوصول إلى الميكروفون عندما يطلب المتصفح ذلك.',

  checkTitle: 'تحقّق من الكاميرا والميكروفون',
  checkIntro: 'تأكّد من أنك ترى نفسك، ومن أن المؤشر يتحرك عندما تتكلم.',
  checkIntroAudio: 'تُسجَّل إجاباتك صوتًا فقط. تأكّد من أن المؤشر يتحرك عندما تتكلم.',
  cameraLabel: 'الكاميرا',
  microphoneLabel: 'الميكروفون',
  deviceFallbackLabel: (kind, n) => `${kind} ${f.num(n)}`,
  flipCamera: 'التبديل بين الكاميرا الأمامية والخلفية',
  micLevelLabel: 'مستوى صوت الميكروفون',
  micSilent: 'لا نسمعك بعد. قل بضع كلمات، وإذا لم يتحرك المؤشر فاختر ميكروفونًا آخر.',
  deviceSwitchFailed: 'تعذّر تشغيل هذا الجهاز، لذا لا يزال الجهاز السابق قيد الاستخدام.',
  connectionChecking: 'جارٍ التحقق من الاتصال…',
  connectionGood: (bitsPerSecond) => `سرعة اتصالك (${mbps(bitsPerSecond)} ميغابت/ث) كافية لإجاباتك.`,
  connectionSlow: (bitsPerSecond, required) =>
    `اتصالك (${mbps(bitsPerSecond)} ميغابت/ث) أبطأ من معدل التسجيل (${mbps(required)} ميغابت/ث). يمكنك المتابعة رغم ذلك: تُحفظ كل إجابة على هذا الجهاز ويكتمل رفعها بعد أن توقف التسجيل. يُرجى إبقاء هذه الصفحة مفتوحة حتى تظهر رسالة تفيد بحفظ إجابتك.`,
  connectionFailed: 'تعذّر علينا التحقق من اتصالك. يمكنك المتابعة: تُحفظ إجاباتك على هذا الجهاز إلى أن يتم رفعها.',
  continue: 'متابعة',

  resumingTitle: 'جارٍ حفظ إجابتك السابقة…',
  resumingBody: 'انتهت زيارتك الأخيرة قبل رفع كل شيء. نحن نُكمل ذلك الآن.',
  interruptedTitle: 'انقطع التسجيل',
  interruptedBody: (seconds) => `حفظنا ${f.clock(seconds)} من إجابتك عن هذا السؤال قبل انقطاع التسجيل.`,
  interruptedChoice: 'يمكنك الاحتفاظ به إجابةً لك، أو تسجيل السؤال مرة أخرى.',
  interruptedNoRetake: 'لم تعد لديك محاولات إعادة لهذا السؤال، لذا سيكون هذا التسجيل إجابتك.',
  unsubmittedTitle: 'لم تُرسَل إجابتك بعد',
  unsubmittedBody: (seconds) => `سجّلت ${f.clock(seconds)} لهذا السؤال، لكن الصفحة أُغلقت قبل أن ترسلها.`,
  unsubmittedChoice: 'يمكنك مشاهدتها، ثم إرسالها إجابةً لك أو تسجيل السؤال مرة أخرى.',
  unsubmittedNoRetake: 'لم تعد لديك محاولات إعادة لهذا السؤال: يمكنك مشاهدة هذا التسجيل ثم إرساله.',
  keepRecording: 'الاحتفاظ بهذا التسجيل',
  recordAgain: 'التسجيل مرة أخرى',

  offline: 'أنت غير متصل بالإنترنت. يمكنك المتابعة: يُحفظ تسجيلك على هذا الجهاز ويُرفع عند عودة الاتصال.',
  reconnecting: 'مشكلة في الاتصال: جارٍ إعادة المحاولة. تسجيلك في أمان على هذا الجهاز.',
  noLocalCopy: 'ملاحظة: لا يسمح لنا هذا المتصفح بالاحتفاظ بنسخة على جهازك، لذا يُرجى إبقاء هذه الصفحة مفتوحة حتى تُحفظ إجاباتك.',

  previewLabel: 'معاينة الكاميرا',
  questionOf: (n, total) => `السؤال ${f.num(n)} من ${f.num(total)}`,
  answerLimit: (seconds) => (seconds === null ? 'لا يوجد حد زمني لهذه الإجابة.' : `لديك حتى ${f.clock(seconds)} للإجابة.`),
  record: 'تسجيل الإجابة',
  stop: 'إيقاف التسجيل',
  recordingTime: (elapsedSeconds, limitSeconds) =>
    limitSeconds === null
      ? `جارٍ التسجيل ${f.clock(elapsedSeconds)}`
      : `جارٍ التسجيل ${f.clock(elapsedSeconds)} من ${f.clock(limitSeconds)}`,
  announceRecordingStarted: 'بدأ التسجيل.',
  announceRecordingStopped: 'توقف التسجيل. جارٍ حفظ إجابتك.',
  recLabel: 'تسجيل',
  clock: (seconds) => f.clock(seconds),
  questionLabel: 'السؤال',
  audioOnlyStage: 'يُسجَّل الصوت فقط',
  announceStartingSoon: 'يبدأ التسجيل خلال 3 ثوانٍ.',
  uploadDone: 'تم الرفع',
  savingAnswer: 'جارٍ حفظ إجابتك…',
  submitting: 'جارٍ إرسال المقابلة…',
  uploadProgress: (sent, total) => `تم رفع ${mb(sent)} من ${mb(total)} ميغابايت`,
  overallProgress: (saved, total) => {
    const s = f.num(saved);
    return f.plural(total, {
      zero: `تم حفظ ${s} من # إجابة`,
      one: `تم حفظ ${s} من إجابة واحدة`,
      two: `تم حفظ ${s} من إجابتين`,
      few: `تم حفظ ${s} من # إجابات`,
      many: `تم حفظ ${s} من # إجابة`,
      other: `تم حفظ ${s} من # إجابة`,
    });
  },
  overallProgressLabel: 'تقدّم المقابلة',

  fileIntro: 'لا يمكن لهذا المتصفح التسجيل هنا. سجّل إجابتك باستخدام تطبيق الكاميرا، ثم ارفع الفيديو.',
  fileChoose: 'سجّل فيديو أو اختره',

  doneTitle: 'شكرًا لك!',
  doneSent: (employer) => (employer ? `أُرسلت إجاباتك إلى ${employer}.` : 'أُرسلت إجاباتك إلى جهة التوظيف.'),
  doneNext: (employer) => `ستراجع ${employer ?? 'جهة التوظيف'} إجاباتك وتتواصل معك بشأن الخطوات التالية. يتخذ شخصٌ كل قرار.`,
  doneContact: (email) => (email ? `هل لديك أسئلة؟ راسل ${email}` : 'هل لديك أسئلة؟ تواصل مع جهة التوظيف'),
  doneRights: 'يمكنك في أي وقت طلب الاطلاع على بياناتك أو تصديرها أو حذفها.',
  privacyLink: 'كيف تُعالَج بياناتك',
  doneClose: 'يمكنك الآن إغلاق هذه الصفحة.',
  errorTitle: 'حدث خطأ ما',
  retry,
  errors: {
    ASSETS_UNAVAILABLE: 'تعذّر تحميل جزء من المقابلة. تحقّق من اتصالك وحاول مرة أخرى.',
    MISSING_ATTRIBUTES: 'رابط هذه المقابلة غير مكتمل.',
    NETWORK_ERROR: 'تعذّر الوصول إلى خادم المقابلة. تحقّق من اتصالك وحاول مرة أخرى.',
    SESSION_TOKEN_INVALID: 'رابط هذه المقابلة غير صالح.',
    SESSION_TOKEN_EXPIRED: 'انتهت صلاحية رابط هذه المقابلة. يُرجى طلب رابط جديد من جهة التوظيف.',
    INSECURE_CONTEXT: 'لا تتوفر الكاميرا إلا على الصفحات الآمنة (https).',
    CAMERA_PERMISSION_DENIED: 'تم حظر الوصول إلى الكاميرا أو الميكروفون. اسمح بالوصول من إعدادات المتصفح، ثم حاول مرة أخرى.',
    CAMERA_NOT_FOUND: 'لم يُعثر على كاميرا أو ميكروفون. وصّل جهازًا وحاول مرة أخرى.',
    CAMERA_IN_USE: 'يستخدم تطبيق آخر الكاميرا أو الميكروفون. أغلقه وحاول مرة أخرى.',
    RECORDING_UNSUPPORTED: 'لا يمكن لهذا المتصفح تسجيل الفيديو. يُرجى استخدام إصدار حديث من Chrome أو Edge أو Firefox أو Safari.',
    UPLOAD_FAILED: 'تعذّر رفع إجابتك. تحقّق من اتصالك وحاول مرة أخرى.',
    UNSUPPORTED_MEDIA_TYPE: 'هذا الملف ليس فيديو يمكننا قبوله. يُرجى تسجيل فيديو أو اختيار فيديو بصيغة MP4 أو WebM.',
    UPLOAD_TOO_LARGE: 'هذا التسجيل أطول مما يسمح به هذا السؤال. يُرجى تسجيل إجابة أقصر.',
    SERVER_ERROR: 'واجه خادم المقابلة مشكلة. يُرجى المحاولة مرة أخرى بعد قليل.',
    BAD_RESPONSE: 'أرسل خادم المقابلة ردًا تعذّرت علينا قراءته. يُرجى المحاولة مرة أخرى.',
    CONSENT_REQUIRED: 'يلزم الحصول على موافقتك قبل تسجيل أي شيء. يُرجى إعادة تحميل الصفحة.',
    CAMERA_FAILED: 'توقفت الكاميرا أو الميكروفون عن العمل. تحقّق منهما وحاول مرة أخرى.',
    RECORDING_FAILED: 'تعذّر التسجيل. يُرجى المحاولة مرة أخرى.',
    UPLOAD_OFFSET_LOST: 'فقد رفع إجابتك تزامنه مع الخادم. يُرجى المحاولة مرة أخرى.',
    UPLOAD_INCOMPLETE: 'لم يكتمل رفع إجابتك بعد. أبقِ هذه الصفحة مفتوحة وحاول مرة أخرى.',
  },

  helpTitle: {
    CAMERA_PERMISSION_DENIED: 'اسمح باستخدام الكاميرا والميكروفون',
    CAMERA_NOT_FOUND: 'لم يُعثر على كاميرا أو ميكروفون',
    CAMERA_IN_USE: 'الكاميرا أو الميكروفون قيد الاستخدام',
    INSECURE_CONTEXT: 'هذه الصفحة غير آمنة',
  },
  // "At the start of the address bar": the site icon sits on the right in a right-to-left browser.
  helpPermission: {
    chrome: `انقر على رمز الكاميرا (أو رمز الإعدادات) في بداية شريط العناوين، واضبط الكاميرا والميكروفون على «السماح»، ثم انقر على «${retry}».`,
    edge: `انقر على رمز القفل في بداية شريط العناوين، واختر «أذونات هذا الموقع»، واضبط الكاميرا والميكروفون على «السماح»، ثم انقر على «${retry}».`,
    firefox: `انقر على رمز الكاميرا المشطوب في شريط العناوين، وأزل إذن «محظور» عن الكاميرا والميكروفون. ثم انقر على «${retry}» واختر «السماح».`,
    safari: `على جهاز Mac: اختر Safari ثم «إعدادات هذا الموقع» واضبط الكاميرا والميكروفون على «السماح». على iPhone أو iPad: اضغط على «aA» في شريط العناوين ثم «إعدادات موقع الويب». ثم انقر على «${retry}».`,
    other: `افتح إعدادات المتصفح لهذا الموقع، واسمح باستخدام الكاميرا والميكروفون، ثم انقر على «${retry}».`,
  },
  helpPermissionSystem:
    'هل لا يزال الوصول محظورًا؟ قد لا يسمح جهاز الكمبيوتر لهذا المتصفح باستخدام الكاميرا: على Mac راجع «إعدادات النظام» ثم «الخصوصية والأمن» ثم «الكاميرا»، وعلى Windows راجع «الإعدادات» ثم «الخصوصية» ثم «الكاميرا».',
  helpNotFound: `وصّل كاميرا وميكروفونًا (أو شغّلهما من إعدادات النظام)، ثم انقر على «${retry}».`,
  helpNotFoundAudio: `وصّل ميكروفونًا (أو شغّله من إعدادات النظام)، ثم انقر على «${retry}».`,
  helpInUse: `يستخدم تطبيق آخر أو علامة تبويب أخرى في المتصفح الكاميرا أو الميكروفون، مثل مكالمة فيديو. أغلقه، ثم انقر على «${retry}».`,
  helpInsecure:
    'لا تسمح المتصفحات باستخدام الكاميرا إلا على الصفحات الآمنة (https). يُرجى إبلاغ جهة التوظيف بضرورة فتح المقابلة من عنوان https.',

  introTitle: 'كيف تجري هذه المقابلة',
  introBody: (questions) =>
    f.plural(questions, {
      zero: 'لا توجد أسئلة في هذه المقابلة.',
      one: 'في هذه المقابلة سؤال واحد. ستراه، ثم تحصل على لحظة للتفكير، ثم تسجّل إجابتك.',
      two: 'في هذه المقابلة سؤالان. سترى كل سؤال، ثم تحصل على لحظة للتفكير، ثم تسجّل إجابتك.',
      few: 'في هذه المقابلة # أسئلة. سترى كل سؤال، ثم تحصل على لحظة للتفكير، ثم تسجّل إجابتك.',
      many: 'في هذه المقابلة # سؤالًا. سترى كل سؤال، ثم تحصل على لحظة للتفكير، ثم تسجّل إجابتك.',
      other: 'في هذه المقابلة # سؤال. سترى كل سؤال، ثم تحصل على لحظة للتفكير، ثم تسجّل إجابتك.',
    }),
  introReview: 'بعد كل إجابة يمكنك مشاهدتها، وإعادة تسجيلها ما دامت لديك محاولات متبقية.',
  introResume: (answered, total) => {
    const a = f.num(answered);
    return f.plural(total, {
      zero: `أجبت بالفعل عن ${a} من # سؤال. ستتابع من حيث توقفت.`,
      one: `أجبت بالفعل عن ${a} من سؤال واحد. ستتابع من حيث توقفت.`,
      two: `أجبت بالفعل عن ${a} من سؤالين. ستتابع من حيث توقفت.`,
      few: `أجبت بالفعل عن ${a} من # أسئلة. ستتابع من حيث توقفت.`,
      many: `أجبت بالفعل عن ${a} من # سؤالًا. ستتابع من حيث توقفت.`,
      other: `أجبت بالفعل عن ${a} من # سؤال. ستتابع من حيث توقفت.`,
    });
  },
  introStepThink: 'اقرأ السؤال وخذ لحظة للتفكير. يبدأ التسجيل عند الضغط على «تسجيل الإجابة» أو عند انتهاء وقت التفكير.',
  introStepRecord: 'أجب بينما تسجّل الكاميرا. يظهر الوقت المتبقي على المعاينة؛ اضغط «إيقاف التسجيل» عند الانتهاء.',
  introVideoLabel: 'فيديو ترحيبي',
  practiceStart: 'جرّب سؤالًا تدريبيًا',
  practiceLabel: 'سؤال تدريبي (لا يُرسل إلى جهة التوظيف)',
  practiceDone: 'ابدأ المقابلة',
  practiceAgain: 'تدرّب مرة أخرى',
  startInterview: 'ابدأ المقابلة',
  thinkTime: (seconds) => `يبدأ التسجيل بعد ${secondsAfter(seconds)}. خذ لحظة للتفكير.`,
  startNow: 'ابدأ التسجيل الآن',
  promptVideoLabel: 'السؤال بصيغة فيديو',
  timeLeft: (seconds) => `الوقت المتبقي ${f.clock(seconds)}`,
  timeElapsed: (seconds) => `جارٍ التسجيل ${f.clock(seconds)}`,
  noTimeLimit: 'بلا حد زمني',
  timeWarning: (seconds) => `الوقت المتبقي: ${secondsLeft(seconds)}. أوقف التسجيل عند الانتهاء، أو اطلب وقتًا إضافيًا.`,
  moreTime: 'وقت إضافي (دقيقة واحدة)',
  moreTimeKey: 'اضغط + للحصول على وقت إضافي.',
  announceExtended: (seconds) => `تم تمديد الوقت. الوقت المتبقي ${f.clock(seconds)}.`,
  announceTimeLeft: (seconds) =>
    `الوقت المتبقي: ${seconds >= 60 ? minutesLeft(Math.round(seconds / 60)) : secondsLeft(seconds)}.`,
  reviewTitle: 'راجع إجابتك',
  reviewPlaybackLabel: 'إجابتك المسجّلة',
  reviewLength: (seconds) => `المدة ${f.clock(seconds)}`,
  reviewRetakesLeft: (n) =>
    n === 0
      ? 'لم تعد لديك محاولات إعادة لهذا السؤال.'
      : f.plural(n, {
          one: 'يمكنك إعادة تسجيل هذه الإجابة مرة واحدة أخرى.',
          two: 'يمكنك إعادة تسجيل هذه الإجابة مرتين أخريين.',
          few: 'يمكنك إعادة تسجيل هذه الإجابة # مرات أخرى.',
          other: 'يمكنك إعادة تسجيل هذه الإجابة # مرة أخرى.',
        }),
  submitAnswer: 'إرسال الإجابة',
  announceAnswerSaved: 'تم حفظ إجابتك.',
  interruptedNotice: (reason) =>
    `${reason === 'hidden' ? 'توقف التسجيل لأنك غادرت هذه الصفحة.' : reason === 'device' ? 'توقف التسجيل لأن الكاميرا أو الميكروفون توقف عن العمل.' : 'توقف التسجيل لأن تطبيقًا آخر استحوذ على الصوت (مكالمة؟).'} ما سُجّل حتى تلك اللحظة محفوظ: أرسله أو سجّل مرة أخرى. لا يُحتسب ذلك من محاولاتك.`,
  recordAgainFree: 'التسجيل مرة أخرى (لا يُحتسب محاولة)',
  announceInterrupted: 'انقطع التسجيل. ما سجّلته محفوظ. يمكنك إرساله أو التسجيل مرة أخرى دون استهلاك محاولة.',
  announceReview: 'توقف التسجيل. يمكنك مشاهدة إجابتك، ثم إرسالها أو إعادة تسجيلها.',

  requestOpen: 'طلب وقت إضافي أو صيغة أخرى',
  requestTitle: 'طلب إلى جهة التوظيف',
  requestType: 'ما الذي تحتاج إليه؟',
  requestTypes: {
    accommodation: 'وقت إضافي أو تسهيلات أخرى',
    alternative_process: 'طريقة أخرى للتقديم (مثل مقابلة مباشرة أو إجابات مكتوبة)',
    human_review: 'أن يقيّم إجاباتي شخصٌ وليس الذكاء الاصطناعي',
    opt_out_ai: 'عدم تقييم إجاباتي تقييمًا آليًا',
  },
  requestMessage: 'ما ينبغي أن تعرفه جهة التوظيف (اختياري)',
  requestSend: 'إرسال الطلب',
  requestCancel: 'إلغاء',
  requestSent: 'تم إرسال طلبك إلى جهة التوظيف. يمكنك المتابعة أو انتظار ردّها.',
  withdrawOpen: 'سحب الموافقة',
  withdrawConfirmTitle: 'هل تريد سحب موافقتك؟',
  withdrawConfirmBody: 'سيتوقف التسجيل، وستُحذف تسجيلاتك الخاصة بهذا الطلب. لا يمكن التراجع عن ذلك.',
  withdrawConfirm: 'سحب الموافقة والحذف',
  withdrawCancel: 'متابعة المقابلة',
  withdrawnTitle: 'لقد سحبت موافقتك',
  withdrawnBody: 'لن يُسجَّل أي شيء بعد الآن، وقد طُلب من جهة التوظيف حذف تسجيلاتك. يمكنك إغلاق هذه الصفحة.',

  speechCheckPrompt: 'قل بضع كلمات لنتأكد من أننا نسمعك.',
  speechCheckHeard: 'نسمعك بوضوح.',
  noSpeechNudge: 'لا نسمعك بعد. هل الميكروفون قيد التشغيل؟',
};

export default ar;
