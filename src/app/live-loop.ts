// The live frame loop around FrameLoop: one frame in flight at a time, paused while the page is
// hidden (the camera stays open), and a way to wait for the frame in flight before a backend move.
import { watchVisibility } from '../faults/visibility';
import { FrameLoop } from './frame-loop';

export class LiveLoop {
  private loop: FrameLoop | null = null;
  private video: HTMLVideoElement | null = null;
  /** Paused because the page is hidden. */
  private hidden = false;
  /** The frame being processed, so a resumed loop never overlaps it. */
  private inFlight: Promise<void> | null = null;
  private unwatch: (() => void) | null = null;

  constructor(private readonly onFrame: () => Promise<void>) {}

  /** Follows the page's visibility (once: React's StrictMode attaches twice). */
  watch(doc: Document): void {
    this.unwatch ??= watchVisibility(doc, () => this.pauseHidden(), () => void this.resumeVisible());
  }

  get active(): boolean {
    return this.loop?.active ?? false;
  }

  /** Whether a loop is set up (running, or paused while hidden). */
  get started(): boolean {
    return this.loop !== null;
  }

  start(video: HTMLVideoElement): void {
    this.stop();
    this.video = video;
    this.newLoop();
  }

  stop(): void {
    this.loop?.stop();
    this.loop = null;
  }

  /** Waits for the frame in flight, at most `ms` (a lost GPU context's readback may never settle). */
  async settle(ms: number): Promise<void> {
    await Promise.race([this.inFlight?.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
  }

  private newLoop(): void {
    this.loop = new FrameLoop(this.video!, () => {
      const frame = this.onFrame();
      this.inFlight = frame;
      return frame;
    });
    if (!this.hidden) this.loop.start(); // started while hidden: resumeVisible starts it
  }

  private pauseHidden(): void {
    this.hidden = true;
    this.loop?.stop();
  }

  private async resumeVisible(): Promise<void> {
    this.hidden = false;
    const loop = this.loop;
    if (!loop) return; // stopped, an image, or an error meanwhile
    await this.inFlight; // the frame that was running when the page was hidden
    if (this.loop !== loop || this.hidden) return;
    this.newLoop(); // a fresh loop: the stopped one may still hold a scheduled callback chain
  }
}
