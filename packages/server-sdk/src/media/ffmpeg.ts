import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ProbeResult {
  durationMs: number | null;
  streams: Array<{ type: string; codec: string; width?: number; height?: number; sampleRate?: number }>;
}

/** ffmpeg and ffprobe as child processes; nothing here is given client input except file paths we made. */
export class Ffmpeg {
  readonly #ffmpeg: string;
  readonly #ffprobe: string;

  private constructor(ffmpegPath: string) {
    this.#ffmpeg = ffmpegPath;
    // ffprobe ships beside ffmpeg (Debian's ffmpeg package has both).
    this.#ffprobe = ffmpegPath.includes('/') ? path.join(path.dirname(ffmpegPath), 'ffprobe') : 'ffprobe';
  }

  /** The binary when it runs, or null (the pipeline then skips media steps and says so). */
  static async detect(ffmpegPath: string): Promise<Ffmpeg | null> {
    const tool = new Ffmpeg(ffmpegPath);
    try {
      await run(tool.#ffmpeg, ['-hide_banner', '-version']);
      await run(tool.#ffprobe, ['-hide_banner', '-version']);
      return tool;
    } catch {
      return null;
    }
  }

  async probe(file: string): Promise<ProbeResult> {
    const out = await run(this.#ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
    const json = JSON.parse(out) as {
      format?: { duration?: string };
      streams?: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; sample_rate?: string; duration?: string }>;
    };
    const seconds = Number(json.format?.duration ?? json.streams?.find((s) => s.duration)?.duration);
    return {
      durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
      streams: (json.streams ?? []).map((s) => ({
        type: s.codec_type,
        codec: s.codec_name,
        ...(s.width ? { width: s.width, height: s.height } : {}),
        ...(s.sample_rate ? { sampleRate: Number(s.sample_rate) } : {}),
      })),
    };
  }

  /** MediaRecorder's webm has no duration and no cues; a stream copy writes both (seekable, same bytes of media). */
  async remuxSeekableWebm(input: string, output: string): Promise<void> {
    await run(this.#ffmpeg, ['-hide_banner', '-v', 'error', '-y', '-i', input, '-map', '0', '-c', 'copy', '-f', 'webm', output]);
  }

  /**
   * H.264/AAC mp4 with the index up front: plays in every reviewer's browser, seeks at once. A
   * keyframe every 2 s lets the HLS rendition cut ~4 s segments from it without re-encoding.
   */
  async renderReviewMp4(input: string, output: string, hasVideo: boolean): Promise<void> {
    const video = hasVideo
      ? ['-vf', "scale='min(1280,iw)':-2", '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-pix_fmt', 'yuv420p', '-force_key_frames', 'expr:gte(t,n_forced*2)']
      : ['-vn'];
    await run(this.#ffmpeg, ['-hide_banner', '-v', 'error', '-y', '-i', input, ...video, '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart', output]);
  }

  /**
   * An HLS rendition of the review mp4, without re-encoding: fragmented mp4 in ONE file
   * (`<dir>/media.mp4`) and a VOD playlist (`<dir>/index.m3u8`) whose init section and segments
   * are byte ranges of that file, so the server stores and serves two objects, not one per segment.
   */
  async segmentHls(inputMp4: string, directory: string): Promise<{ playlist: string; media: string }> {
    const playlist = path.join(directory, 'index.m3u8');
    const media = path.join(directory, 'media.mp4');
    await run(this.#ffmpeg, [
      '-hide_banner', '-v', 'error', '-y', '-i', inputMp4, '-map', '0', '-c', 'copy',
      '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-hls_flags', 'single_file',
      '-hls_segment_filename', media, playlist,
    ]);
    return { playlist, media };
  }

  /** Mono, low-rate opus: the smallest file that still transcribes well. Video frames are dropped. */
  async extractSpeechAudio(input: string, output: string, bitrate = '24k'): Promise<void> {
    await run(this.#ffmpeg, ['-hide_banner', '-v', 'error', '-y', '-i', input, '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'libopus', '-b:a', bitrate, '-f', 'webm', output]);
  }

  /** Splits audio into pieces of `seconds` each (`<dir>/part-000.webm`, …) for APIs with a size limit. */
  async splitAudio(input: string, directory: string, seconds: number): Promise<string[]> {
    const pattern = path.join(directory, 'part-%03d.webm');
    await run(this.#ffmpeg, ['-hide_banner', '-v', 'error', '-y', '-i', input, '-vn', '-c', 'copy', '-f', 'segment', '-segment_time', String(seconds), '-reset_timestamps', '1', pattern]);
    const { readdir } = await import('node:fs/promises');
    return (await readdir(directory)).filter((f) => /^part-\d{3}\.webm$/.test(f)).sort().map((f) => path.join(directory, f));
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${path.basename(command)} exited with ${code}: ${stderr.trim().slice(-500)}`))));
  });
}
