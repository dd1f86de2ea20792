// Entry of the lazily loaded `assets/candid-hls.js` chunk (see rollup.hls.mjs): hls.js is only
// downloaded when a question video is HLS and the browser cannot play HLS natively. The light build
// suffices: captions come from the <track> element (WebVTT), not from in-stream subtitles, and
// question videos carry no DRM.
export { default } from 'hls.js/light';
