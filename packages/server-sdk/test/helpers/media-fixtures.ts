import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** WebM's first four bytes (the EBML header id): what the server sniffs to accept a webm upload. */
export const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/** `size` bytes that pass the server's WebM sniffing (random after the header; not playable). */
export const fakeWebm = (size: number): Buffer => Buffer.concat([EBML, randomBytes(size - 4)]);

/**
 * Small real recordings, like the widget's: a VP8/Opus webm with video and sound, and an Opus-only
 * webm (the audio track that feeds transcription). Made with ffmpeg, once per test process.
 */
export async function makeRecordings(): Promise<{ video: Buffer; audio: Buffer }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-media-'));
  const video = path.join(dir, 'answer.webm');
  const audio = path.join(dir, 'answer-audio.webm');
  const common = ['-hide_banner', '-v', 'error', '-y'];
  await exec('ffmpeg', [...common, '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '2', '-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus', '-b:a', '32k', '-f', 'webm', video]);
  await exec('ffmpeg', [...common, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '2', '-c:a', 'libopus', '-b:a', '24k', '-f', 'webm', audio]);
  return { video: await readFile(video), audio: await readFile(audio) };
}

/** What each engine's MediaRecorder produces, as the server receives it. */
export interface EngineRecording {
  engine: string;
  video: { mimeType: string; bytes: Buffer };
  audio: { mimeType: string; bytes: Buffer };
}

/**
 * `seconds`-long recordings in each engine's format: WebKit's fragmented MP4 (H.264 Constrained
 * Baseline + AAC-LC, an empty `moov`: no duration in its header, as WebKit's muxer writes it) and
 * Firefox's/Chromium's WebM (VP8/Opus, no duration either: MediaRecorder cannot know it up front).
 */
export async function makeEngineRecordings(seconds: number): Promise<EngineRecording[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-engines-'));
  const common = ['-hide_banner', '-v', 'error', '-y'];
  const picture = ['-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=30'];
  const sound = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'];
  const fragmented = ['-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4'];
  const file = (name: string) => path.join(dir, name);
  const t = ['-t', String(seconds)];
  await exec('ffmpeg', [...common, ...picture, ...sound, ...t, '-c:v', 'libx264', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '30', '-c:a', 'aac', '-b:a', '64k', ...fragmented, file('webkit.mp4')]);
  await exec('ffmpeg', [...common, ...sound, ...t, '-c:a', 'aac', '-b:a', '32k', ...fragmented, file('webkit-audio.mp4')]);
  await exec('ffmpeg', [...common, ...picture, ...sound, ...t, '-c:v', 'libvpx', '-b:v', '300k', '-c:a', 'libopus', '-b:a', '32k', '-f', 'webm', '-live', '1', file('firefox.webm')]);
  await exec('ffmpeg', [...common, ...sound, ...t, '-c:a', 'libopus', '-b:a', '24k', '-f', 'webm', '-live', '1', file('firefox-audio.webm')]);
  return [
    { engine: 'WebKit', video: { mimeType: 'video/mp4;codecs=avc1,mp4a.40.2', bytes: await readFile(file('webkit.mp4')) }, audio: { mimeType: 'audio/mp4', bytes: await readFile(file('webkit-audio.mp4')) } },
    { engine: 'Firefox', video: { mimeType: 'video/webm;codecs=vp8,opus', bytes: await readFile(file('firefox.webm')) }, audio: { mimeType: 'audio/webm;codecs=opus', bytes: await readFile(file('firefox-audio.webm')) } },
  ];
}

/** Seconds up to the last packet of `bytes` (what a player shows once it has read the file). */
export async function decodedSeconds(bytes: Buffer): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-probe-'));
  const file = path.join(dir, 'probe.bin');
  await (await import('node:fs/promises')).writeFile(file, bytes);
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], { maxBuffer: 32 * 1024 * 1024 });
  return Math.max(0, ...stdout.split('\n').map(Number).filter(Number.isFinite));
}

export async function probeStreams(bytes: Buffer): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-probe-'));
  const file = path.join(dir, 'probe.bin');
  await (await import('node:fs/promises')).writeFile(file, bytes);
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file]);
  return (JSON.parse(stdout).streams as Array<{ codec_type: string }>).map((s) => s.codec_type);
}
