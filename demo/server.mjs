// `npm start`: the demo on http://localhost:3000 with its data in ./.candid-data.
// Environment: PORT, HOST (default 127.0.0.1: the admin and reviewer pages have no login),
// CANDID_DATA_DIR, CANDID_SECRET, CANDID_API_KEYS, OPENAI_API_KEY + OPENAI_BASE_URL (optional:
// transcription and scoring), CANDID_FFMPEG_PATH.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsFromEnv } from '@candid/server-sdk';
import { startDemo } from './app.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const { openai, ...candidOptions } = optionsFromEnv(process.env);
const demo = await startDemo({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: path.resolve(process.env.CANDID_DATA_DIR ?? path.join(root, '..', '.candid-data')),
  openai,
  candidOptions,
});
const shown = demo.url.replace('127.0.0.1', 'localhost');
console.log(`Candid demo on ${shown}  (data in ${demo.candid.options.dataDir})`);
console.log(`  careers page ${shown}/   React page ${shown}/react   ATS admin ${shown}/ats   reviewer ${shown}/review`);
console.log(openai ? '  transcription and scoring: on' : '  transcription and scoring: off (set OPENAI_API_KEY to turn them on)');

const stop = () => demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
