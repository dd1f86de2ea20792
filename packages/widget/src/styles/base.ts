import { css } from 'lit';

/**
 * Host, type scale, buttons and form controls. Colours that sit on the page's own background
 * derive from `currentColor` (borders, muted text), so the defaults work on a white careers page
 * and on a dark one; only the accent is a fixed colour.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    max-inline-size: var(--candid-max-width, 60rem);
    padding: var(--candid-padding, 1rem);
    font: var(--candid-font, inherit);
    font-size: var(--candid-font-size, 1rem);
    line-height: 1.5;
    color: var(--candid-color, inherit);
    background: var(--candid-background, transparent);
    border-radius: var(--candid-radius, 0.75rem);
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
    font-size: var(--candid-heading-size, 1.5rem);
    line-height: 1.25;
  }
  h3 {
    font-size: 1.0625rem;
    margin-block: var(--candid-gap-large, 1.25rem) var(--candid-gap-small, 0.5rem);
  }
  p {
    margin-block: 0 var(--candid-gap, 0.75rem);
  }
  a {
    color: var(--candid-link-color, var(--candid-accent, #1d4ed8));
  }
  .muted,
  .meta,
  .hint {
    color: var(--candid-muted, color-mix(in srgb, currentColor 72%, transparent));
  }
  .meta,
  .hint {
    font-size: var(--candid-small-size, 0.875rem);
  }
  .hint[role='alert'],
  .error-text {
    color: var(--candid-error-color, #b91c1c);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--candid-gap, 0.75rem);
    margin-block-start: var(--candid-gap-large, 1.25rem);
  }
  button {
    font: inherit;
    font-weight: 600;
    min-inline-size: 7rem;
    min-block-size: var(--candid-target-size, 2.75rem);
    padding-block: 0.5rem;
    padding-inline: 1.25rem;
    border-radius: var(--candid-button-radius, 999px);
    border: var(--candid-border-width, 1px) solid var(--candid-control-border-color, color-mix(in srgb, currentColor 55%, transparent));
    background: var(--candid-button-background, transparent);
    color: var(--candid-button-color, inherit);
    cursor: pointer;
    transition:
      background-color var(--candid-transition, 150ms) ease,
      border-color var(--candid-transition, 150ms) ease,
      transform var(--candid-transition, 150ms) ease;
  }
  button:hover:not(:disabled) {
    background: var(--candid-button-hover-background, color-mix(in srgb, currentColor 8%, transparent));
  }
  button:active:not(:disabled) {
    transform: scale(0.98);
  }
  button.primary {
    border-color: var(--candid-accent, #1d4ed8);
    background: var(--candid-accent, #1d4ed8);
    color: var(--candid-accent-contrast, #fff);
  }
  button.primary:hover:not(:disabled) {
    background: var(--candid-accent-hover, color-mix(in srgb, var(--candid-accent, #1d4ed8) 85%, #000));
  }
  button.danger {
    border-color: var(--candid-danger, #c81e1e);
    background: var(--candid-danger, #c81e1e);
    color: #fff;
  }
  button.danger:hover:not(:disabled) {
    background: color-mix(in srgb, var(--candid-danger, #c81e1e) 85%, #000);
  }
  button.link {
    min-inline-size: 0;
    min-block-size: 1.5rem;
    padding: 0.125rem 0.25rem;
    border: 0;
    border-radius: 0.25rem;
    background: none;
    font-weight: 400;
    color: var(--candid-link-color, var(--candid-accent, #1d4ed8));
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: var(--candid-focus-width, 3px) solid var(--candid-focus-color, #b45309);
    outline-offset: var(--candid-focus-offset, 2px);
  }
  [tabindex='-1']:focus-visible {
    outline: none;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin-block: var(--candid-gap-large, 1.25rem);
    margin-inline: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: var(--candid-gap-small, 0.5rem);
  }
  label {
    display: flex;
    gap: var(--candid-gap-small, 0.5rem);
    align-items: flex-start;
    margin-block: var(--candid-gap-small, 0.5rem);
  }
  input[type='checkbox'] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    flex: none;
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
    border-radius: var(--candid-input-radius, 0.5rem);
  }
  .field select,
  .field textarea {
    inline-size: 100%;
  }
  select,
  textarea {
    border: 1px solid var(--candid-input-border-color, #767676);
    background: var(--candid-input-background, #fff);
    color: var(--candid-input-color, #1a1a1a);
    padding-inline: 0.5rem;
  }
  progress,
  meter {
    inline-size: 100%;
    accent-color: var(--candid-accent, #1d4ed8);
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
