// What the first result waits on, started at boot before the app's bundle is fetched and parsed:
// the camera permission and stream, the WebGL renderer probe (which decides the backend), and the
// downloads of the default models and of the WASM binary. The app takes each over when it gets
// there; whatever it does not take costs one request.
import { openCamera } from '../camera/camera';
import { isSoftwareRenderer, parseBackendPreference } from '../backend/preference';
import { probeRenderer, rememberedRenderer } from '../backend/renderer';
import { prefetchDefaultModels } from '../models/prefetch';
import { afterMark, markStartup } from './marks';

/** The longest a first visit's renderer check waits for the first result (none may come: no camera, ?autostart=0). */
const PROBE_AFTER_FIRST_RESULT_MS = 4000;
/** And then this long, so the first labels are drawn and listed before it. */
const PROBE_AFTER_RESULT_MS = 500;

let camera: Promise<MediaStream> | undefined;
let renderer: Promise<string | undefined> | undefined;

export interface EarlyStartOptions {
  /** The page's query (?backend=, ?autostart=). */
  params: URLSearchParams;
  modelsBaseUrl: string;
  wasmBaseUrl: string;
  /** The .wasm file the WASM backend will load (backend/backends.ts decides). */
  wasmFile: string;
}

export function beginEarlyStart(o: EarlyStartOptions): void {
  markStartup('boot');
  const pref = parseBackendPreference(o.params.get('backend'));
  if (o.params.get('autostart') !== '0') {
    camera = openCamera(undefined);
    camera.then(() => markStartup('camera-stream'), () => undefined); // the app reports a failure when it takes the camera
  }
  // The shipped emotion models are Keras conversions (tfjs layers models): tfjs-layers' code is
  // fetched as soon as a prefetched manifest says so (classify/classifier.ts imports the same module).
  const layersRuntime = () => import('@tensorflow/tfjs-layers').catch(() => undefined); // the loader reports a failure
  void prefetchDefaultModels(o.modelsBaseUrl, o.params.get('quality'), { layersRuntime });
  // Under auto a first visit starts on WASM without waiting for the probe (backend/backends.ts):
  // its main-thread half waits until the first result is shown, off the path to the first label.
  if (pref === 'auto') renderer = probeRenderer(afterMark('first-result', PROBE_AFTER_FIRST_RESULT_MS, PROBE_AFTER_RESULT_MS));
  else if (pref === 'webgl') renderer = probeRenderer();
  // WASM runs unless WebGL is forced or a real GPU was seen here before (a first visit starts
  // it while the renderer is probed: backend/backends.ts).
  const known = rememberedRenderer();
  const gpuKnown = known !== undefined && known !== '' && !isSoftwareRenderer(known);
  // (Its JavaScript is part of the app's bundle, preloaded by the HTML: src/main.tsx.)
  if (pref === 'wasm' || (pref === 'auto' && !gpuKnown)) preloadFetch(o.wasmBaseUrl + o.wasmFile);
}

/** A <link rel=preload as=fetch>: emscripten's own fetch of the same URL then takes it over. */
function preloadFetch(href: string): void {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.appendChild(link);
}

/** The camera opened at boot (once), or undefined: then the app opens it itself. */
export function takeEarlyCamera(): Promise<MediaStream> | undefined {
  const c = camera;
  camera = undefined;
  return c;
}

/** The renderer probed at boot, if it was. */
export function earlyRenderer(): Promise<string | undefined> | undefined {
  return renderer;
}
