// Drives processing from the video: one callback per new camera frame (requestVideoFrameCallback
// where the browser has it), never the same frame twice, and never overlapping runs.
import { yieldToBrowser } from '../backend/yield-to-browser';

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { presentedFrames: number; mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/** rVFC counts presented frames from 1: the frame already on screen when the loop starts is this. */
const ON_SCREEN = 0;

export class FrameLoop {
  private running = false;
  private handle = 0;
  private lastTime = -1;
  private lastPresented = -1;
  /** Newest frame the camera presented (rVFC), processed or not. */
  private newest = -1;
  private busy = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onFrame: () => Promise<void>,
  ) {}

  get active(): boolean {
    return this.running;
  }

  /** Starts with the frame on screen, if there is one (a camera that just started need not wait for its next). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastTime = -1;
    this.lastPresented = -1;
    this.newest = -1;
    this.schedule();
    // rVFC only (the rAF fallback's first tick takes the frame on screen anyway). A frame still in
    // flight from before a stop() goes on draining: a second drain would run two frames at once.
    if ((this.video as VideoWithRvfc).requestVideoFrameCallback && this.video.readyState >= 2) {
      this.newest = ON_SCREEN;
      if (!this.busy) void this.drain();
    }
  }

  stop(): void {
    this.running = false;
    const v = this.video as VideoWithRvfc;
    if (v.cancelVideoFrameCallback) v.cancelVideoFrameCallback(this.handle);
    else cancelAnimationFrame(this.handle);
  }

  private schedule(): void {
    if (!this.running) return;
    const v = this.video as VideoWithRvfc;
    if (v.requestVideoFrameCallback) this.handle = v.requestVideoFrameCallback((_, meta) => this.onVideoFrame(meta.presentedFrames));
    else this.handle = requestAnimationFrame(() => void this.tick());
  }

  /**
   * rVFC: a callback stays registered while a frame is processed, so a frame the camera presents
   * meanwhile is processed as soon as the current one is done, without waiting for the next.
   */
  private onVideoFrame(presentedFrames: number): void {
    if (!this.running) return;
    this.newest = presentedFrames;
    this.schedule();
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      // rVFC can report a frame already handled (e.g. after a seek or a re-attached stream): only a new one is processed.
      while (this.running && this.newest !== this.lastPresented && this.video.readyState >= 2) {
        this.lastPresented = this.newest;
        await this.onFrame();
        if (this.newest !== this.lastPresented) await yieldToBrowser(); // input and rendering get a turn between back-to-back frames
      }
    } finally {
      this.busy = false;
    }
  }

  /** The rAF fallback fires per display frame: only a new camera frame (currentTime) is processed. */
  private async tick(): Promise<void> {
    if (!this.running) return;
    if (this.video.readyState >= 2 && this.video.currentTime !== this.lastTime) {
      this.lastTime = this.video.currentTime;
      await this.onFrame();
    }
    this.schedule();
  }
}
