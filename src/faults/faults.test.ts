import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchTrack, type TrackLike } from './camera-watch';
import { guardInference, type ModelFallbackHost } from './inference-guard';
import { watchVisibility, type VisibilitySource } from './visibility';

class FakeTarget<E extends string> {
  listeners = new Set<() => void>();
  addEventListener(_t: E, l: () => void) {
    this.listeners.add(l);
  }
  removeEventListener(_t: E, l: () => void) {
    this.listeners.delete(l);
  }
  emit() {
    for (const l of [...this.listeners]) l();
  }
}

class FakeTrack extends FakeTarget<'ended'> implements TrackLike {
  readyState: MediaStreamTrackState = 'live';
}

describe('watchTrack', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports an ended event once', () => {
    const track = new FakeTrack();
    const onEnded = vi.fn();
    watchTrack(track, onEnded);
    track.readyState = 'ended';
    track.emit();
    track.emit();
    vi.advanceTimersByTime(5000);
    expect(onEnded).toHaveBeenCalledTimes(1);
    expect(track.listeners.size).toBe(0);
  });

  it('notices a track stopped without an event (MediaStreamTrack.stop fires none)', () => {
    const track = new FakeTrack();
    const onEnded = vi.fn();
    watchTrack(track, onEnded, 500);
    vi.advanceTimersByTime(2000);
    expect(onEnded).not.toHaveBeenCalled();
    track.readyState = 'ended';
    vi.advanceTimersByTime(500);
    expect(onEnded).toHaveBeenCalledTimes(1);
  });

  it('stays silent after unsubscribing (the app stopped the camera itself)', () => {
    const track = new FakeTrack();
    const onEnded = vi.fn();
    const stop = watchTrack(track, onEnded, 500);
    stop();
    track.readyState = 'ended';
    track.emit();
    vi.advanceTimersByTime(2000);
    expect(onEnded).not.toHaveBeenCalled();
  });
});

describe('watchVisibility', () => {
  class FakeDoc extends FakeTarget<'visibilitychange'> implements VisibilitySource {
    visibilityState: DocumentVisibilityState = 'visible';
    set(v: DocumentVisibilityState) {
      this.visibilityState = v;
      this.emit();
    }
  }

  it('calls hidden and visible on changes only', () => {
    const doc = new FakeDoc();
    const calls: string[] = [];
    const off = watchVisibility(doc, () => calls.push('hidden'), () => calls.push('visible'));
    doc.set('hidden');
    doc.set('hidden');
    doc.set('visible');
    doc.emit();
    expect(calls).toEqual(['hidden', 'visible']);
    off();
    doc.set('hidden');
    expect(calls).toEqual(['hidden', 'visible']);
  });
});

describe('guardInference', () => {
  function host(user: boolean) {
    const h = {
      usingUserModel: user,
      reasons: [] as string[],
      async useBuiltInModel(reason: string) {
        h.reasons.push(reason);
        h.usingUserModel = false;
      },
    };
    return h satisfies ModelFallbackHost;
  }

  it('passes results through', async () => {
    const h = host(true);
    await expect(guardInference(h, async () => 42)).resolves.toBe(42);
    expect(h.reasons).toEqual([]);
  });

  it('falls back to the built-in model when the user model throws, with a message', async () => {
    const h = host(true);
    const r = await guardInference(h, async () => {
      throw new Error('Kernel Foo not registered');
    });
    expect(r).toBeNull();
    expect(h.usingUserModel).toBe(false);
    expect(h.reasons).toHaveLength(1);
    expect(h.reasons[0]).toMatch(/Your own model failed.*Kernel Foo not registered.*built-in model/);
  });

  it('lets errors of the built-in model through', async () => {
    const h = host(false);
    await expect(
      guardInference(h, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(h.reasons).toEqual([]);
  });

  it('skips the frame without a second fallback when the user already switched back', async () => {
    const h = host(true);
    const r = await guardInference(h, async () => {
      h.usingUserModel = false;
      throw new Error('late');
    });
    expect(r).toBeNull();
    expect(h.reasons).toEqual([]);
  });
});
