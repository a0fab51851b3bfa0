// Drives processing from the video: one callback per new camera frame (requestVideoFrameCallback
// where the browser has it), never the same frame twice, and never overlapping runs.
type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { presentedFrames: number; mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export class FrameLoop {
  private running = false;
  private handle = 0;
  private lastTime = -1;
  private lastPresented = -1;

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
    this.lastPresented = -1;
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
    if (v.requestVideoFrameCallback) this.handle = v.requestVideoFrameCallback((_, meta) => void this.tick(meta.presentedFrames));
    else this.handle = requestAnimationFrame(() => void this.tick());
  }

  /** presentedFrames comes with requestVideoFrameCallback; the rAF fallback compares currentTime. */
  private async tick(presentedFrames?: number): Promise<void> {
    if (!this.running) return;
    // rVFC can fire again for a frame already handled (e.g. after a seek or a re-attached stream);
    // the rAF fallback fires per display frame. Either way only a new camera frame is processed.
    const fresh = presentedFrames !== undefined ? presentedFrames !== this.lastPresented : this.video.currentTime !== this.lastTime;
    if (this.video.readyState >= 2 && fresh) {
      this.lastTime = this.video.currentTime;
      if (presentedFrames !== undefined) this.lastPresented = presentedFrames;
      await this.onFrame();
    }
    this.schedule();
  }
}
