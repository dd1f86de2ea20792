import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import type { Ffmpeg } from '../media/ffmpeg.js';
import { mediaContentType } from '../http/media-type.js';

/** The transcription APIs' upload limit is 25 MB; stay under it with room for the multipart envelope. */
export const TRANSCRIPTION_MAX_BYTES = 24 * 1024 * 1024;

export interface TranscriptSegment {
  startMs: number;
  endMs: number;
  text: string;
}

export interface Transcript {
  model: string;
  language: string | null;
  text: string;
  segments: TranscriptSegment[];
}

/**
 * Speech to text through any OpenAI-compatible API. It only ever receives audio: the caller passes
 * the audio-only track, or audio that ffmpeg extracted (video frames never leave the server).
 */
export class Transcriber {
  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
  ) {}

  /** Transcribes `audioFile`; too-large files are downmixed, then split, when ffmpeg is there. */
  async transcribe(audioFile: string, mimeType: string, scratch: string, ffmpeg: Ffmpeg | null): Promise<Transcript> {
    let file = audioFile;
    let type = mimeType;
    if ((await stat(file)).size > TRANSCRIPTION_MAX_BYTES) {
      if (!ffmpeg) throw new Error(`The audio is over ${TRANSCRIPTION_MAX_BYTES} bytes and ffmpeg is not available to downmix or split it.`);
      file = path.join(scratch, 'downmixed.webm');
      type = 'audio/webm';
      await ffmpeg.extractSpeechAudio(audioFile, file, '16k');
    }
    if ((await stat(file)).size <= TRANSCRIPTION_MAX_BYTES) return this.#transcribeOne(file, type, 0);

    // Still too big (hours of speech): 10-minute pieces, with their timestamps shifted back in place.
    const pieces = await ffmpeg!.splitAudio(file, scratch, 600);
    const parts: Transcript[] = [];
    for (const [index, piece] of pieces.entries()) parts.push(await this.#transcribeOne(piece, 'audio/webm', index * 600_000));
    return {
      model: this.model,
      language: parts[0]?.language ?? null,
      text: parts.map((p) => p.text.trim()).join(' '),
      segments: parts.flatMap((p) => p.segments),
    };
  }

  async #transcribeOne(file: string, mimeType: string, offsetMs: number): Promise<Transcript> {
    const extension = mimeType.includes('mp4') ? 'm4a' : mimeType.includes('ogg') ? 'ogg' : 'webm';
    // The part's Content-Type comes from the stored upload type: checked again on its way into a header.
    const upload = await toFile(createReadStream(file), `answer.${extension}`, { type: mediaContentType(mimeType) });
    const result = (await this.client.audio.transcriptions.create({
      file: upload,
      model: this.model,
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
    })) as unknown as { text: string; language?: string; segments?: Array<{ start: number; end: number; text: string }> };
    return {
      model: this.model,
      language: result.language ?? null,
      text: result.text,
      segments: (result.segments ?? []).map((s) => ({
        startMs: Math.round(s.start * 1000) + offsetMs,
        endMs: Math.round(s.end * 1000) + offsetMs,
        text: s.text.trim(),
      })),
    };
  }
}
