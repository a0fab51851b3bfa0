// The page side of `npm run bench`: the controller records every processed frame here and
// window.emotionApp.getTimings() hands the log to the benchmark. Bounded, so it costs nothing
// when nobody reads it.
import { RingBuffer, type FrameTiming } from './stats';

export type { FrameTiming };

export const TIMING_LOG_SIZE = 4096;

export class TimingLog extends RingBuffer<FrameTiming> {
  constructor() {
    super(TIMING_LOG_SIZE);
  }
}
