import { css } from 'lit';

/**
 * Every colour, radius, font, spacing and focus ring reads a documented `--candid-*` custom property
 * (docs/theming.md; the element's `@cssproperty` tags). Logical properties only, so `dir="rtl"`
 * mirrors the layout. Adopted as a constructable stylesheet: no inline styles, CSP-safe.
 * Checkboxes, `button.link` and every control are ≥ 24 × 24 px (WCAG 2.5.8). Only the live
 * preview is mirrored; recordings and prompt videos are not. (No comments inside the CSS: they
 * would ship in the bundle.)
 */
export const styles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--candid-max-width, 40rem);
    padding: var(--candid-padding, 1rem);
    font: var(--candid-font, inherit);
    color: var(--candid-color, inherit);
    background: var(--candid-background, transparent);
    border-radius: var(--candid-radius, 0.5rem);
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2 {
    margin-block: 0 var(--candid-gap, 0.75rem);
    margin-inline: 0;
    font-size: var(--candid-heading-size, 1.25rem);
  }
  a {
    color: var(--candid-link-color, var(--candid-accent, #1d4ed8));
  }
  .notice {
    max-block-size: 16rem;
    overflow: auto;
    padding: var(--candid-gap, 0.75rem);
    border: 1px solid var(--candid-border-color, #767676);
    border-radius: var(--candid-radius, 0.5rem);
  }
  .notice > :first-child {
    margin-block-start: 0;
  }
  .notice > :last-child {
    margin-block-end: 0;
  }
  .notice section h3 {
    font-size: 1em;
    margin-block: var(--candid-gap, 0.75rem) 0.25rem;
  }
  .notice section > :last-child {
    margin-block-end: 0;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin-block: var(--candid-gap-large, 1rem);
    margin-inline: 0;
  }
  label {
    display: flex;
    gap: var(--candid-gap-small, 0.5rem);
    align-items: flex-start;
    margin-block: var(--candid-gap-small, 0.5rem);
  }
  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    flex: none;
    accent-color: var(--candid-accent, #1d4ed8);
  }
  .actions,
  .footer {
    display: flex;
    flex-wrap: wrap;
    gap: var(--candid-gap, 0.75rem);
    margin-block-start: var(--candid-gap-large, 1rem);
  }
  button {
    font: inherit;
    min-inline-size: 8rem;
    min-block-size: var(--candid-target-size, 2.75rem);
    padding-block: 0.5rem;
    padding-inline: 1.25rem;
    border-radius: var(--candid-radius, 0.5rem);
    border: var(--candid-border-width, 2px) solid var(--candid-accent, #1d4ed8);
    background: var(--candid-button-background, #fff);
    color: var(--candid-button-color, var(--candid-accent, #1d4ed8));
    cursor: pointer;
    transition:
      background-color var(--candid-transition, 150ms) ease,
      color var(--candid-transition, 150ms) ease;
  }
  button:hover:not(:disabled) {
    background: var(--candid-button-hover-background, #eff6ff);
  }
  button.link {
    min-inline-size: 0;
    min-block-size: 1.5rem;
    padding: 0.125rem 0.25rem;
    border: 0;
    background: none;
    color: var(--candid-link-color, var(--candid-accent, #1d4ed8));
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: var(--candid-focus-width, 3px) solid var(--candid-focus-color, #b45309);
    outline-offset: var(--candid-focus-offset, 2px);
  }
  video {
    display: block;
    inline-size: 100%;
    aspect-ratio: 16 / 9;
    object-fit: contain;
    background: var(--candid-preview-background, #000);
    border-radius: var(--candid-radius, 0.5rem);
  }
  video[part~='preview'] {
    transform: scaleX(-1);
  }
  .prompt {
    font-size: var(--candid-prompt-size, 1.125rem);
    margin-block: var(--candid-gap, 0.75rem);
  }
  .hint,
  .meta {
    font-size: var(--candid-small-size, 0.875rem);
  }
  .hint[role='alert'],
  .warning {
    color: var(--candid-error-color, #b91c1c);
  }
  progress,
  meter {
    inline-size: 100%;
    accent-color: var(--candid-accent, #1d4ed8);
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block: var(--candid-gap, 0.75rem);
  }
  select,
  textarea,
  input[type='file'] {
    font: inherit;
    min-block-size: var(--candid-target-size, 2.75rem);
    max-inline-size: 100%;
    color: inherit;
    border-radius: var(--candid-input-radius, 0.25rem);
  }
  select,
  textarea {
    border: 1px solid var(--candid-input-border-color, #767676);
    background: var(--candid-input-background, #fff);
    color: var(--candid-input-color, #1a1a1a);
    padding-inline: 0.5rem;
  }
  .banner {
    padding-block: 0.5rem;
    padding-inline: var(--candid-gap, 0.75rem);
    margin-block: 0 var(--candid-gap, 0.75rem);
    border-radius: var(--candid-radius, 0.5rem);
    background: var(--candid-banner-background, #fef9c3);
    color: var(--candid-banner-color, #422006);
  }
  .confirm {
    padding: var(--candid-gap, 0.75rem);
    margin-block: var(--candid-gap, 0.75rem);
    border: var(--candid-border-width, 2px) solid var(--candid-error-color, #b91c1c);
    border-radius: var(--candid-radius, 0.5rem);
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
  }
`;
