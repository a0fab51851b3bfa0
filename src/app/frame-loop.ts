// Drives processing from the video: one callback per new camera frame (requestVideoFrameCallback
// where the browser has it), never the same frame twice, and never overlapping runs.
type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export class FrameLoop {
  private running = false;
  private handle = 0;
  private lastTime = -1;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onFrame: () => Promise<void>,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastTime = -1;
    this.schedule();
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
    if (v.requestVideoFrameCallback) this.handle = v.requestVideoFrameCallback(() => void this.tick());
    else this.handle = requestAnimationFrame(() => void this.tick());
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    // The rAF fallback fires per display frame: skip until the video shows a new frame.
    const fresh = Boolean((this.video as VideoWithRvfc).requestVideoFrameCallback) || this.video.currentTime !== this.lastTime;
    if (this.video.readyState >= 2 && fresh) {
      this.lastTime = this.video.currentTime;
      await this.onFrame();
    }
    this.schedule();
  }
}
