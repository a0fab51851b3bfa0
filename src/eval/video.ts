// Real video clips for `npm run stability`: decoded with the system's ffmpeg into raw RGB frames in
// a temporary folder (never in the project), read back one frame at a time.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DecodedClip {
  name: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** RGB bytes of frame i (width·height·3). */
  frame(i: number): Uint8Array;
}

/** Why clips cannot be measured here (null: they can): no ffmpeg, or no clips. */
export function videoUnavailable(dir: string): string | null {
  if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) return 'ffmpeg not found (Debian: apt-get install ffmpeg)';
  if (!fs.existsSync(dir) || !fs.readdirSync(dir).some((f) => f.endsWith('.mp4'))) return `no .mp4 clips in ${dir}`;
  return null;
}

/** Decodes a clip at `fps` into `tmpDir` (ffmpeg -f rawvideo rgb24). */
export function decodeClip(file: string, fps: number, tmpDir: string): DecodedClip {
  const probe = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim();
  const [width, height] = probe.split(',').map(Number);
  if (!(width > 0 && height > 0)) throw new Error(`ffprobe could not read the size of ${file}: "${probe}"`);
  const out = path.join(tmpDir, `${path.basename(file)}.rgb`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', `fps=${fps}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', out]);
  const bytes = width * height * 3;
  const size = fs.statSync(out).size;
  const fd = fs.openSync(out, 'r');
  return {
    name: path.basename(file, '.mp4'),
    width,
    height,
    fps,
    frames: Math.floor(size / bytes),
    frame(i) {
      const buf = new Uint8Array(bytes);
      fs.readSync(fd, buf, 0, bytes, i * bytes);
      return buf;
    },
  };
}

/** A fresh temporary folder for decoded frames, and its removal. */
export function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stability-frames-'));
  return fn(dir).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}
