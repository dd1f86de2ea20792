import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Phase } from '../store/state.js';

/** Remaining-time milestones announced to screen readers while recording (seconds). */
const TIME_MILESTONES = [120, 60, 30, 20, 10];

/** Phases where focus stays where it is (the candidate's hand is on Stop, or nothing to do). */
const KEEP_FOCUS: ReadonlySet<Phase> = new Set(['recording', 'finishing', 'resuming']);

/**
 * What screen readers hear and where keyboard focus goes: a polite live region (announced without
 * moving focus), remaining-time milestones while recording, and focus moved to the heading of each
 * new screen.
 */
export class AnnouncerController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #message = '';
  #announced = new Set<number>();
  readonly #said = new Set<string>();
  #phase: Phase | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Says `text` through the live region. */
  announce(text: string): void {
    // The same text twice would not be announced again: a zero-width space makes it new.
    this.#message = this.#message === text ? `${text}\u200b` : text;
    this.#host.requestUpdate();
  }

  /** Says `text` once per `key` (e.g. the start cue of one think time, asked on every tick). */
  once(key: string, text: string): void {
    if (this.#said.has(key)) return;
    this.#said.add(key);
    this.announce(text);
  }

  /** A new recording (or more time): milestones are announced afresh. */
  resetMilestones(): void {
    this.#announced.clear();
  }

  /** While recording: announces each milestone once as the time left passes it. */
  timeLeft(leftSeconds: number, limitSeconds: number, text: (milestone: number) => string): void {
    for (const milestone of TIME_MILESTONES) {
      if (leftSeconds <= milestone && milestone < limitSeconds && !this.#announced.has(milestone)) {
        this.#announced.add(milestone);
        this.announce(text(milestone));
      }
    }
  }

  /** The live region; render it once, outside the screens (it must stay in the DOM to be heard). */
  region(): TemplateResult {
    return html`<div class="sr-only" role="status" aria-live="polite">${this.#message}</div>`;
  }

  /**
   * Call after each update with the current phase: on a new screen, focus moves to its heading (the
   * question on a question screen) so keyboard and screen-reader users start there. Never while
   * recording (focus stays on Stop), never on the first screen, never away from the host page.
   */
  screenShown(phase: Phase): void {
    const previous = this.#phase;
    if (phase === previous) return;
    this.#phase = phase;
    if (previous === null || previous === 'loading' || KEEP_FOCUS.has(phase)) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== this.#host) return;
    const inside = this.#host.shadowRoot?.activeElement;
    if (inside && inside.isConnected && phase === 'ready') return; // e.g. retake: focus stays on a live control
    this.focusScreen(phase === 'ready');
  }

  /** Focus on the screen's heading (or the question), e.g. after a panel over it closed. */
  focusScreen(question = false): void {
    const target = this.#host.shadowRoot?.querySelector<HTMLElement>(question ? '#prompt' : '#prompt, h2, h3, button');
    if (!target) return;
    if (!target.matches('button')) target.tabIndex = -1;
    target.focus({ preventScroll: !question });
  }

  hostConnected(): void {}
}
