import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--candid-max-width, 40rem);
    padding: var(--candid-padding, 1rem);
    font: var(--candid-font, inherit);
    color: var(--candid-color, inherit);
    background: var(--candid-background, transparent);
    border-radius: var(--candid-radius, 0.5rem);
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
    margin: 0 0 0.75rem;
    font-size: 1.25rem;
  }
  .notice {
    white-space: pre-wrap;
    max-height: 16rem;
    overflow: auto;
    padding: 0.75rem;
    border: 1px solid var(--candid-border-color, #c8c8c8);
    border-radius: var(--candid-radius, 0.5rem);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 1rem 0;
  }
  label {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    margin: 0.5rem 0;
  }
  input[type='checkbox'] {
    margin-top: 0.2rem;
    flex: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1rem;
  }
  button {
    font: inherit;
    min-width: 8rem;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--candid-radius, 0.5rem);
    border: 2px solid var(--candid-accent, #1d4ed8);
    background: var(--candid-button-background, #fff);
    color: var(--candid-accent, #1d4ed8);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--candid-focus-color, #f59e0b);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  video {
    display: block;
    width: 100%;
    aspect-ratio: 16 / 9;
    object-fit: contain;
    background: #000;
    border-radius: var(--candid-radius, 0.5rem);
    transform: scaleX(-1);
  }
  .prompt {
    font-size: 1.125rem;
    margin: 0.75rem 0;
  }
  .hint,
  .meta {
    font-size: 0.875rem;
    opacity: 0.85;
  }
  .hint[role='alert'] {
    color: var(--candid-error-color, #b91c1c);
    opacity: 1;
  }
  progress,
  meter {
    width: 100%;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin: 0.75rem 0;
  }
  select {
    font: inherit;
    min-height: 2.5rem;
    max-width: 100%;
  }
  .banner {
    padding: 0.5rem 0.75rem;
    margin: 0 0 0.75rem;
    border-radius: var(--candid-radius, 0.5rem);
    background: var(--candid-banner-background, #fef9c3);
    color: var(--candid-banner-color, #422006);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
