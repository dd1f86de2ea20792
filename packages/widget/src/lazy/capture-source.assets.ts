/** Script-tag build: the capture engine is `<assets-base>candid-capture.js`. */
export async function importCaptureEngine(assetsBase: string): Promise<typeof import('../capture/capture-engine.js')> {
  const url = new URL('candid-capture.js', assetsBase).href;
  const mod = (await import(/* @vite-ignore */ /* webpackIgnore: true */ url)) as Partial<typeof import('../capture/capture-engine.js')>;
  if (typeof mod.createCaptureEngine !== 'function') throw new Error(`${url} is not the Candid capture chunk`);
  return mod as typeof import('../capture/capture-engine.js');
}
