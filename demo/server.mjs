// `npm start`: the demo on http://localhost:3000 with its data in ./.candid-data.
// Environment: PORT, HOST (default 127.0.0.1: the admin and reviewer pages have no login; any other
// value is warned about loudly at start), PUBLIC_URL (where browsers reach the demo, for the
// employer's logo and privacy URLs; default http://localhost:PORT). The demo answers only requests
// whose Host is localhost/127.0.0.1/[::1]:PORT, HOST:PORT (every interface address when HOST is
// 0.0.0.0 or ::) or PUBLIC_URL's host (421 otherwise). CANDID_DATA_DIR, CANDID_SECRET, CANDID_API_KEYS, OPENAI_API_KEY +
// OPENAI_BASE_URL (optional: transcription and scoring), CANDID_FFMPEG_PATH, and CANDID_EMPLOYER_*
// (another default employer than the demo's fictional Northwind Robotics).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsFromEnv } from '@candid/server-sdk';
import { startDemo } from './app.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const { openai, ...candidOptions } = optionsFromEnv(process.env);
const port = Number(process.env.PORT ?? 3000);
const demo = await startDemo({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  // The URL the console prints: the logo and privacy links the widget shows point there.
  publicUrl: process.env.PUBLIC_URL ?? (port ? `http://localhost:${port}` : undefined),
  dataDir: path.resolve(process.env.CANDID_DATA_DIR ?? path.join(root, '..', '.candid-data')),
  openai,
  candidOptions,
});
const shown = demo.url.replace('127.0.0.1', 'localhost');
console.log(`Candid demo on ${shown}  (data in ${demo.candid.options.dataDir})`);
console.log(`  as a candidate: careers page ${shown}/   React page ${shown}/react`);
console.log(`  as the employer (no login): ATS admin ${shown}/ats   reviewer ${shown}/review`);
console.log(`  employer shown to candidates: ${demo.candid.options.employer?.name ?? 'none'}`);
console.log(openai ? '  transcription and scoring: on' : '  transcription and scoring: off (set OPENAI_API_KEY to turn them on)');

const stop = () => demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
