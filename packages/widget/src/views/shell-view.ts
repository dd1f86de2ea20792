import { html, nothing, type TemplateResult } from 'lit';
import type { Employer } from '../api/types.js';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages } from '../lang/en.js';
import type { InterviewSummary } from '../store/selectors.js';

export interface HeaderViewProps {
  m: CandidMessages;
  employer: Employer | null;
  /** The role (the interview's title). */
  role: string;
  summary: InterviewSummary;
  /** 1-based number of the question on screen (0: none, e.g. before the first or while practising). */
  questionNumber: number;
  committed: number;
  practicing: boolean;
}

/**
 * Who is asking and where the candidate is: employer (logo or name), role, "Question 2 of 5" (or
 * "5 questions · about 12 min" before the first), and one step per question. Not a landmark: the
 * host page has its own header.
 */
export function headerView(p: HeaderViewProps): TemplateResult {
  const { m, employer, summary } = p;
  const where = p.practicing
    ? m.practiceLabel
    : p.questionNumber > 0
      ? m.questionOf(p.questionNumber, summary.questions)
      : p.committed === summary.questions && summary.questions > 0
        ? m.overallProgress(p.committed, summary.questions)
        : m.headerSummary(summary.questions, summary.minutes);
  return html`<div class="header" part="header">
    <div class="brand">
      ${employer?.logoUrl ? html`<img class="logo" part="logo" src=${employer.logoUrl} alt="" />` : nothing}
      <div>
        ${employer?.name ? html`<p class="employer" part="employer">${employer.name}</p>` : nothing}
        ${p.role ? html`<p class="muted" part="role">${p.role}</p>` : nothing}
      </div>
    </div>
    <div class="where">
      <p part="counter">${where}</p>
      <div part="overall">
        <span class="sr-only">${m.overallProgress(p.committed, summary.questions)}</span>
        <ol class="steps" aria-hidden="true">
          ${Array.from({ length: summary.questions }, (_, i) => {
            const state = i < p.committed ? 'done' : i + 1 === p.questionNumber ? 'current' : 'todo';
            return html`<li data-state=${state}></li>`;
          })}
        </ol>
      </div>
    </div>
  </div>`;
}

export interface FooterViewProps {
  m: CandidMessages;
  /** "Ask for more time or another format" (before recording starts). */
  canRequest: boolean;
  /** "Withdraw consent" (consent was given and the interview is not over). */
  canWithdraw: boolean;
  ask: Ask;
}

/** Quiet links to the two things a candidate may need at any time. */
export function footerView(p: FooterViewProps): TemplateResult | typeof nothing {
  if (!p.canRequest && !p.canWithdraw) return nothing;
  const { m, ask } = p;
  return html`<div class="footer" part="footer">
    ${p.canRequest
      ? html`<button type="button" name="request" part="button request" class="link" @click=${() => ask({ type: 'open-panel', panel: 'request' })}>
          ${m.requestOpen}
        </button>`
      : html`<span></span>`}
    ${p.canWithdraw
      ? html`<button type="button" name="withdraw" part="button withdraw" class="link" @click=${() => ask({ type: 'open-panel', panel: 'withdraw' })}>
          ${m.withdrawOpen}
        </button>`
      : nothing}
  </div>`;
}

/** Calm banner while offline or while requests are being retried; silent otherwise. */
export const networkBanner = (m: CandidMessages, online: boolean, reconnecting: boolean, persistent: boolean): TemplateResult | typeof nothing =>
  online && !reconnecting
    ? nothing
    : html`<p class="banner" part="network" role="status" data-state=${online ? 'reconnecting' : 'offline'}>
        ${online ? m.reconnecting : m.offline} ${persistent ? nothing : m.noLocalCopy}
      </p>`;

/**
 * While a take is recorded or uploaded on a device that keeps no copy of it (private browsing
 * without IndexedDB, a full storage quota): a reload would lose it, so the candidate is told.
 */
export const noLocalCopyNote = (m: CandidMessages): TemplateResult =>
  html`<p class="banner" part="no-local-copy" role="status">${m.noLocalCopy}</p>`;

/** After a reload or a new visit: the candidate lands where they were, and is told so once. */
export const restoredNote = (m: CandidMessages): TemplateResult =>
  html`<p class="note" part="restored" role="status">${m.restoredNote}</p>`;

/** The candidate's request reached the employer. */
export const requestSentNote = (m: CandidMessages): TemplateResult =>
  html`<p class="note" part="request-sent" role="status">${m.requestSent}</p>`;
