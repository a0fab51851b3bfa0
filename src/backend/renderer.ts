// The WebGL renderer string, which tells a real GPU from a software rasteriser ('auto' backend).
type Probeable = HTMLCanvasElement | OffscreenCanvas;

/** The renderer of a fresh WebGL context on `canvas`, or undefined without WebGL. */
export function readRenderer(canvas: Probeable): string | undefined {
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

/** Main-thread probe. */
export function webglRenderer(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  try {
    return readRenderer(document.createElement('canvas'));
  } catch {
    return undefined;
  }
}

const PROBE_TIMEOUT_MS = 5000;
const REMEMBER_KEY = 'emotion-lens:webgl-renderer';

/** The renderer this browser reported on an earlier visit ('' = no WebGL), or undefined. */
export function rememberedRenderer(): string | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(REMEMBER_KEY) ?? 'null') as { ua?: string; renderer?: string } | null;
    return saved?.ua === navigator.userAgent && typeof saved.renderer === 'string' ? saved.renderer : undefined;
  } catch {
    return undefined;
  }
}

function remember(renderer: string | undefined): void {
  try {
    localStorage.setItem(REMEMBER_KEY, JSON.stringify({ ua: navigator.userAgent, renderer: renderer ?? '' }));
  } catch {
    // Private mode or storage full: probe again next time.
  }
}

/**
 * The renderer, from an earlier visit of this browser or probed now and remembered: a first
 * WebGL context costs a few hundred ms (GPU process, software GL), a remembered answer nothing.
 */
export function probeRenderer(mainThreadAfter?: Promise<unknown>): Promise<string | undefined> {
  const known = rememberedRenderer();
  if (known !== undefined) return Promise.resolve(known || undefined);
  return probeRendererNow(mainThreadAfter).then((r) => {
    remember(r);
    return r;
  });
}

/**
 * The first WebGL context of a page costs a few hundred ms (GPU process start, software GL set-up).
 * A worker pays it (OffscreenCanvas) while the main thread keeps parsing the app; the answer
 * then comes from a main-thread context, cheaper now, because only that one is what tfjs will get
 * (a browser may allow WebGL in workers and not on the page, or the other way round). That
 * main-thread context still holds the page's thread for tens of ms on software GL: with
 * `mainThreadAfter` (a caller that does not wait for the answer, e.g. until the first result is
 * shown), it is made only once that promise settles. Falls back to the main-thread probe where
 * workers can't create WebGL contexts.
 */
function probeRendererNow(mainThreadAfter?: Promise<unknown>): Promise<string | undefined> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return Promise.resolve(webglRenderer());
  return new Promise((resolve) => {
    let worker: Worker | undefined;
    const confirm = () => resolve(webglRenderer());
    const done = () => {
      clearTimeout(timer);
      worker?.terminate();
      if (mainThreadAfter) void mainThreadAfter.then(confirm, confirm);
      else confirm();
    };
    const timer = setTimeout(done, PROBE_TIMEOUT_MS);
    try {
      worker = new Worker(new URL('./renderer-probe.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = done;
      worker.onerror = done;
    } catch {
      done();
    }
  });
}
