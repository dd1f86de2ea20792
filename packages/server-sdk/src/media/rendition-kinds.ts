/**
 * Every rendition the pipeline makes. Purges (erasure, retention, proof expiry) remove each of
 * these by name, even where its row is missing (a crash between storing the file and its row), so
 * a new kind must be listed here: the pipeline's `storeRendition` only takes these.
 */
export const RENDITION_KINDS = ['mp4', 'webm', 'fmp4', 'hls'] as const;
export type RenditionKind = (typeof RENDITION_KINDS)[number];
