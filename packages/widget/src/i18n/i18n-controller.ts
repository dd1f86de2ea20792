import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { devlog } from '../internal/devlog.js';
import { en, type CandidMessages } from '../lang/en.js';
import { importCatalog } from './catalog-source.js';
import { mergeMessages, type CandidMessageOverrides } from './merge.js';
import { directionOf, negotiateLocale, type Locale } from './negotiate.js';

export interface I18nOptions {
  /** The element's `locale` attribute ('' when absent). */
  requested: () => string;
  overrides: () => CandidMessageOverrides | null | undefined;
  /** Absolute folder URL (trailing slash) holding `lang/<locale>.js` in the script-tag build. */
  assetsBase: () => string | null;
}

/** Catalogs loaded so far, shared by every element on the page. */
const catalogs = new Map<Locale, Promise<CandidMessages | null>>([['en', Promise.resolve(en)]]);
const loaded = new Map<Locale, CandidMessages>([['en', en]]);

/**
 * Picks the catalog (`locale` attribute, else the interview's locale, else `en`), loads it on
 * demand, applies `messages` overrides, and keeps the host's `lang` and `dir` in step with the
 * text shown. Until a catalog has loaded the host renders English.
 */
export class I18nController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: I18nOptions;
  #interviewLocale: string | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: I18nOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The negotiated catalog locale (it may still be loading). */
  get locale(): Locale {
    return negotiateLocale(this.#options.requested(), this.#interviewLocale);
  }

  /** The locale of the text on screen. */
  get shown(): Locale {
    return loaded.has(this.locale) ? this.locale : 'en';
  }

  get messages(): CandidMessages {
    return mergeMessages(loaded.get(this.shown)!, this.#options.overrides());
  }

  /** Uses the interview's locale when no `locale` attribute is set; resolves once its catalog is in. */
  interviewLocale(tag: string | null | undefined): Promise<void> {
    this.#interviewLocale = tag ?? null;
    return this.ready();
  }

  /** Resolves when the negotiated catalog has loaded (or failed: English stays). */
  async ready(): Promise<void> {
    const locale = this.locale;
    let pending = catalogs.get(locale);
    if (!pending) {
      pending = importCatalog(locale as Exclude<Locale, 'en'>, this.#options.assetsBase()).then(
        (catalog) => (loaded.set(locale, catalog), catalog),
        (err: unknown) => {
          devlog(`LOCALE_LOAD_FAILED_${locale}`, `The "${locale}" messages could not be loaded (${String(err)}); showing English.`);
          return null;
        },
      );
      catalogs.set(locale, pending);
    }
    if ((await pending) && locale === this.locale) this.#host.requestUpdate();
  }

  hostUpdate(): void {
    if (!loaded.has(this.locale)) void this.ready();
    const shown = this.shown;
    const host = this.#host;
    if (host.getAttribute('lang') !== shown) host.setAttribute('lang', shown);
    const dir = directionOf(shown);
    if (host.getAttribute('dir') !== dir) host.setAttribute('dir', dir);
  }
}
