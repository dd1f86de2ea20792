/**
 * Where the VAD chunk, worklet, model and wasm files live by default (`assets-base` overrides it):
 * - script-tag bundle (`candid.js`): the `assets/` folder next to the script, read from
 *   `document.currentScript` while the bundle runs (it is gone later);
 * - ESM build (`dist/esm/vad/assets-base.js`): `dist/assets/` of the package. Bundlers rename and
 *   move modules, so apps that bundle the widget should copy `dist/assets/` and set `assets-base`.
 */
const script = typeof document === 'undefined' ? null : document.currentScript;
// (`typeof` guards keep the module importable during server-side rendering, where there is no DOM.)
const scriptSrc =
  typeof HTMLScriptElement !== 'undefined' && script instanceof HTMLScriptElement && script.type !== 'module' && script.src ? script.src : null;
// Not a literal in `new URL(…, import.meta.url)`, so bundlers do not try to resolve a folder.
const ESM_RELATIVE = '../../assets/';
const moduleUrl = import.meta.url;

export function defaultAssetsBase(): string {
  return scriptSrc ? new URL('assets/', scriptSrc).href : new URL(ESM_RELATIVE, moduleUrl).href;
}

/** Absolute folder URL (trailing slash) for an `assets-base` value, relative to the page. */
export function resolveAssetsBase(value: string | null | undefined): string {
  const url = new URL(value || defaultAssetsBase(), document.baseURI).href;
  return url.endsWith('/') ? url : `${url}/`;
}
