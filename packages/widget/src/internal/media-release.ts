/**
 * Media elements the widget fed (live previews with the camera stream, the take's playback), so
 * that a screen change or the element's removal can let go of them at once.
 *
 * A `<video>` taken out of the page is paused but keeps its source until it is garbage-collected:
 * a paused preview keeps the camera pipeline of the stream open (WebKit's GStreamer backend then
 * deadlocks when the tracks stop; phones limit open decoders), a paused playback keeps its
 * decoder. Releasing them when they leave is what the HTML spec recommends: `srcObject = null`,
 * or no `src` and `load()`.
 */
export class MediaReleaser {
  readonly #seen = new Set<HTMLMediaElement>();

  /** Remembers the previews and playbacks under `root`, releases those that left it. */
  sweep(root: ParentNode | null | undefined): void {
    root?.querySelectorAll<HTMLMediaElement>('video[part~="preview"], video[part~="playback"], audio[part~="playback"]').forEach((el) => this.#seen.add(el));
    for (const el of this.#seen) {
      if (!el.isConnected) this.#release(el);
    }
  }

  /** Releases every remembered element (the widget leaves the page: its camera is about to stop). */
  releaseAll(): void {
    for (const el of this.#seen) this.#release(el);
  }

  #release(el: HTMLMediaElement): void {
    this.#seen.delete(el);
    try {
      el.pause();
      if (el.srcObject) el.srcObject = null;
      if (el.hasAttribute('src')) {
        el.removeAttribute('src');
        el.load();
      }
    } catch {
      // nothing to release
    }
  }
}
