import { describe, expect, it } from 'vitest';
import { DominantAnnouncer, dominantEmotion, MoodAggregator, readMood, UNCERTAIN } from './mood';
import { exportStem, moodCsv, moodJson } from './export';

const LABELS = ['angry', 'happy', 'neutral'];

describe('MoodAggregator', () => {
  it('averages the frames of each second into one bucket, closed by the next second', () => {
    const m = new MoodAggregator(LABELS);
    expect(m.add(10_000, ['happy', 'happy', 'neutral'])).toBeNull();
    expect(m.add(10_500, ['happy', 'neutral', 'neutral', 'uncertain'])).toBeNull();
    const b = m.add(11_020, ['angry']);
    expect(b).toEqual({ t: 10_000, frames: 2, faces: 3.5, counts: { angry: 0, happy: 1.5, neutral: 1.5, [UNCERTAIN]: 0.5 } });
    expect(m.series()).toHaveLength(1);
    expect(m.current()).toEqual({ faces: 1, counts: { angry: 1, happy: 0, neutral: 0, uncertain: 0 } });
    expect(m.tick(11_999)).toBeNull();
    expect(m.tick(12_000)?.counts.angry).toBe(1);
    expect(m.series().map((s) => s.t)).toEqual([10_000, 11_000]);
  });

  it('counts labels it does not know as uncertain, and frames without faces as zero', () => {
    const m = new MoodAggregator(LABELS);
    m.add(0, ['contempt', 'happy']);
    m.add(100, []);
    const b = m.tick(1000)!;
    expect(b.faces).toBe(1);
    expect(b.counts).toEqual({ angry: 0, happy: 0.5, neutral: 0, uncertain: 0.5 });
  });

  it('records nothing while paused but keeps the live distribution; reset clears everything', () => {
    const m = new MoodAggregator(LABELS);
    m.add(0, ['happy']);
    m.pause();
    expect(m.series()).toHaveLength(1); // pausing closes the running second
    m.add(1500, ['angry']);
    m.add(2500, ['angry']);
    expect(m.tick(5000)).toBeNull();
    expect(m.series()).toHaveLength(1);
    expect(m.current().counts.angry).toBe(1);
    m.resume();
    m.add(6000, ['neutral']);
    m.tick(7000);
    expect(m.series().map((s) => s.t)).toEqual([0, 6000]);
    m.reset();
    expect(m.series()).toHaveLength(0);
    expect(m.current().faces).toBe(0);
  });

  it('keeps at most maxSeconds buckets, dropping the oldest', () => {
    const m = new MoodAggregator(LABELS, 3);
    for (let s = 0; s < 6; s++) m.add(s * 1000, ['happy']);
    expect(m.series().map((b) => b.t)).toEqual([2000, 3000, 4000]);
  });

  it('restarts when the labels change, not when they stay the same', () => {
    const m = new MoodAggregator(LABELS);
    m.add(0, ['happy']);
    m.tick(1000);
    m.setLabels([...LABELS]);
    expect(m.series()).toHaveLength(1);
    m.setLabels(['happy', 'sad']);
    expect(m.series()).toHaveLength(0);
    expect(m.categories).toEqual(['happy', 'sad', 'uncertain']);
  });
});

describe('dominantEmotion and DominantAnnouncer', () => {
  it('never picks uncertain, and is null without a clear face', () => {
    expect(dominantEmotion({ happy: 2, neutral: 3, uncertain: 9 })).toBe('neutral');
    expect(dominantEmotion({ happy: 0, uncertain: 4 })).toBeNull();
  });

  it('announces changes at most every 5 s, catching up on a change that came too soon', () => {
    const a = new DominantAnnouncer(5000);
    const at = (t: number, counts: Record<string, number>) => readMood(t, { faces: Object.values(counts).reduce((x, y) => x + y, 0), counts });
    expect(a.update(at(0, { happy: 0, uncertain: 0 }))).toBeNull();
    expect(a.update(at(1000, { happy: 3, neutral: 1 }))).toBe('Class mood: mostly happy, 3 of 4 faces.');
    expect(a.update(at(2000, { happy: 3, neutral: 1 }))).toBeNull();
    expect(a.update(at(3000, { happy: 1, neutral: 2 }))).toBeNull(); // too soon
    expect(a.update(at(6000, { happy: 1, neutral: 2 }))).toBe('Class mood: mostly neutral, 2 of 3 faces.');
    expect(a.update(at(12_000, { happy: 0 }))).toBe('Class mood: no face in view.');
  });
});

describe('readMood', () => {
  it('gives the bars, the headline and the summary from one distribution', () => {
    const r = readMood(5, { faces: 6, counts: { happy: 1, sad: 4, neutral: 0, uncertain: 1 } });
    expect(r).toEqual({
      t: 5,
      faces: 6,
      counts: { happy: 1, sad: 4, neutral: 0, uncertain: 1 },
      dominant: 'sad',
      headline: '6 faces · mostly sad',
      summary: 'Class mood: mostly sad, 4 of 6 faces.',
    });
    expect(readMood(0, { faces: 2, counts: { happy: 0, uncertain: 2 } }).headline).toBe('2 faces · no clear emotion');
    expect(readMood(0, { faces: 1, counts: { happy: 1 } }).summary).toBe('Class mood: mostly happy, 1 of 1 face.');
  });
});

describe('export', () => {
  const m = new MoodAggregator(LABELS);
  m.add(Date.UTC(2025, 0, 31, 9, 0, 0), ['happy', 'neutral']);
  m.add(Date.UTC(2025, 0, 31, 9, 0, 0, 500), ['happy', 'happy', 'neutral']);
  m.add(Date.UTC(2025, 0, 31, 9, 0, 2), ['angry']);
  m.tick(Date.UTC(2025, 0, 31, 9, 0, 3));

  it('writes one CSV row per second with faces and a column per emotion', () => {
    const csv = moodCsv(m.series(), m.categories).trim().split('\n');
    expect(csv).toEqual([
      'timestamp,seconds,frames,faces,angry,happy,neutral,uncertain',
      '2025-01-31T09:00:00.000Z,0,2,2.5,0,1.5,1,0',
      '2025-01-31T09:00:02.000Z,2,1,1,1,0,0,0',
    ]);
  });

  it('writes the same numbers as JSON', () => {
    const j = JSON.parse(moodJson(m.series(), m.categories)) as { categories: string[]; seconds: { faces: number; counts: Record<string, number> }[] };
    expect(j.categories).toEqual(['angry', 'happy', 'neutral', 'uncertain']);
    expect(j.seconds.map((s) => [s.faces, s.counts.happy])).toEqual([[2.5, 1.5], [1, 0]]);
  });

  it('names files by local time', () => {
    expect(exportStem('mood', new Date(2025, 0, 31, 14, 5, 9))).toBe('emotion-lens-mood-2025-01-31-140509');
  });
});
