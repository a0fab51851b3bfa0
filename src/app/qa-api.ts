// The QA contract's JavaScript API (README "For QA: the test contract"): window.emotionApp.
import * as tf from '@tensorflow/tfjs-core';
import type { OverlayLayout } from '../overlay/draw-overlay';
import type { FrameResult } from '../pipeline/types';
import type { Presenter } from './presenter';
import type { Engine } from './engine';
import type { QualityState } from './quality-control';
import type { FrameTiming } from './timing-log';

export interface EmotionAppApi {
  /** The latest processed frame: { frame, faces: [{ id, box, emotion, score, probs }] }. */
  getLatest(): Pick<FrameResult, 'frame' | 'faces'> | null;
  start(): Promise<void>;
  stop(): void;
  /** Number of live tfjs tensors (QA: it must stay constant while running). */
  tensorCount(): number;
  /** The last processed frames' timings, oldest first (read by `npm run bench`). */
  getTimings(): FrameTiming[];
  /** Where the last drawn frame's boxes and labels went, with each face's number (canvas pixels). */
  getOverlayLayout(): OverlayLayout | null;
  /**
   * The quality level classifying now (null while a user's own model replaces the levels, or before
   * the models load), the setting ("auto" or a level id) and why, in the page's words.
   */
  getQuality(): Pick<QualityState, 'level' | 'setting' | 'reason'> | null;
}

export function qaApi(app: { start(): Promise<void>; stop(): void }, presenter: Presenter, engine: Engine): EmotionAppApi {
  return {
    getLatest: () => {
      const r = presenter.latest;
      return r ? { frame: r.frame, faces: r.faces } : null;
    },
    start: () => app.start(),
    stop: () => app.stop(),
    tensorCount: () => tf.memory().numTensors,
    getTimings: () => presenter.getTimings(),
    getOverlayLayout: () => presenter.overlayLayout,
    getQuality: () => {
      const q = engine.qualityState;
      return q ? { level: q.level, setting: q.setting, reason: q.reason } : null;
    },
  };
}
