import { html, noChange, nothing, svg } from 'lit';

/**
 * The part of Lit the lazily loaded screens use. The script-tag core hands its own copy to them
 * (a screen chunk built for `assets/` resolves `lit` to this object, see rollup.screens.mjs), so
 * no chunk carries a second Lit.
 */
export const LIT_KIT = { html, svg, nothing, noChange };
export type LitKit = typeof LIT_KIT;

/** Where the core leaves the kit for the chunks; versioned so two widget versions never mix. */
export const LIT_KIT_KEY = 'candid-widget.lit@1';
