import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { devlog } from '../internal/devlog.js';
import { BOOT_MESSAGES, type BootMessages } from '../lang/boot.js';
import type { CandidMessages } from '../lang/en.js';
import { BUNDLED_CATALOGS, importCatalog } from './catalog-source.js';
import { mergeMessages, type CandidMessageOverrides } from './merge.js';
import { directionOf, negotiateLocale, type Locale } from './negotiate.js';

export interface I18nOptions {
  /** The element's `locale` attribute ('' when absent). */
  requested: () => string;
  overrides: () => CandidMessageOverrides | null | undefined;
  /** Absolute folder URL (trailing slash) holding `lang/<locale>.js` in the script-tag build. */
  assetsBase: () => string | null;
}

const RETRY_AFTER_MS = 10_000;

/** Catalogs loaded (or loading) so far, shared by every element on the page. */
const catalogs = new Map<Locale, Promise<CandidMessages | null>>();
const failed = new Set<Locale>();
const loaded = new Map<Locale, CandidMessages>(Object.entries(BUNDLED_CATALOGS) as Array<[Locale, CandidMessages]>);
for (const [locale, catalog] of loaded) catalogs.set(locale, Promise.resolve(catalog));

/**
 * Picks the catalog (`locale` attribute, else the interview's locale, else `en`), loads it on
 * demand, applies `messages` overrides, and keeps the host's `lang` and `dir` in step with the
 * text shown. Until a catalog has loaded the host renders English, and before even English is in
 * (the script-tag core carries none) only the boot messages.
 */
export class I18nController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: I18nOptions;
  #interviewLocale: string | null = null;
  #merged: { catalog: CandidMessages; overrides: unknown; result: CandidMessages } | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: I18nOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The negotiated catalog locale (it may still be loading). */
  get locale(): Locale {
    return negotiateLocale(this.#options.requested(), this.#interviewLocale);
  }

  /** The locale of the text on screen: the negotiated one once loaded, else English. */
  get shown(): Locale {
    return loaded.has(this.locale) ? this.locale : 'en';
  }

  /** The catalog shown with `messages` overrides; null until one has loaded. */
  get messages(): CandidMessages | null {
    const catalog = loaded.get(this.shown);
    if (!catalog) return null;
    const overrides = this.#options.overrides();
    if (this.#merged?.catalog !== catalog || this.#merged.overrides !== overrides) {
      this.#merged = { catalog, overrides, result: mergeMessages(catalog, overrides) };
    }
    return this.#merged.result;
  }

  /** What can be said before any catalog is in. */
  get boot(): BootMessages {
    return BOOT_MESSAGES[this.locale];
  }

  /** Uses the interview's locale when no `locale` attribute is set; resolves once its catalog is in. */
  interviewLocale(tag: string | null | undefined): Promise<boolean> {
    this.#interviewLocale = tag ?? null;
    return this.ready();
  }

  /**
   * Resolves when the negotiated catalog has loaded (true), or failed while English is there to
   * show instead (true), or failed with nothing to show (false).
   */
  async ready(): Promise<boolean> {
    const ok = (await this.#load(this.locale)) !== null || (await this.#load('en')) !== null;
    if (ok) this.#host.requestUpdate();
    return ok;
  }

  /** "Try again": catalogs that failed to load are asked for again at once. */
  retryFailed(): void {
    for (const locale of failed) catalogs.delete(locale);
    failed.clear();
  }

  #load(locale: Locale): Promise<CandidMessages | null> {
    let pending = catalogs.get(locale);
    if (!pending) {
      const loading: Promise<CandidMessages | null> = importCatalog(locale, this.#options.assetsBase()).then(
        (catalog) => {
          loaded.set(locale, catalog);
          return catalog;
        },
        (err: unknown) => {
          // Tried again at the earliest 10 s later (renders call this often), or at "Try again".
          failed.add(locale);
          setTimeout(() => {
            if (catalogs.get(locale) !== loading) return;
            catalogs.delete(locale);
            failed.delete(locale);
          }, RETRY_AFTER_MS);
          devlog(`LOCALE_LOAD_FAILED_${locale}`, `The "${locale}" messages could not be loaded from assets-base (${String(err)}).`);
          return null;
        },
      );
      pending = loading;
      catalogs.set(locale, loading);
    }
    return pending;
  }

  hostConnected(): void {
    // As early as possible: the catalog's module (and the Intl data it sets up) then loads while the
    // session request is in flight, not after it.
    if (!catalogs.has(this.locale)) void this.ready();
    // Intl sets up its locale data on first use (tens of ms on a slow phone): do it now, while the
    // network is busy, instead of during the first screen's render.
    const locale = this.locale;
    setTimeout(() => {
      new Intl.PluralRules(locale).select(1);
      new Intl.NumberFormat(locale).format(1);
    });
  }

  hostUpdate(): void {
    // Only a catalog never asked for (or whose failure has expired): `ready()` re-renders, and asking
    // again for a failed one on every render would loop.
    if (!catalogs.has(this.locale)) void this.ready();
    const shown = this.shown;
    const host = this.#host;
    if (host.getAttribute('lang') !== shown) host.setAttribute('lang', shown);
    const dir = directionOf(shown);
    if (host.getAttribute('dir') !== dir) host.setAttribute('dir', dir);
  }
}
