import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * `<video ${streamSource(stream)}>`: sets `srcObject` only when the stream really changes.
 * A `.srcObject=${stream}` binding would be re-committed on every render (Lit re-sets object
 * values), and each assignment restarts the video: the live preview flashed black ~4×/s while
 * recording.
 */
class StreamSource extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('streamSource() goes on an element');
  }
  render(_stream: MediaStream | null): unknown {
    return nothing;
  }
  override update(part: ElementPart, [stream]: [MediaStream | null]): unknown {
    const video = part.element as HTMLVideoElement;
    if (video.srcObject !== stream) video.srcObject = stream;
    return noChange;
  }
}
export const streamSource = directive(StreamSource);

/**
 * `<div ${cssVars({ '--_share': 0.4 })}>`: sets custom properties through the CSSOM, which a
 * strict CSP allows (a `style` attribute it would block).
 */
class CssVars extends Directive {
  render(_vars: Record<string, string | number>): unknown {
    return nothing;
  }
  override update(part: ElementPart, [vars]: [Record<string, string | number>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(vars)) {
      const text = String(value);
      if (style.getPropertyValue(name) !== text) style.setProperty(name, text);
    }
    return noChange;
  }
}
export const cssVars = directive(CssVars);

/**
 * `<video ${withElement((el) => …)}>`: calls back with the element on every render (the callback
 * must be idempotent). A smaller stand-in for Lit's `ref`, which would bring AsyncDirective along.
 */
class WithElement extends Directive {
  render(_callback: (element: Element) => void): unknown {
    return nothing;
  }
  override update(part: ElementPart, [callback]: [(element: Element) => void]): unknown {
    callback(part.element);
    return noChange;
  }
}
export const withElement = directive(WithElement);
