import { css } from 'lit';

/** The shell (header, screen, footer) and the screens that are mostly text. */
export const layoutStyles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--candid-gap-small, 0.5rem) var(--candid-gap-large, 1.25rem);
    padding-block-end: var(--candid-gap, 0.75rem);
    margin-block-end: var(--candid-gap-large, 1.25rem);
    border-block-end: 1px solid var(--candid-line-color, color-mix(in srgb, currentColor 18%, transparent));
  }
  .brand {
    display: flex;
    align-items: center;
    gap: var(--candid-gap, 0.75rem);
    min-inline-size: 0;
  }
  .logo {
    block-size: 2.5rem;
    inline-size: auto;
    max-inline-size: 8rem;
    object-fit: contain;
  }
  .brand p {
    margin: 0;
    line-height: 1.3;
  }
  .employer {
    font-weight: 700;
  }
  .where {
    flex: 1 1 12rem;
    max-inline-size: 20rem;
    font-size: var(--candid-small-size, 0.875rem);
  }
  .where p {
    margin: 0 0 0.375rem;
    text-align: end;
  }
  .steps {
    display: flex;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .steps li {
    flex: 1;
    block-size: 0.375rem;
    border-radius: 999px;
    background: var(--candid-line-color, color-mix(in srgb, currentColor 18%, transparent));
  }
  .steps li[data-state='done'] {
    background: var(--candid-accent, #1d4ed8);
  }
  .steps li[data-state='current'] {
    background: color-mix(in srgb, var(--candid-accent, #1d4ed8) 45%, transparent);
  }
  .screen > section,
  .screen > form {
    animation: candid-enter 200ms ease-out;
  }
  @keyframes candid-enter {
    from {
      transform: translateY(6px);
    }
  }
  .lead {
    font-size: 1.0625rem;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: var(--candid-gap-small, 0.5rem);
    margin: 0 0 var(--candid-gap-large, 1.25rem);
    padding: 0;
    list-style: none;
  }
  .summary li {
    padding-block: 0.375rem;
    padding-inline: 0.75rem;
    border-radius: 999px;
    background: var(--candid-chip-background, color-mix(in srgb, currentColor 7%, transparent));
    font-size: var(--candid-small-size, 0.875rem);
  }
  .notice {
    max-block-size: min(22rem, 45vh);
    overflow: auto;
    padding: var(--candid-gap, 0.75rem) var(--candid-gap-large, 1.25rem);
    border: 1px solid var(--candid-border-color, color-mix(in srgb, currentColor 30%, transparent));
    border-radius: var(--candid-radius, 0.75rem);
  }
  .notice > :first-child,
  .notice section > :first-child {
    margin-block-start: 0;
  }
  .notice > :last-child,
  .notice section > :last-child {
    margin-block-end: 0;
  }
  .notice section h3 {
    font-size: 1em;
    margin-block: var(--candid-gap, 0.75rem) 0.25rem;
  }
  .steps-list {
    display: grid;
    gap: var(--candid-gap, 0.75rem);
    margin: 0 0 var(--candid-gap-large, 1.25rem);
    padding: 0;
    list-style: none;
    counter-reset: candid-step;
  }
  .steps-list li {
    display: flex;
    gap: var(--candid-gap, 0.75rem);
    align-items: baseline;
    counter-increment: candid-step;
  }
  .steps-list li::before {
    content: counter(candid-step);
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    border-radius: 50%;
    background: var(--candid-accent, #1d4ed8);
    color: var(--candid-accent-contrast, #fff);
    font-weight: 700;
    font-size: 0.875rem;
  }
  .badge {
    display: grid;
    place-items: center;
    inline-size: 3rem;
    block-size: 3rem;
    margin-block-end: var(--candid-gap, 0.75rem);
    border-radius: 50%;
    background: var(--candid-success, #15803d);
    color: #fff;
    font-size: 1.5rem;
    font-weight: 700;
  }
  .badge[data-tone='error'] {
    background: var(--candid-error-color, #b91c1c);
  }
  .badge[data-tone='quiet'] {
    background: var(--candid-line-color, color-mix(in srgb, currentColor 18%, transparent));
    color: inherit;
  }
  .calm {
    max-inline-size: 36rem;
    margin-inline: auto;
    padding-block: var(--candid-gap-large, 1.25rem);
    text-align: center;
  }
  .calm .badge {
    margin-inline: auto;
  }
  .calm .actions {
    justify-content: center;
  }
  .banner,
  .note {
    padding-block: 0.625rem;
    padding-inline: var(--candid-gap, 0.75rem);
    margin-block: 0 var(--candid-gap, 0.75rem);
    border-radius: var(--candid-radius, 0.75rem);
  }
  .banner {
    background: var(--candid-banner-background, #fef9c3);
    color: var(--candid-banner-color, #422006);
  }
  .note {
    background: var(--candid-note-background, color-mix(in srgb, var(--candid-success, #15803d) 12%, transparent));
  }
  .confirm,
  .panel {
    padding: var(--candid-gap-large, 1.25rem);
    margin-block: var(--candid-gap-large, 1.25rem);
    border: var(--candid-border-width, 1px) solid var(--candid-line-color, color-mix(in srgb, currentColor 30%, transparent));
    border-radius: var(--candid-radius, 0.75rem);
  }
  .confirm {
    border-color: var(--candid-error-color, #b91c1c);
  }
  .panel > :first-child,
  .confirm > :first-child {
    margin-block-start: 0;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--candid-gap, 0.75rem);
    margin-block-start: var(--candid-gap-large, 1.25rem);
    padding-block-start: var(--candid-gap, 0.75rem);
    border-block-start: 1px solid var(--candid-line-color, color-mix(in srgb, currentColor 18%, transparent));
    font-size: var(--candid-small-size, 0.875rem);
  }
  .check-grid {
    display: grid;
    gap: var(--candid-gap-large, 1.25rem);
  }
  .checklist {
    display: grid;
    gap: var(--candid-gap, 0.75rem);
    align-content: start;
  }
  .checklist .field,
  .checklist p {
    margin: 0;
  }
  .status-line {
    display: flex;
    gap: var(--candid-gap-small, 0.5rem);
    align-items: baseline;
  }
  .status-line::before {
    content: '•';
    flex: none;
    font-weight: 700;
  }
  .status-line[data-ok='yes']::before {
    content: '✓';
    color: var(--candid-success, #15803d);
  }
  .status-line[data-ok='no']::before {
    content: '!';
    color: var(--candid-error-color, #b91c1c);
  }
  @container (min-width: 44rem) {
    .check-grid {
      grid-template-columns: 3fr 2fr;
      align-items: start;
    }
  }
  @media (max-width: 40rem) {
    .sticky-actions {
      position: sticky;
      inset-block-end: 0;
      padding-block: var(--candid-gap, 0.75rem);
      background: var(--candid-surface, Canvas);
      margin-inline: calc(-1 * var(--candid-padding, 1rem));
      padding-inline: var(--candid-padding, 1rem);
      padding-block-end: calc(var(--candid-gap, 0.75rem) + env(safe-area-inset-bottom));
      box-shadow: 0 -1px 0 var(--candid-line-color, color-mix(in srgb, currentColor 18%, transparent));
    }
    .sticky-actions button.primary {
      flex: 1 1 100%;
    }
    .sticky-actions button.link {
      flex: 1 1 0;
      text-align: start;
    }
    .where p {
      text-align: start;
    }
  }
`;
