import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

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

export async function probeStreams(bytes: Buffer): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-probe-'));
  const file = path.join(dir, 'probe.bin');
  await (await import('node:fs/promises')).writeFile(file, bytes);
  const { stdout } = await exec('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file]);
  return (JSON.parse(stdout).streams as Array<{ codec_type: string }>).map((s) => s.codec_type);
}
