// hls.js ships types for its main entry only; the light build has the same API (minus subtitles,
// EME and alternate audio, which the widget does not use).
declare module 'hls.js/light' {
  export { default } from 'hls.js';
}
