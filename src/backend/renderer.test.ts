import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { probeRenderer, rememberedRenderer } from './renderer';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('remembered WebGL renderer (skips the first-context cost on later visits)', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('navigator', { userAgent: 'UA-1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('answers from storage for the same browser without creating a context', async () => {
    localStorage.setItem('emotion-lens:webgl-renderer', JSON.stringify({ ua: 'UA-1', renderer: 'SwiftShader Device' }));
    const worker = vi.fn();
    vi.stubGlobal('Worker', worker);
    await expect(probeRenderer()).resolves.toBe('SwiftShader Device');
    expect(worker).not.toHaveBeenCalled();
  });

  it('remembers "no WebGL" as such', async () => {
    localStorage.setItem('emotion-lens:webgl-renderer', JSON.stringify({ ua: 'UA-1', renderer: '' }));
    expect(rememberedRenderer()).toBe('');
    await expect(probeRenderer()).resolves.toBeUndefined();
  });

  it('ignores an answer saved by another browser version, and probes (here: no WebGL at all) and saves', async () => {
    localStorage.setItem('emotion-lens:webgl-renderer', JSON.stringify({ ua: 'UA-0', renderer: 'NVIDIA' }));
    expect(rememberedRenderer()).toBeUndefined();
    await expect(probeRenderer()).resolves.toBeUndefined(); // Node: no Worker, no document
    expect(rememberedRenderer()).toBe('');
  });

  it('survives corrupt storage', () => {
    localStorage.setItem('emotion-lens:webgl-renderer', '{not json');
    expect(rememberedRenderer()).toBeUndefined();
  });
});
