import { css } from 'lit';

/**
 * The stage: the camera preview as the hero of the question screens (16:9, letterboxed, never
 * stretched) with its overlays (REC, time left, the 3-2-1 cue, Stop). On phones the recording
 * stage fills the screen, controls at the bottom above the safe area. Only the live preview is
 * mirrored; recordings and prompt videos are not.
 */
export const stageStyles = css`
  video {
    display: block;
    inline-size: 100%;
    aspect-ratio: 16 / 9;
    object-fit: contain;
    background: var(--candid-preview-background, #000);
    border-radius: var(--candid-radius, 0.75rem);
  }
  .stage {
    position: relative;
    overflow: hidden;
    inline-size: 100%;
    aspect-ratio: 16 / 9;
    max-block-size: var(--candid-stage-max-height, min(60vh, 34rem));
    margin-block: var(--candid-gap, 0.75rem);
    border-radius: var(--candid-radius, 0.75rem);
    background: var(--candid-preview-background, #000);
    color: #fff;
  }
  .stage[data-audio-only='true'] {
    aspect-ratio: auto;
    min-block-size: 12rem;
  }
  .audio-only {
    display: grid;
    place-items: center;
    min-block-size: 6rem;
    margin: 0;
    font-weight: 600;
  }
  .stage video {
    position: absolute;
    inset: 0;
    block-size: 100%;
    aspect-ratio: auto;
    border-radius: 0;
  }
  video[part~='preview'] {
    transform: scaleX(-1);
  }
  .overlay {
    position: absolute;
    inset-inline: 0;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--candid-gap, 0.75rem);
    padding: var(--candid-gap, 0.75rem);
  }
  .overlay.top {
    inset-block-start: 0;
    background: linear-gradient(rgb(0 0 0 / 0.55), transparent);
  }
  .overlay.bottom {
    inset-block-end: 0;
    flex-direction: column;
    align-items: stretch;
    background: linear-gradient(transparent, rgb(0 0 0 / 0.7));
  }
  .pill {
    flex: none;
    white-space: nowrap;
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    padding-block: 0.25rem;
    padding-inline: 0.75rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .rec-dot {
    inline-size: 0.75rem;
    block-size: 0.75rem;
    border-radius: 50%;
    background: var(--candid-rec-color, #ef4444);
    animation: candid-pulse 1.2s ease-in-out infinite;
  }
  @keyframes candid-pulse {
    50% {
      opacity: 0.35;
    }
  }
  .pill[data-warning='true'] {
    background: var(--candid-danger, #c81e1e);
  }
  .bar {
    block-size: 0.375rem;
    border-radius: 999px;
    overflow: hidden;
    background: rgb(255 255 255 / 0.3);
  }
  .bar > span {
    display: block;
    block-size: 100%;
    background: #fff;
    transform-origin: left;
    transform: scaleX(var(--_share, 1));
    transition: transform 250ms linear;
  }
  :host([dir='rtl']) .bar > span {
    transform-origin: right;
  }
  .stage[data-warning='true'] .bar > span {
    background: var(--candid-rec-color, #ef4444);
  }
  .stage-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: var(--candid-gap, 0.75rem);
  }
  .stage-actions button:not(.primary):not(.danger) {
    border-color: rgb(255 255 255 / 0.7);
    background: rgb(0 0 0 / 0.45);
    color: #fff;
  }
  .stage .warning {
    margin: 0;
    text-align: center;
    font-weight: 600;
    text-shadow: 0 1px 2px #000;
  }
  .cue {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgb(0 0 0 / 0.35);
    font-size: clamp(3rem, 15cqi, 7rem);
    font-weight: 800;
    text-shadow: 0 2px 8px #000;
  }
  .prompt {
    font-size: var(--candid-prompt-size, 1.375rem);
    font-weight: 600;
    line-height: 1.35;
    margin-block: 0 var(--candid-gap, 0.75rem);
  }
  .think {
    display: flex;
    align-items: center;
    gap: var(--candid-gap, 0.75rem);
  }
  .ring {
    position: relative;
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 3.5rem;
    block-size: 3.5rem;
    font-weight: 700;
    font-size: 1.125rem;
    font-variant-numeric: tabular-nums;
  }
  .ring::before {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: 50%;
    background: conic-gradient(
      var(--candid-accent, #1d4ed8) calc(var(--_share, 1) * 1turn),
      var(--candid-line-color, color-mix(in srgb, currentColor 18%, transparent)) 0
    );
    mask: radial-gradient(farthest-side, transparent calc(100% - 0.3125rem), #000 calc(100% - 0.25rem));
  }
  .saved {
    display: flex;
    align-items: center;
    gap: var(--candid-gap-small, 0.5rem);
    margin: 0;
  }
  .saved progress {
    inline-size: 8rem;
    block-size: 0.375rem;
  }
  .stage-question {
    display: none;
    margin: 0;
  }
  .prompt-video {
    margin-block: var(--candid-gap, 0.75rem);
  }
  @media (max-width: 40rem), (max-height: 32rem) and (orientation: landscape) {
    .stage[data-fullscreen='true'] {
      position: fixed;
      inset: 0;
      z-index: 2147483000;
      max-block-size: none;
      aspect-ratio: auto;
      margin: 0;
      border-radius: 0;
    }
    .stage[data-fullscreen='true'] .overlay.top {
      flex-wrap: wrap;
      padding-block-start: calc(var(--candid-gap, 0.75rem) + env(safe-area-inset-top));
      align-items: flex-start;
    }
    .stage[data-fullscreen='true'] .overlay.bottom {
      padding-block-end: calc(var(--candid-gap-large, 1.25rem) + env(safe-area-inset-bottom));
    }
    .stage[data-fullscreen='true'] .stage-actions button {
      flex: 1 1 100%;
    }
    .stage[data-fullscreen='true'] .stage-question {
      display: block;
      order: 3;
      flex: 1 1 100%;
      font-weight: 600;
      text-shadow: 0 1px 2px #000;
    }
    .stage-question summary {
      cursor: pointer;
      min-block-size: 1.5rem;
    }
  }
`;
