import type { Locale } from '../i18n/negotiate.js';

/**
 * The few words the widget can say before its catalog has loaded (the script-tag core carries no
 * catalog), or when the catalog cannot load at all.
 */
export interface BootMessages {
  loading: string;
  /** The widget's own files (texts, screens) could not be loaded from `assets-base`. */
  unavailable: string;
  retry: string;
}

export const BOOT_MESSAGES: Readonly<Record<Locale, BootMessages>> = {
  en: { loading: 'Loading your interview…', unavailable: 'The interview could not be loaded. Check your connection and try again.', retry: 'Try again' },
  es: { loading: 'Cargando su entrevista…', unavailable: 'No se pudo cargar la entrevista. Compruebe su conexión e inténtelo de nuevo.', retry: 'Intentar de nuevo' },
  fr: { loading: 'Chargement de votre entretien…', unavailable: "L'entretien n'a pas pu être chargé. Vérifiez votre connexion et réessayez.", retry: 'Réessayer' },
  de: { loading: 'Ihr Interview wird geladen…', unavailable: 'Das Interview konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.', retry: 'Erneut versuchen' },
  ar: { loading: 'جارٍ تحميل مقابلتك…', unavailable: 'تعذّر تحميل المقابلة. تحقّق من اتصالك وحاول مرة أخرى.', retry: 'حاول مرة أخرى' },
};
