import { css } from 'lit';
import { baseStyles } from './styles/base.js';
import { layoutStyles } from './styles/layout.js';
import { stageStyles } from './styles/stage.js';

/**
 * The element's one stylesheet. Every colour, radius, font, spacing and focus ring reads a
 * documented `--candid-*` custom property (docs/theming.md; the element's `@cssproperty` tags).
 * Logical properties only, so `dir="rtl"` mirrors the layout. Adopted as a constructable
 * stylesheet: no inline styles, CSP-safe. Every control is ≥ 24 × 24 px (WCAG 2.5.8). (No comments
 * inside the CSS: they would ship in the bundle.)
 */
export const styles = css`
  ${baseStyles}
  ${layoutStyles}
  ${stageStyles}
`;
