// The presenter: one present step for every result, camera frame or still image. It draws the
// overlay, feeds the class mood, publishes faces and stats to the store (throttled for the DOM),
// keeps the latest result for the QA API and records timings for `npm run bench`.
import * as tf from '@tensorflow/tfjs-core';
import { downloadBlob } from '../classroom/download';
import { exportStem } from '../classroom/export';
import { canvasToPng, composeSnapshot } from '../classroom/snapshot';
import { drawOverlay, type OverlayLayout } from '../overlay/draw-overlay';
import { sameFaceIds } from '../overlay/numbering';
import { scaleResult } from '../pipeline/scale-result';
import type { FrameResult } from '../pipeline/types';
import { markStartup } from '../startup/marks';
import type { AppStore } from '../store/app-store';
import { FrameStats } from './frame-stats';
import { TimingLog, type FrameTiming } from './timing-log';

/** The DOM only needs results a few times a second; the canvas gets every frame. */
const DOM_PUBLISH_MS = 100;
const STATS_PUBLISH_MS = 500;

export interface PresentOptions {
  /** Draw the overlay mirrored (the camera's mirror view). */
  mirror: boolean;
  /** Source pixels per analysed pixel (an image scaled down for analysis); 1 for video. */
  toSourcePixels: number;
  /** A live source: publishing is throttled and fps counted. A still image is published at once. */
  live: boolean;
  /** performance.now() when the frame loop asked for this frame (for the timing log). */
  startedAt: number;
}

export class Presenter {
  private overlay: CanvasRenderingContext2D | null = null;
  private latestResult: FrameResult | null = null;
  private layout: OverlayLayout | null = null;
  private readonly stats = new FrameStats();
  private readonly timings = new TimingLog();
  private lastDomPublish = 0;
  private lastStatsPublish = 0;
  private firstShown = false;

  constructor(
    private readonly store: AppStore,
    private readonly onFaces: (faces: FrameResult['faces']) => void,
  ) {}

  attach(canvas: HTMLCanvasElement): void {
    this.overlay = canvas.getContext('2d');
  }

  /** The latest result, in the source's own pixels (QA: window.emotionApp.getLatest()). */
  get latest(): FrameResult | null {
    return this.latestResult;
  }

  /** Where the last drawn frame's boxes and labels went (QA: window.emotionApp.getOverlayLayout()). */
  get overlayLayout(): OverlayLayout | null {
    return this.layout;
  }

  getTimings(): FrameTiming[] {
    return this.timings.toArray();
  }

  present(result: FrameResult, o: PresentOptions): void {
    const s = this.store.getState();
    if (!this.firstShown) markStartup('first-result');
    this.firstShown = true;
    const shown = o.toSourcePixels === 1 ? result : scaleResult(result, o.toSourcePixels);
    this.latestResult = shown;
    this.onFaces(shown.faces);
    const t = performance.now();
    this.stats.add(t, result.timings.totalMs);
    // Published before drawing: the labels on the picture show the published frame's values, like the cards.
    if (!o.live || t - this.lastDomPublish >= DOM_PUBLISH_MS || !sameFaceIds(shown.faces, s.faces)) {
      this.lastDomPublish = t;
      s.publishFaces(shown.faces);
    }
    if (this.overlay) {
      const big = s.view.presentation;
      const opts = { mirror: o.mirror, labels: s.labels, textScale: big ? 1.6 : 1, contrast: big };
      this.layout = drawOverlay(this.overlay, result, o.live ? { ...opts, shown: this.store.getState().faces } : opts);
    }
    if (!o.live || t - this.lastStatsPublish >= STATS_PUBLISH_MS) {
      this.lastStatsPublish = t;
      s.publishStats(o.live ? { fps: this.stats.fps, pipelineMs: this.stats.medianLatency } : { fps: 0, pipelineMs: result.timings.totalMs });
    }
    const { uploadMs, detectMs, classifyMs, detected } = result.timings;
    const endMs = performance.now();
    this.timings.push({ frame: result.frame, endMs, totalMs: endMs - o.startedAt, uploadMs, detectMs, classifyMs, detected, faces: result.faces.length, tensors: tf.memory().numTensors });
  }

  /** The emotion model changed: a result with the old labels is no longer the latest. */
  dropLatest(): void {
    this.latestResult = null;
  }

  /** A new source: fps and latency start over. */
  reset(): void {
    this.stats.reset();
  }

  /** Nothing plays: no overlay, no result. */
  clear(): void {
    this.overlay?.clearRect(0, 0, this.overlay.canvas.width, this.overlay.canvas.height);
    this.latestResult = null;
    this.layout = null;
    this.store.getState().publishFaces([]);
  }

  /** Downloads `frame` with its overlays as a PNG, mirrored as shown. */
  async snapshot(frame: HTMLVideoElement | HTMLCanvasElement, mirror: boolean): Promise<boolean> {
    if (!this.overlay) return false;
    const canvas = composeSnapshot(frame, this.overlay.canvas, mirror);
    if (!canvas) return false;
    downloadBlob(await canvasToPng(canvas), `${exportStem('snapshot')}.png`);
    return true;
  }
}
