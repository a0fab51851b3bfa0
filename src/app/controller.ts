// Wires camera, models, pipeline, overlay and store together. Plain TypeScript: React only
// renders what the store holds and calls start/stop.
import * as tf from '@tensorflow/tfjs-core';
import { backendOrder, initBackend, wasmThreadsNote, type BackendPreference } from '../backend/backends';
import { CameraError, listCameras, openCamera, stopStream } from '../camera/camera';
import { EmotionClassifier } from '../classify/classifier';
import type { AutoFaceDetector } from '../detection/auto-detector';
import { httpModelSource, loadIndex, resolveModel, withModelErrors } from '../models/registry';
import { containScale, drawOverlay, type OverlayOptions } from '../overlay/draw-overlay';
import { Classroom } from '../classroom/classroom';
import { autoDetectorOptions, loadAppDetector } from '../classroom/detector-settings';
import { downloadBlob } from '../classroom/download';
import { exportStem } from '../classroom/export';
import { canvasToPng, composeSnapshot } from '../classroom/snapshot';
import { DemoSource } from '../demo/demo-source';
import { ResolutionFollower, setCameraResolution } from '../classroom/camera-resolution';
import { EmotionPipeline } from '../pipeline/pipeline';
import type { FrameResult } from '../pipeline/types';
import type { AppStore } from '../store/app-store';
import { appError, errorDetail, type AppError } from './errors';
import { FrameLoop } from './frame-loop';
import { FrameStats } from './frame-stats';
import { pipelineLabelSettings } from './label-settings';
import { decodeImageFile, fileKind, loadVideoFile, SourceError } from '../sources/files';
import { scaleResult } from '../pipeline/scale-result';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ModelManifest } from '../models/manifest';
import { clearUserModel, loadUserModel, saveUserModel, storedUserManifest } from '../user-model/persist';
import { TimingLog, type FrameTiming } from '../bench/timing-log';
import { watchTrack } from '../faults/camera-watch';
import { watchVisibility } from '../faults/visibility';
import { watchWebglContextLoss, webglContextLost } from '../faults/context-loss';
import { guardInference } from '../faults/inference-guard';
import { markStartup } from './startup-marks';
import { fetchPrefetched } from '../models/prefetch';
import { takeEarlyCamera, earlyRenderer } from '../startup/early-start';

/** The DOM only needs results a few times a second; the canvas gets every frame. */
const DOM_PUBLISH_MS = 100;
const STATS_PUBLISH_MS = 500;

export interface EmotionAppApi {
  /** The latest processed frame: { frame, faces: [{ id, box, emotion, score, probs }] }. */
  getLatest(): Pick<FrameResult, 'frame' | 'faces'> | null;
  start(): Promise<void>;
  stop(): void;
  /** Number of live tfjs tensors (QA: it must stay constant while running). */
  tensorCount(): number;
  /** The last processed frames' timings, oldest first (read by `npm run bench`). */
  getTimings(): FrameTiming[];
}

export class AppController {
  private pipeline: EmotionPipeline | null = null;
  /** The shipped emotion model, kept to switch back to from a user's own. */
  private builtInClassifier: EmotionClassifier | null = null;
  private userClassifier: EmotionClassifier | null = null;
  private modelsReady: Promise<void> | null = null;
  private stream: MediaStream | null = null;
  private loop: FrameLoop | null = null;
  private latest: FrameResult | null = null;
  private stats = new FrameStats();
  private timings = new TimingLog();
  private lastDomPublish = 0;
  private lastStatsPublish = 0;
  private video: HTMLVideoElement | null = null;
  private overlay: CanvasRenderingContext2D | null = null;
  private still: HTMLCanvasElement | null = null;
  private videoUrl: string | null = null;
  private startWhenAttached = false;
  private demo: DemoSource | null = null;
  /** The auto detector (short- and full-range models; src/detection/auto-detector.ts), owned by the pipeline. */
  private detector: AutoFaceDetector | null = null;
  /** Big camera picture while far faces are looked for (src/classroom/camera-resolution.ts). */
  private resolution = new ResolutionFollower();
  private detectorSwap: Promise<void> = Promise.resolve();
  /** Class mood, presentation mode and the detector settings' watcher (src/classroom). */
  readonly classroom: Classroom;
  private unwatchTrack: (() => void) | null = null;
  private unwatchGl: (() => void) | null = null;
  /** Paused because the page is hidden; the camera stays open. */
  private hiddenPause = false;
  /** The frame being processed, so a resumed loop never overlaps it. */
  private inFlight: Promise<void> | null = null;
  private recoveringGl = false;
  private unwatchVisibility: (() => void) | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly modelsBaseUrl: string,
    private readonly wasmBaseUrl: string,
  ) {
    this.classroom = new Classroom(store, () => {
      this.detectorSwap = this.detectorSwap.then(() => this.applyDetectorSettings());
    });
    // Label settings apply live: the next frame uses them.
    store.subscribe((now, before) => {
      const a = now.settings;
      const b = before.settings;
      if (a.smoothing !== b.smoothing || a.uncertainBelow !== b.uncertainBelow || a.flipTta !== b.flipTta) {
        this.pipeline?.configure(pipelineLabelSettings(a));
      }
    });
  }

  api(): EmotionAppApi {
    return {
      getLatest: () => (this.latest ? { frame: this.latest.frame, faces: this.latest.faces } : null),
      start: () => this.start(),
      stop: () => this.stop(),
      tensorCount: () => tf.memory().numTensors,
      getTimings: () => this.timings.toArray(),
    };
  }

  attach(video: HTMLVideoElement, canvas: HTMLCanvasElement, still: HTMLCanvasElement): void {
    this.video = video;
    this.overlay = canvas.getContext('2d');
    this.still = still;
    // Once: React's StrictMode attaches twice.
    this.unwatchVisibility ??= watchVisibility(document, () => this.pauseHidden(), () => void this.resumeVisible());
    if (this.startWhenAttached) {
      this.startWhenAttached = false;
      void this.start();
    }
  }

  /** Starts the backend and loads the models once; later calls reuse the same promise. */
  loadModels(): Promise<void> {
    this.modelsReady ??= this.doLoadModels();
    return this.modelsReady;
  }

  /** Loads the models without opening a source (?autostart=0); a failure is shown like any other. */
  async preload(): Promise<void> {
    try {
      await this.loadModels();
    } catch (e) {
      this.modelsReady = null;
      this.store.getState().fail(e instanceof StartError ? e.appError : appError('unknown', errorDetail(e)));
    }
  }

  private async doLoadModels(): Promise<void> {
    const s = this.store.getState();
    s.setProgress('Starting TensorFlow.js…');
    let backend;
    try {
      backend = await initBackend(s.settings.backend, this.wasmBaseUrl, earlyRenderer());
    } catch (e) {
      throw new StartError(appError('no-backend', errorDetail(e)));
    }
    markStartup('backend-ready');
    s.setBackend({ name: backend.name, reason: backend.reason });
    if (backend.pendingRenderer) {
      const pending = backend.pendingRenderer;
      // Settled once the models are in: a move to WebGL needs them loaded to reload them.
      void this.modelsReady?.then(() => this.settleBackend(pending), () => undefined);
    } else if (backend.renderer === undefined && (s.settings.backend === 'auto' || s.settings.backend === 'webgl')) {
      s.setNotice(NO_WEBGL_NOTICE);
    } else if (backend.failures.length) {
      s.setNotice(`${backend.failures.map((f) => f.name).join(', ')} failed to start; running on ${backend.name}.`);
    }
    s.setProgress('Loading models…');
    try {
      const source = httpModelSource(this.modelsBaseUrl, fetchPrefetched);
      const index = await loadIndex(source);
      // Detector and classifier at once: each manifest is a round trip before its weights download.
      const farError = (e: unknown) => s.setNotice(`The far-faces detector could not be loaded (${errorDetail(e)}): only faces near the camera are found.`);
      const [detector, classifier] = await Promise.all([
        loadAppDetector(source, index, s.settings, farError),
        resolveModel(source, index.defaults.classifier).then((cls) => withModelErrors(cls.manifest, () => EmotionClassifier.load(cls.manifest, cls.model))),
      ]);
      markStartup('models-ready');
      this.pipeline = new EmotionPipeline(detector, classifier, pipelineLabelSettings(s.settings));
      this.detector = detector;
      this.builtInClassifier = classifier;
      s.setLabels(classifier.labels);
      s.setClassifier({ name: classifier.manifest.name, builtIn: true });
      await this.restoreUserModel();
      s.setProgress('Preparing the GPU…');
      await this.pipeline.warmUp(640, 480);
      this.unwatchGl?.();
      this.unwatchGl = watchWebglContextLoss(() => void this.recoverFromContextLoss());
    } catch (e) {
      throw new StartError(appError('model-load', errorDetail(e)));
    }
  }

  async start(): Promise<void> {
    const s = this.store.getState();
    if (s.status === 'running') return;
    if (!this.video) {
      this.startWhenAttached = true; // the page has not rendered its video element yet
      return;
    }
    try {
      s.setStatus('starting', 'Opening the camera…');
      // Camera and models in parallel: the permission prompt overlaps the model download.
      const [stream] = await Promise.all([this.openAnyCamera(s.settings.deviceId).then((st) => (markStartup('camera-open'), st)), this.loadModels()]);
      this.stream = stream;
      markStartup('camera-and-models-ready');
      const track = stream.getVideoTracks()[0];
      this.resolution.reset();
      if (s.settings.farFaces === 'on') await setCameraResolution(track, true);
      if (track) this.unwatchTrack = watchTrack(track, () => this.fail(appError('camera-ended')));
      s.setCameras(await listCameras());
      if (!s.settings.deviceId && track) s.updateSettings({ deviceId: track.getSettings().deviceId });
      await this.playVideo(stream);
      markStartup('video-playing');
      this.startLoop({ kind: 'camera', name: track?.label || 'camera' });
    } catch (e) {
      stopStream(this.stream);
      this.stream = null;
      // A failed model load may succeed on retry (e.g. a network blip): forget it.
      if (e instanceof StartError && e.appError.code !== 'no-backend') this.modelsReady = null;
      this.fail(e instanceof CameraError || e instanceof StartError ? e.appError : appError('unknown', errorDetail(e)));
    }
  }

  stop(): void {
    this.loop?.stop();
    this.loop = null;
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
    this.overlay?.clearRect(0, 0, this.overlay.canvas.width, this.overlay.canvas.height);
    this.latest = null;
    const s = this.store.getState();
    s.publishFaces([]);
    s.setSource(null);
    if (s.status !== 'error') s.setStatus('idle');
  }

  /**
   * Analyses an image or video file (file picker or drag-and-drop) with the same overlays and
   * results contract as the camera. A file that can't be used leaves what was running untouched.
   */
  async openFile(file: File): Promise<void> {
    const s = this.store.getState();
    if (!this.video || !this.still) return;
    const kind = fileKind(file);
    if (!kind) return s.showError(appError('unsupported-file', `${file.name} (${file.type || 'unknown type'})`));
    try {
      if (kind === 'image') {
        const image = await decodeImageFile(file);
        await this.loadModels();
        this.stop();
        this.still.width = image.canvas.width;
        this.still.height = image.canvas.height;
        this.still.getContext('2d')!.drawImage(image.canvas, 0, 0);
        this.pipeline!.reset();
        await this.detector?.sweepNext(); // one picture: look for far faces everywhere at once
        const result = await this.pipeline!.process(image.canvas);
        if (this.overlay) drawOverlay(this.overlay, result, this.overlayOptions(false));
        // Results in the file's own pixels, like video pixels for the camera.
        this.latest = scaleResult(result, 1 / image.scale);
        s.publishFaces(this.latest.faces);
        this.classroom.onFrame(this.latest.faces);
        s.publishStats({ fps: 0, latencyMs: result.timings.totalMs, faces: result.faces.length });
        if (result.faces.length === 0) s.setNotice(`No face found in ${file.name}.`);
        s.setSource({ kind: 'image', name: file.name });
        s.setStatus('running');
      } else {
        const url = await loadVideoFile(file);
        await this.loadModels();
        this.stop();
        this.videoUrl = url;
        const video = this.video;
        video.src = url;
        video.loop = true;
        video.muted = true;
        await new Promise<void>((resolve) => (video.readyState >= 1 ? resolve() : (video.onloadedmetadata = () => resolve())));
        video.width = video.videoWidth;
        video.height = video.videoHeight;
        await video.play();
        this.startLoop({ kind: 'video', name: file.name });
      }
    } catch (e) {
      if (e instanceof SourceError) return s.showError(e.appError);
      if (e instanceof StartError) return this.fail(e.appError);
      this.fail(appError('unknown', errorDetail(e)));
    }
  }

  /**
   * Switches to the user's own model after a test inference (EmotionClassifier checks that its
   * outputs match its labels); kept in IndexedDB so it survives a reload.
   */
  async useUserModel(model: LayersModel | GraphModel, manifest: ModelManifest): Promise<void> {
    await this.loadModels();
    await this.switchToUserModel(model, manifest, true);
  }

  private async switchToUserModel(model: LayersModel | GraphModel, manifest: ModelManifest, persist: boolean): Promise<void> {
    const classifier = EmotionClassifier.fromModel(model, manifest);
    classifier.warmUp();
    if (persist) await saveUserModel(model, manifest);
    const previous = this.userClassifier;
    this.userClassifier = classifier;
    this.pipeline!.setClassifier(classifier);
    previous?.dispose();
    const s = this.store.getState();
    s.setLabels(classifier.labels);
    s.setClassifier({ name: manifest.name, builtIn: false });
  }

  /** Back to the shipped model, on request or because the user's model failed (reason shown). */
  async useBuiltInModel(reason?: string): Promise<void> {
    if (!this.pipeline || !this.builtInClassifier) return;
    this.pipeline.setClassifier(this.builtInClassifier);
    this.userClassifier?.dispose();
    this.userClassifier = null;
    const s = this.store.getState();
    s.setLabels(this.builtInClassifier.labels);
    s.setClassifier({ name: this.builtInClassifier.manifest.name, builtIn: true });
    if (reason) s.setNotice(reason);
    await clearUserModel();
  }

  /** True while a user's own model is in use (the frame loop falls back to the built-in one if it throws). */
  get usingUserModel(): boolean {
    return this.userClassifier !== null;
  }

  private async restoreUserModel(): Promise<void> {
    const manifest = storedUserManifest();
    if (!manifest) return;
    try {
      await this.switchToUserModel(await loadUserModel(manifest), manifest, false);
    } catch (e) {
      await clearUserModel();
      this.store.getState().setNotice(`Your saved model "${manifest.name}" could not be loaded (${errorDetail(e)}): using the built-in model.`);
    }
  }

  private startLoop(source: { kind: 'camera' | 'video' | 'demo'; name: string }): void {
    const s = this.store.getState();
    this.pipeline?.reset();
    this.detector?.reset();
    this.stats.reset();
    this.newLoop();
    s.setSource(source);
    s.setStatus('running');
  }

  private newLoop(): void {
    this.loop = new FrameLoop(this.video!, () => {
      const frame = this.processFrame().catch((e: unknown) => {
        // A lost GPU context surfaces as odd errors in the middle of a frame: recover, don't fail.
        if (webglContextLost()) return this.recoverFromContextLoss();
        this.fail(appError('unknown', errorDetail(e)));
      });
      this.inFlight = frame;
      return frame;
    });
    if (this.hiddenPause) return; // started (e.g. a file opened) while hidden: resumeVisible starts it
    this.loop.start();
  }

  private pauseHidden(): void {
    this.hiddenPause = true;
    this.loop?.stop();
  }

  private async resumeVisible(): Promise<void> {
    this.hiddenPause = false;
    if (!this.loop) return; // stopped, an image, or an error meanwhile
    const loop = this.loop;
    await this.inFlight; // the frame that was running when the page was hidden
    if (this.loop !== loop || this.hiddenPause) return;
    // A fresh loop: the stopped one may still hold a scheduled callback chain.
    this.newLoop();
  }

  /**
   * WebGL lost its context: tfjs cannot rebuild its GPU state, so move to WebAssembly, reload the
   * models there and carry on with the same source.
   */
  private recoverFromContextLoss(): Promise<void> {
    return this.reloadOnBackend('wasm', () => {
      try {
        tf.removeBackend('webgl'); // never pick the dead context again
      } catch {
        // disposing a lost context may throw; it is unusable either way
      }
      return 'The GPU (WebGL) stopped working: switched to WebAssembly. Reload the page to try the GPU again.';
    });
  }

  /**
   * A first visit starts on WASM without waiting for the WebGL probe (backend/backends.ts). When
   * the probe is back: on software GL or without WebGL, WASM was right and only the reason
   * changes; on a real GPU, the models move to WebGL and the same source carries on.
   */
  private async settleBackend(pending: Promise<string | undefined>): Promise<void> {
    const renderer = await pending;
    await this.notStarting(); // a start in progress owns the loop: settle after it
    const s = this.store.getState();
    if (s.settings.backend !== 'auto' || s.backend?.name !== 'wasm') return; // changed meanwhile
    const { order, reason } = backendOrder('auto', renderer);
    // After an error (camera denied, …) nothing is reloaded: the next visit starts on WebGL.
    if (order[0] === 'webgl' && s.status !== 'error') {
      await this.reloadOnBackend('auto', () => 'A GPU was found: switched to WebGL.', 'A GPU was found: moving to WebGL (the first GPU start compiles its shaders)…');
      return;
    }
    s.setBackend({ name: 'wasm', reason: reason + (await wasmThreadsNote()) });
    if (renderer === undefined) s.setNotice(NO_WEBGL_NOTICE);
  }

  private notStarting(): Promise<void> {
    return new Promise((resolve) => {
      if (this.store.getState().status !== 'starting') return resolve();
      const unsubscribe = this.store.subscribe((now) => {
        if (now.status === 'starting') return;
        unsubscribe();
        resolve();
      });
    });
  }

  /**
   * Moves to another backend: stops the loop, reloads the models there (tensors belong to a
   * backend) and carries on with the same source. `switched` runs once the new backend is up and
   * returns the notice to show; `meanwhile` is shown until then.
   */
  private async reloadOnBackend(pref: BackendPreference, switched: () => string, meanwhile?: string): Promise<void> {
    if (this.recoveringGl) return;
    this.recoveringGl = true;
    const s = this.store.getState();
    if (meanwhile) s.setNotice(meanwhile);
    const source = s.source;
    this.loop?.stop();
    this.loop = null;
    this.unwatchGl?.();
    this.unwatchGl = null;
    try {
      // A frame caught by the switch may never settle (a lost context's readback waits forever): give it a moment only.
      await Promise.race([this.inFlight?.catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      try {
        this.pipeline?.dispose();
      } catch {
        // a lost context's textures are gone already
      }
      this.pipeline = null;
      this.detector = null;
      this.builtInClassifier = null;
      this.userClassifier = null;
      this.modelsReady = null;
      s.updateSettings({ backend: pref });
      await this.loadModels();
      s.setNotice(switched());
      const kind = source?.kind;
      if (source && kind && kind !== 'image' && this.video && (this.stream || this.videoUrl)) {
        this.startLoop({ kind, name: source.name });
      } else {
        s.setStatus(source ? 'running' : 'idle');
      }
    } catch (e) {
      this.fail(e instanceof StartError ? e.appError : appError('unknown', errorDetail(e)));
    } finally {
      this.recoveringGl = false;
    }
  }

  /** The saved camera, or any camera when it is gone (unplugged and another one plugged in). */
  private async openAnyCamera(deviceId: string | undefined): Promise<MediaStream> {
    // The camera the boot script opened (the default one) is this start's, unless another was chosen.
    const early = takeEarlyCamera();
    if (early && !deviceId) return early;
    if (early) void early.then(stopStream, () => undefined);
    try {
      return await openCamera(deviceId);
    } catch (e) {
      if (!deviceId || !(e instanceof CameraError) || e.appError.code !== 'no-camera') throw e;
      this.store.getState().updateSettings({ deviceId: undefined });
      return openCamera(undefined);
    }
  }

  /** Plays the built-in demo clip (src/demo) through the same frame loop as the camera. */
  async playDemo(): Promise<void> {
    if (!this.video) return;
    try {
      const [demo] = await Promise.all([DemoSource.open(import.meta.env.BASE_URL), this.loadModels()]);
      this.stop();
      this.demo = demo;
      this.stream = demo.stream;
      await this.playVideo(demo.stream);
      this.startLoop({ kind: 'demo', name: 'Demo clip (sample photos)' });
    } catch (e) {
      this.fail(e instanceof StartError ? e.appError : appError('unknown', errorDetail(e)));
    }
  }

  /** Freezes the live view (space bar): a paused video gives the frame loop no new frame. */
  togglePause(): void {
    const s = this.store.getState();
    if (!this.video || s.status !== 'running' || s.source?.kind === 'image') return;
    if (s.paused) void this.video.play();
    else this.video.pause();
    s.setPaused(!s.paused);
  }

  /** Downloads the frame on screen with its overlays as a PNG, mirrored as shown. */
  async snapshot(): Promise<boolean> {
    const s = this.store.getState();
    if (!this.video || !this.still || !this.overlay || s.status !== 'running') return false;
    const frame = s.source?.kind === 'image' ? this.still : this.video;
    const canvas = composeSnapshot(frame, this.overlay.canvas, s.settings.mirror && s.source?.kind === 'camera');
    if (!canvas) return false;
    downloadBlob(await canvasToPng(canvas), `${exportStem('snapshot')}.png`);
    return true;
  }

  private overlayOptions(mirror: boolean): OverlayOptions {
    const s = this.store.getState();
    const big = s.view.presentation;
    return { mirror, labels: s.labels, displayScale: this.overlay ? containScale(this.overlay.canvas) : 1, textScale: big ? 1.6 : 1, contrast: big };
  }

  /** Applies the far-faces and max-faces settings while running: the detector changes in place. */
  private async applyDetectorSettings(): Promise<void> {
    const ready = this.modelsReady;
    if (!ready) return; // not loaded yet: the load reads the settings
    await ready.catch(() => undefined);
    this.detector?.configure(autoDetectorOptions(this.store.getState().settings));
  }

  /** The camera gives the big picture while far faces are looked for, the small one otherwise. */
  private followResolution(now: number): void {
    const s = this.store.getState();
    if (!this.detector || !this.stream || s.source?.kind !== 'camera') return;
    const high = this.resolution.update(now, s.settings.farFaces === 'on' || this.detector.farNeed === 'active');
    if (high !== null) void setCameraResolution(this.stream.getVideoTracks()[0], high);
  }

  /** Restarts on another camera. */
  async switchCamera(deviceId: string): Promise<void> {
    this.store.getState().updateSettings({ deviceId });
    if (this.stream) {
      this.stop();
      await this.start();
    }
  }

  private fail(error: AppError): void {
    this.stop();
    this.store.getState().fail(error);
  }

  private async playVideo(stream: MediaStream): Promise<void> {
    const video = this.video!;
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await new Promise<void>((resolve, reject) => {
      if (video.readyState >= 1) return resolve();
      video.onloadedmetadata = () => resolve();
      video.onerror = () => reject(new Error('The camera stream could not be played'));
    });
    // tfjs and face-detection read width/height, not videoWidth/videoHeight.
    video.width = video.videoWidth;
    video.height = video.videoHeight;
    await video.play();
  }

  private async processFrame(): Promise<void> {
    const video = this.video;
    if (!this.pipeline || !video || video.videoWidth === 0) return;
    const t0 = performance.now();
    if (video.width !== video.videoWidth) {
      video.width = video.videoWidth;
      video.height = video.videoHeight;
    }
    const pipeline = this.pipeline;
    const result = await guardInference(this, () => pipeline.process(video));
    if (!result || !this.loop?.active) return; // skipped (model fell back) or stopped meanwhile
    if (this.latest === null) markStartup('first-result');
    this.latest = result;
    const s = this.store.getState();
    const mirror = s.settings.mirror && s.source?.kind === 'camera';
    if (this.overlay) drawOverlay(this.overlay, result, this.overlayOptions(mirror));
    this.classroom.onFrame(result.faces);
    const t = performance.now();
    this.followResolution(t);
    this.stats.add(t, result.timings.totalMs);
    if (t - this.lastDomPublish >= DOM_PUBLISH_MS || result.faces.length !== s.faces.length) {
      this.lastDomPublish = t;
      s.publishFaces(result.faces);
    }
    if (t - this.lastStatsPublish >= STATS_PUBLISH_MS) {
      this.lastStatsPublish = t;
      s.publishStats({ fps: this.stats.fps, latencyMs: this.stats.medianLatency, faces: result.faces.length });
    }
    const { uploadMs, detectMs, classifyMs, detected } = result.timings;
    const endMs = performance.now();
    this.timings.push({ frame: result.frame, endMs, totalMs: endMs - t0, uploadMs, detectMs, classifyMs, detected, faces: result.faces.length, tensors: tf.memory().numTensors });
  }
}

const NO_WEBGL_NOTICE = 'WebGL is not available in this browser: running on WebAssembly instead (slower on big models).';

class StartError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.title);
  }
}
