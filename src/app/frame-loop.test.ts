import { describe, expect, it } from 'vitest';
import { FrameLoop } from './frame-loop';

/** A video whose camera frames the test presents by hand (requestVideoFrameCallback semantics). */
function fakeVideo(frameOnScreen = false) {
  let callbacks: ((now: number, meta: { presentedFrames: number; mediaTime: number }) => void)[] = [];
  let presented = 0;
  const video = {
    readyState: frameOnScreen ? 4 : 1,
    currentTime: 0,
    requestVideoFrameCallback(cb: (typeof callbacks)[number]) {
      callbacks.push(cb);
      return callbacks.length;
    },
    cancelVideoFrameCallback() {
      callbacks = [];
    },
  };
  return {
    video: video as unknown as HTMLVideoElement,
    /** The camera presents a new frame: every registered callback fires once. */
    present() {
      presented++;
      video.readyState = 4;
      const now = callbacks;
      callbacks = [];
      for (const cb of now) cb(0, { presentedFrames: presented, mediaTime: presented / 30 });
    },
    get registered() {
      return callbacks.length;
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('FrameLoop (requestVideoFrameCallback)', () => {
  it('processes each new camera frame once, never two at a time', async () => {
    const cam = fakeVideo();
    let running = 0;
    let maxRunning = 0;
    let processed = 0;
    const loop = new FrameLoop(cam.video, async () => {
      maxRunning = Math.max(maxRunning, ++running);
      await settle();
      processed++;
      running--;
    });
    loop.start();
    cam.present();
    await settle();
    await settle();
    expect(processed).toBe(1);
    cam.present();
    await settle();
    await settle();
    expect(processed).toBe(2);
    expect(maxRunning).toBe(1);
    loop.stop();
  });

  it('takes a frame presented while busy right after, without waiting for another, and only the newest', async () => {
    const cam = fakeVideo();
    let release: () => void = () => undefined;
    const seen: number[] = [];
    let frameNo = 0;
    const loop = new FrameLoop(cam.video, () => {
      seen.push(++frameNo);
      return new Promise<void>((r) => (release = r));
    });
    loop.start();
    cam.present(); // frame 1 starts
    await settle();
    expect(seen).toEqual([1]);
    expect(cam.registered).toBe(1); // still listening while busy
    cam.present(); // presented while busy …
    cam.present(); // … and a newer one: only this one is worth processing
    release();
    await settle();
    expect(seen).toEqual([1, 2]); // processed at once, no new callback needed
    release();
    await settle();
    expect(seen).toEqual([1, 2]); // nothing new presented: waits
    cam.present();
    await settle();
    expect(seen).toEqual([1, 2, 3]);
    release();
    loop.stop();
  });

  it('starts with the frame already on screen, then takes each new one', async () => {
    const cam = fakeVideo(true);
    let processed = 0;
    const loop = new FrameLoop(cam.video, async () => void processed++);
    loop.start();
    await settle();
    expect(processed).toBe(1); // no need to wait for the camera's next frame
    await settle();
    expect(processed).toBe(1); // and only once
    cam.present();
    await settle();
    expect(processed).toBe(2);
    loop.stop();
  });

  it('a restart while a frame is in flight keeps one frame at a time', async () => {
    const cam = fakeVideo(true);
    let running = 0;
    let maxRunning = 0;
    let release: () => void = () => undefined;
    const loop = new FrameLoop(cam.video, async () => {
      maxRunning = Math.max(maxRunning, ++running);
      await new Promise<void>((r) => (release = r));
      running--;
    });
    loop.start(); // the frame on screen is in flight
    await settle();
    loop.stop();
    loop.start(); // e.g. Stop then Start, or a backend move, before that frame is done
    await settle();
    expect(maxRunning).toBe(1);
    release();
    await settle();
    release();
    await settle();
    loop.stop();
  });

  it('does nothing after stop', async () => {
    const cam = fakeVideo();
    let processed = 0;
    const loop = new FrameLoop(cam.video, async () => void processed++);
    loop.start();
    loop.stop();
    cam.present();
    await settle();
    expect(processed).toBe(0);
  });
});
