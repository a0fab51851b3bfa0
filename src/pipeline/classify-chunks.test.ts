import { describe, expect, it } from 'vitest';
import { ChunkPlanner, FIRST_CHUNK } from './classify-chunks';

describe('ChunkPlanner', () => {
  it('starts with a small chunk, then fits the budget from what the chunks cost', () => {
    const p = new ChunkPlanner(40);
    expect(p.next(20)).toBe(FIRST_CHUNK);
    p.record(4, 20); // 5 ms a face → 8 per chunk
    expect(p.next(16)).toBe(8);
    expect(p.next(3)).toBe(3);
  });

  it('evens out the chunks so the last one is no straggler', () => {
    const p = new ChunkPlanner(36);
    p.record(1, 6); // 6 per chunk
    expect(p.next(19)).toBe(5); // 5, 5, 5, 4
    expect(p.next(4)).toBe(4);
  });

  it('goes down to one face per call when a face costs more than the budget, and follows changes smoothly', () => {
    const p = new ChunkPlanner(42);
    p.record(2, 200);
    expect(p.next(10)).toBe(1);
    for (let i = 0; i < 30; i++) p.record(4, 20); // 5 ms a face → 8 per chunk
    expect(p.next(16)).toBe(8);
    expect(p.next(0)).toBe(0);
  });
});
