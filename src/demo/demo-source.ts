// The built-in demo clip, for rooms where the camera is blocked: the bundled sample photos drawn
// on a canvas — first all six as one "class", then each in turn — and captured as a MediaStream,
// so the app's one frame loop processes it exactly like a camera.
import { DEMO_PHOTOS } from './photos';

export const DEMO_WIDTH = 1280;
export const DEMO_HEIGHT = 720;
const FPS = 15;
/** Seconds on the six-photo class view, then on each single photo. */
const CLASS_SECONDS = 10;
const PHOTO_SECONDS = 4;

export interface DemoScene {
  /** Indexes into the photos drawn in this scene. */
  photos: number[];
  seconds: number;
}

export const DEMO_SCENES: DemoScene[] = [
  { photos: DEMO_PHOTOS.map((_, i) => i), seconds: CLASS_SECONDS },
  ...DEMO_PHOTOS.map((_, i) => ({ photos: [i], seconds: PHOTO_SECONDS })),
];

/** The scene shown `elapsedMs` after the start (the clip loops). */
export function sceneAt(elapsedMs: number, scenes: readonly DemoScene[] = DEMO_SCENES): number {
  const total = scenes.reduce((s, sc) => s + sc.seconds, 0) * 1000;
  let t = ((elapsedMs % total) + total) % total;
  for (let i = 0; i < scenes.length; i++) {
    t -= scenes[i].seconds * 1000;
    if (t < 0) return i;
  }
  return 0;
}

export class DemoError extends Error {}

export class DemoSource {
  private timer = 0;

  private constructor(
    readonly stream: MediaStream,
    private readonly canvas: HTMLCanvasElement,
    private readonly photos: HTMLImageElement[],
  ) {}

  /** Loads the photos from `${baseUrl}demo/` and starts drawing. */
  static async open(baseUrl: string): Promise<DemoSource> {
    const photos = await Promise.all(
      DEMO_PHOTOS.map(async (name) => {
        const img = new Image();
        img.src = `${baseUrl}demo/${name}`;
        try {
          await img.decode();
        } catch {
          throw new DemoError(`The demo photo ${name} could not be loaded`);
        }
        return img;
      }),
    );
    const canvas = document.createElement('canvas');
    canvas.width = DEMO_WIDTH;
    canvas.height = DEMO_HEIGHT;
    const demo = new DemoSource(canvas.captureStream(FPS), canvas, photos);
    demo.begin();
    return demo;
  }

  private begin(): void {
    const ctx = this.canvas.getContext('2d')!;
    const t0 = performance.now();
    const draw = () => drawScene(ctx, this.photos, DEMO_SCENES[sceneAt(performance.now() - t0)]);
    draw();
    // Redrawn at FPS even when the scene is still: the capture stream only emits on change and
    // the frame loop (and the class-mood timeline) runs on frames.
    this.timer = window.setInterval(draw, 1000 / FPS);
  }

  stop(): void {
    clearInterval(this.timer);
    for (const t of this.stream.getTracks()) t.stop();
  }
}

function drawScene(ctx: CanvasRenderingContext2D, photos: HTMLImageElement[], scene: DemoScene): void {
  const { width: W, height: H } = ctx.canvas;
  ctx.fillStyle = '#222';
  ctx.fillRect(0, 0, W, H);
  const n = scene.photos.length;
  const cols = n === 1 ? 1 : 3;
  const rows = Math.ceil(n / cols);
  const cw = W / cols;
  const ch = H / rows;
  scene.photos.forEach((p, k) => {
    const img = photos[p];
    const s = Math.min(cw / img.naturalWidth, ch / img.naturalHeight);
    const w = img.naturalWidth * s;
    const h = img.naturalHeight * s;
    ctx.drawImage(img, (k % cols) * cw + (cw - w) / 2, Math.floor(k / cols) * ch + (ch - h) / 2, w, h);
  });
}
