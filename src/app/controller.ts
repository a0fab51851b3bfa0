// The app's façade: status, errors and the QA API over the engine (backend and models), the media
// source (camera, file, demo) and the presenter (overlay, store, timings). React renders what the
// store holds and calls these methods; see README.md in this folder for who owns what.
import { listCameras, stopStream } from '../camera/camera';
import { DemoSource } from '../demo/demo-source';
import { asCodedError, CodedError } from '../faults/coded-error';
import { webglContextLost } from '../faults/context-loss';
import { guardInference } from '../faults/inference-guard';
import { decodeImageFile, fileKind, loadVideoFile } from '../sources/files';
import { markStartup } from '../startup/marks';
import type { AppStore, SourceKind } from '../store/app-store';
import { BackendMoves } from './backend-moves';
import { ClassroomGlue } from './classroom-glue';
import type { Engine } from './engine';
import { createPageEngine, type AppUrls } from './page-engine';
import { qaApi, type EmotionAppApi } from './qa-api';
import { LiveLoop } from './live-loop';
import { MediaPlayer } from './media';
import type { AppOptions } from './options';
import { Presenter } from './presenter';
import { UserModels } from './user-models';
import { watchEngineSettings } from './settings-watch';

export class AppController {
  readonly engine: Engine;
  readonly media = new MediaPlayer();
  readonly presenter: Presenter;
  readonly classroom: ClassroomGlue;
  /** The user's own emotion model: use it, go back to the built-in one. */
  readonly userModels: UserModels;
  private readonly loop = new LiveLoop(() => this.processFrame());
  private readonly moves: BackendMoves;
  /** The start in progress: Start pressed meanwhile gets the same one. */
  private starting: Promise<void> | null = null;
  /** Bumped by stop(): a start that was overtaken drops what it opened. */
  private run = 0;
  private startWhenAttached = false;

  constructor(
    private readonly store: AppStore,
    options: AppOptions,
    private readonly urls: AppUrls,
  ) {
    // The engine's events reach the moves only once it loads, after this constructor.
    this.engine = createPageEngine(store, options, urls, () => this.moves);
    this.moves = new BackendMoves({
      store,
      engine: this.engine,
      pauseForMove: async () => {
        this.loop.stop();
        await this.loop.settle(1000);
      },
      resumeAfterMove: () => this.resume(),
      fail: (e) => this.fail(e),
      notStarting: () => this.starting?.catch(() => undefined) ?? Promise.resolve(),
    });
    watchEngineSettings(store, this.engine, () => this.presenter.dropLatest());
    this.userModels = new UserModels(this.engine, store);
    this.presenter = new Presenter(store, (faces) => this.classroom.onFrame(faces));
    this.classroom = new ClassroomGlue(store, this.engine, this.media, options.classroom);
  }

  api(): EmotionAppApi {
    return qaApi(this, this.presenter, this.engine);
  }

  attach(video: HTMLVideoElement, canvas: HTMLCanvasElement, still: HTMLCanvasElement): void {
    if (!this.media.attached) markStartup('ui-attached'); // React's first render is on the page
    this.media.attach(video, still);
    this.presenter.attach(canvas);
    this.loop.watch(document);
    if (this.startWhenAttached) {
      this.startWhenAttached = false;
      void this.start();
    }
  }

  /** Loads the models without opening a source (?autostart=0); a failure is shown like any other. */
  async preload(): Promise<void> {
    await this.engine.load().catch((e: unknown) => this.store.getState().fail(asCodedError(e)));
  }

  /** Opens the camera. Start pressed during start-up is the same start; Stop cancels it. */
  start(): Promise<void> {
    if (this.starting) return this.starting;
    if (this.store.getState().status === 'running' && this.media.kind === 'camera') return Promise.resolve();
    if (!this.media.attached) {
      this.startWhenAttached = true; // the page has not rendered its video element yet
      return Promise.resolve();
    }
    const run = ++this.run;
    const starting = this.startCamera(run).finally(() => {
      if (this.starting === starting) this.starting = null;
    });
    this.starting = starting;
    return starting;
  }

  private async startCamera(run: number): Promise<void> {
    const s = () => this.store.getState();
    s().setStatus('starting', 'Opening the camera…');
    // Camera and models in parallel: the permission prompt overlaps the model download, and the
    // video plays as soon as the camera opens, so its first frame is there when the models are.
    const camera = this.media.openCamera(s().settings.deviceId, () => s().updateSettings({ deviceId: undefined }));
    const playing = camera.then(async (stream) => {
      markStartup('camera-open');
      if (run !== this.run) return stream;
      await this.media.play({ kind: 'camera', stream, onEnded: () => this.fail(new CodedError('camera-ended')) });
      markStartup('camera-playing');
      return stream;
    });
    try {
      const [stream] = await Promise.all([playing, this.engine.load()]);
      if (run !== this.run) return stopStream(stream); // stopped (or restarted) meanwhile
      markStartup('camera-and-models-ready');
      const track = stream.getVideoTracks()[0];
      // Read now, not before the awaits: far faces may have been switched on during the prompt.
      await this.media.setResolution(s().settings.farFaces);
      if (run !== this.run) return;
      if (!s().settings.deviceId && track) s().updateSettings({ deviceId: track.getSettings().deviceId });
      markStartup('video-playing');
      this.startLoop('camera', track?.label || 'camera');
      // The camera picker's list is not on the way to the first label.
      void listCameras().then((cameras) => run === this.run && s().setCameras(cameras), () => undefined);
    } catch (e) {
      void camera.then(stopStream, () => undefined);
      if (run === this.run) this.fail(e);
    }
  }

  stop(): void {
    this.run++;
    this.starting = null;
    this.loop.stop();
    this.media.stop();
    this.presenter.clear();
    const s = this.store.getState();
    s.setSource(null);
    if (s.status !== 'error') s.setStatus('idle');
  }

  /**
   * Analyses an image or video file with the same overlays and results contract as the camera.
   * A file that can't be used leaves what was running untouched.
   */
  async openFile(file: File): Promise<void> {
    const s = this.store.getState();
    if (!this.media.attached) return;
    const kind = fileKind(file);
    if (!kind) return s.showError({ code: 'unsupported-file', detail: `${file.name} (${file.type || 'unknown type'})` });
    try {
      if (kind === 'image') {
        const image = await decodeImageFile(file);
        await this.engine.load();
        this.stop();
        const started = performance.now();
        await this.media.play({ kind: 'image', canvas: image.canvas });
        const pipeline = this.engine.pipeline!;
        pipeline.reset();
        await this.engine.detector?.sweepNext(); // one picture: look for far faces everywhere at once
        const result = await pipeline.process(image.canvas);
        // Results in the file's own pixels, like video pixels for the camera.
        this.presenter.present(result, { mirror: false, toSourcePixels: 1 / image.scale, live: false, startedAt: started });
        if (result.faces.length === 0) s.setNotice(`No face found in ${file.name}.`);
        s.setSource({ kind: 'image', name: file.name });
        s.setStatus('running');
      } else {
        const url = await loadVideoFile(file);
        await this.engine.load();
        this.stop();
        await this.media.play({ kind: 'video', url });
        this.startLoop('video', file.name);
      }
    } catch (e) {
      if (e instanceof CodedError && e.code === 'bad-file') return s.showError({ code: e.code, detail: e.detail });
      this.fail(e);
    }
  }

  /** Plays the built-in demo clip (src/demo) through the same frame loop as the camera. */
  async playDemo(): Promise<void> {
    if (!this.media.attached) return;
    try {
      const [demo] = await Promise.all([DemoSource.open(this.urls.base), this.engine.load()]);
      this.stop();
      await this.media.play({ kind: 'demo', demo });
      this.startLoop('demo', 'Demo clip (sample photos)');
    } catch (e) {
      this.fail(e);
    }
  }

  /** Freezes the live view (space bar). */
  togglePause(): void {
    const s = this.store.getState();
    if (s.status !== 'running' || this.media.kind === 'image' || !this.media.kind) return;
    this.media.setPaused(!s.paused);
    s.setPaused(!s.paused);
  }

  /** Downloads the frame on screen with its overlays as a PNG, mirrored as shown. */
  async snapshot(): Promise<boolean> {
    const s = this.store.getState();
    const frame = this.media.frame;
    if (!frame || s.status !== 'running') return false;
    return this.presenter.snapshot(frame, s.settings.mirror && this.media.kind === 'camera');
  }

  /** Restarts on another camera. */
  async switchCamera(deviceId: string): Promise<void> {
    this.store.getState().updateSettings({ deviceId });
    if (this.media.kind === 'camera') {
      this.stop();
      await this.start();
    }
  }

  private startLoop(kind: SourceKind, name: string): void {
    this.engine.pipeline?.reset();
    this.engine.detector?.reset();
    this.presenter.reset();
    this.loop.start(this.media.element!);
    this.store.getState().setSource({ kind, name });
    this.store.getState().setStatus('running');
  }

  /** After a backend move: the same source carries on (an image's result stays as it is). */
  private resume(): void {
    const s = this.store.getState();
    const source = s.source;
    if (source && source.kind !== 'image' && this.media.kind) this.startLoop(source.kind, source.name);
    else s.setStatus(source ? 'running' : 'idle');
  }

  private fail(e: unknown): void {
    const error = asCodedError(e);
    this.stop();
    this.store.getState().fail({ code: error.code, detail: error.detail });
  }

  private async processFrame(): Promise<void> {
    const video = this.media.element;
    const pipeline = this.engine.pipeline;
    if (!pipeline || !video || video.videoWidth === 0) return;
    const startedAt = performance.now();
    const models = this.engine.modelVersion;
    if (video.width !== video.videoWidth) {
      video.width = video.videoWidth;
      video.height = video.videoHeight;
    }
    try {
      const result = await guardInference(this.userModels, () => pipeline.process(video));
      // Skipped (model fell back), stopped, or computed across a model swap (old labels): dropped.
      if (!result || !this.loop.active || this.engine.modelVersion !== models) return;
      const mirror = this.store.getState().settings.mirror && this.media.kind === 'camera';
      this.presenter.present(result, { mirror, toSourcePixels: 1, live: true, startedAt });
      const far = this.store.getState().settings.farFaces;
      this.media.followResolution(performance.now(), far === 'on' || (far === 'auto' && this.engine.detector?.farNeed === 'active'));
      const t = result.timings;
      void this.engine.afterFrame(result.faces.length, t.classifyMs, t.totalMs, this.media.frameIntervalMs);
    } catch (e) {
      // A lost GPU context surfaces as odd errors in the middle of a frame: recover, don't fail.
      if (webglContextLost()) return this.moves.recover();
      this.fail(e);
    }
  }
}
