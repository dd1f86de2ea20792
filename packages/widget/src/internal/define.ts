import { LOG_PREFIX } from '../constants.js';

type VersionedConstructor = CustomElementConstructor & { version?: string };

/**
 * Registers `tag` unless it is already registered (the script-tag bundle and the ESM build may
 * both end up on one page). Warns when the registered copy has another version.
 */
export function defineElement(tag: string, ctor: VersionedConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (!registry) return; // server-side rendering: nothing to register
  const existing = registry.get(tag) as VersionedConstructor | undefined;
  if (existing) {
    if (existing !== ctor && existing.version !== ctor.version) {
      console.warn(
        `${LOG_PREFIX} <${tag}> is already defined by version ${existing.version ?? 'unknown'}; this copy (${ctor.version ?? 'unknown'}) is not registered.`,
      );
    }
    return;
  }
  registry.define(tag, ctor);
}
