import { describe, expect, it } from 'vitest';
import { appError } from '../app/errors';
import { createAppStore, INITIAL_STATS } from './app-store';

describe('app store', () => {
  it('starts idle with the given settings', () => {
    const s = createAppStore({ backend: 'wasm', mirror: false }).getState();
    expect(s.status).toBe('idle');
    // toMatchObject: other features add their own settings with their own defaults.
    expect(s.settings).toMatchObject({ backend: 'wasm', mirror: false, deviceId: undefined, maxFaces: 30, farFaces: 'auto' });
    expect(s.view).toEqual({ presentation: false, help: false, moodPanel: false });
    expect(s.stats).toEqual(INITIAL_STATS);
  });

  it('records an error and clears it when starting again', () => {
    const store = createAppStore();
    store.getState().fail(appError('camera-denied', 'NotAllowedError'));
    expect(store.getState().status).toBe('error');
    expect(store.getState().error?.code).toBe('camera-denied');
    store.getState().setStatus('starting', 'Opening the camera…');
    expect(store.getState().error).toBeNull();
    expect(store.getState().progress).toBe('Opening the camera…');
  });

  it('only notifies subscribers of the slice that changed', () => {
    const store = createAppStore();
    let statusChanges = 0;
    let prev = store.getState().status;
    store.subscribe((s) => {
      if (s.status !== prev) statusChanges++;
      prev = s.status;
    });
    const before = store.getState().settings;
    store.getState().publishFaces([]);
    store.getState().publishStats({ fps: 30, latencyMs: 20, faces: 0 });
    expect(statusChanges).toBe(0);
    expect(store.getState().settings).toBe(before); // same object: selectors on settings don't re-render
    store.getState().updateSettings({ mirror: false });
    expect(store.getState().settings.mirror).toBe(false);
    expect(store.getState().settings.backend).toBe('auto');
  });
});
