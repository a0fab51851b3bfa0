import type { Box } from '../detection/types';

/** One face in a frame's results: the QA contract of window.emotionApp.getLatest(). */
export interface FaceResult {
  id: number;
  /** In video pixels (unmirrored). */
  box: Box;
  /** Shown label (smoothed), or "uncertain". */
  emotion: string;
  /** Probability of the shown label, 0..1. */
  score: number;
  /** Smoothed probability per model label. */
  probs: Record<string, number>;
}

export interface FrameTimings {
  /**
   * Camera pixels into tensors: the whole-frame upload (shared by detector and classifier), or
   * on frames the detector skips on WASM/CPU, the canvas crop of the faces.
   */
  uploadMs: number;
  /** Detector (0 on frames where boxes were followed instead). */
  detectMs: number;
  classifyMs: number;
  totalMs: number;
  /** True when the detector ran on this frame (otherwise boxes were followed from the last run). */
  detected: boolean;
}

export interface FrameResult {
  frame: number;
  width: number;
  height: number;
  faces: FaceResult[];
  timings: FrameTimings;
}
