// Rolling per-frame statistics for the status bar: processed frames per second and median latency.
export class FrameStats {
  private times: number[] = [];
  private latencies: number[] = [];

  constructor(private readonly windowMs = 1000) {}

  add(timestampMs: number, latencyMs: number): void {
    this.times.push(timestampMs);
    this.latencies.push(latencyMs);
    while (this.times.length > 1 && timestampMs - this.times[0] > this.windowMs) {
      this.times.shift();
      this.latencies.shift();
    }
  }

  get fps(): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const span = this.times[n - 1] - this.times[0];
    return span > 0 ? ((n - 1) * 1000) / span : 0;
  }

  get medianLatency(): number {
    if (this.latencies.length === 0) return 0;
    const s = [...this.latencies].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  reset(): void {
    this.times = [];
    this.latencies = [];
  }
}
