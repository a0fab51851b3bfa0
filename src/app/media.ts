// The media source: puts the camera, a video file, the demo clip or a still image on the page's
// <video>/<canvas>, with one way to play any of them (play) and one way to stop (stop).
import { openCamera, stopStream } from '../camera/camera';
import { ResolutionFollower, setCameraResolution } from '../classroom/camera-resolution';
import type { FarFacesMode } from '../detection/far-search';
import type { DemoSource } from '../demo/demo-source';
import { watchTrack } from '../faults/camera-watch';
import { CodedError } from '../faults/coded-error';
import type { SourceKind } from '../store/app-store';
import { takeEarlyCamera } from '../startup/early-start';

export type Playable =
  | { kind: 'camera'; stream: MediaStream; onEnded: () => void }
  | { kind: 'demo'; demo: DemoSource }
  | { kind: 'video'; url: string }
  | { kind: 'image'; canvas: HTMLCanvasElement };

export class MediaPlayer {
  private video: HTMLVideoElement | null = null;
  private still: HTMLCanvasElement | null = null;
  private stream: MediaStream | null = null;
  private videoUrl: string | null = null;
  private demo: DemoSource | null = null;
  private unwatchTrack: (() => void) | null = null;
  private playing: SourceKind | null = null;
  private readonly resolution = new ResolutionFollower();

  attach(video: HTMLVideoElement, still: HTMLCanvasElement): void {
    this.video = video;
    this.still = still;
  }

  get element(): HTMLVideoElement | null {
    return this.video;
  }

  get attached(): boolean {
    return this.video !== null && this.still !== null;
  }

  /** What is playing (null when stopped). */
  get kind(): SourceKind | null {
    return this.playing;
  }

  /** The camera's video track while the camera plays. */
  get track(): MediaStreamTrack | undefined {
    return this.playing === 'camera' ? this.stream?.getVideoTracks()[0] : undefined;
  }

  /** Time between the source's frames: the camera's frame rate, else 30 fps (files and the demo). */
  get frameIntervalMs(): number {
    const fps = this.track?.getSettings().frameRate;
    return 1000 / (fps && fps > 0 ? fps : 30);
  }

  /** The frame on screen, for a snapshot. */
  get frame(): HTMLVideoElement | HTMLCanvasElement | null {
    return this.playing === 'image' ? this.still : this.video;
  }

  /**
   * The saved camera, or any camera when it is gone (unplugged and another plugged in): then
   * `onGone` runs. The camera the boot script opened is taken when no other one is asked for.
   */
  async openCamera(deviceId: string | undefined, onGone: () => void): Promise<MediaStream> {
    const early = takeEarlyCamera();
    if (early && !deviceId) return early;
    if (early) void early.then(stopStream, () => undefined);
    try {
      return await openCamera(deviceId);
    } catch (e) {
      if (!deviceId || !(e instanceof CodedError) || e.code !== 'no-camera') throw e;
      onGone();
      return openCamera(undefined);
    }
  }

  /** Stops what plays and plays `source`; resolves once its first frame can be read. */
  async play(source: Playable): Promise<void> {
    this.stop();
    const video = this.video!;
    this.playing = source.kind;
    if (source.kind === 'image') {
      const still = this.still!;
      still.width = source.canvas.width;
      still.height = source.canvas.height;
      still.getContext('2d')!.drawImage(source.canvas, 0, 0);
      return;
    }
    video.muted = true;
    video.playsInline = true;
    if (source.kind === 'video') {
      this.videoUrl = source.url;
      video.loop = true;
      video.src = source.url;
    } else {
      this.stream = source.kind === 'camera' ? source.stream : source.demo.stream;
      if (source.kind === 'demo') this.demo = source.demo;
      const track = this.stream.getVideoTracks()[0];
      if (source.kind === 'camera' && track) this.unwatchTrack = watchTrack(track, source.onEnded);
      video.srcObject = this.stream;
    }
    await new Promise<void>((resolve, reject) => {
      if (video.readyState >= 1) return resolve();
      video.onloadedmetadata = () => resolve();
      video.onerror = () => reject(new Error(`The ${source.kind} could not be played`));
    });
    // tfjs and face-detection read width/height, not videoWidth/videoHeight.
    video.width = video.videoWidth;
    video.height = video.videoHeight;
    await video.play();
  }

  /**
   * Far faces "on" asks the camera for the big picture now and "off" for the normal one; "auto"
   * follows what the detector finds, frame by frame (followResolution).
   */
  async setResolution(farFaces: FarFacesMode): Promise<void> {
    this.resolution.reset(farFaces === 'on');
    if (farFaces !== 'auto') await setCameraResolution(this.track, farFaces === 'on');
  }

  /**
   * Per live camera frame: the big picture as soon as far faces are looked for, the normal one
   * again once only near faces have been seen for a while (classroom/camera-resolution.ts).
   */
  followResolution(nowMs: number, wantHigh: boolean): void {
    if (this.playing !== 'camera') return;
    const high = this.resolution.update(nowMs, wantHigh);
    if (high !== null) void setCameraResolution(this.track, high);
  }

  /** Freezes or resumes the live view (a paused video gives the frame loop no new frame). */
  setPaused(paused: boolean): void {
    if (!this.video || this.playing === 'image') return;
    if (paused) this.video.pause();
    else void this.video.play();
  }

  /** Stops what plays and releases it (camera tracks, demo timer, object URL). */
  stop(): void {
    this.unwatchTrack?.();
    this.unwatchTrack = null;
    this.demo?.stop();
    this.demo = null;
    stopStream(this.stream);
    this.stream = null;
    if (this.video) {
      this.video.srcObject = null;
      this.video.removeAttribute('src');
    }
    if (this.videoUrl) URL.revokeObjectURL(this.videoUrl);
    this.videoUrl = null;
    this.playing = null;
  }
}
