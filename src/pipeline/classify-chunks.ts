// How many faces go through the classifier per model call when a frame has many (a class): on
// WASM/CPU one call holds the page's thread for its whole run, so a crowd is split into chunks that
// each fit a time budget, with a yield to the browser between them. Pure, unit-tested in Node.

/** Aim for each chunk's crop + model run + readback to take about this long. */
export const CHUNK_BUDGET_MS = 35;
/** Before anything was measured. */
export const FIRST_CHUNK = 4;

export class ChunkPlanner {
  /** Smoothed cost of one face in a chunk, ms (0 = not measured yet). */
  private msPerFace = 0;

  constructor(private readonly budgetMs = CHUNK_BUDGET_MS) {}

  /**
   * Faces for the next chunk out of `remaining`: as many as fit the budget, evened out so the
   * last chunk is not a straggler (19 faces at 6 per chunk: 5, 5, 5, 4 rather than 6, 6, 6, 1).
   */
  next(remaining: number): number {
    if (remaining <= 0) return 0;
    const fit = this.msPerFace > 0 ? Math.max(1, Math.floor(this.budgetMs / this.msPerFace)) : FIRST_CHUNK;
    const chunks = Math.ceil(remaining / fit);
    return Math.ceil(remaining / chunks);
  }

  /** A chunk of `faces` took `ms`. */
  record(faces: number, ms: number): void {
    if (faces <= 0 || !(ms >= 0)) return;
    const per = ms / faces;
    this.msPerFace = this.msPerFace > 0 ? 0.7 * this.msPerFace + 0.3 * per : per;
  }
}
