import { describe, expect, it } from 'vitest';
import { createAppStore, INITIAL_STATS, selectFaceCount } from './app-store';

describe('app store', () => {
  it('starts idle with the given settings over its defaults', () => {
    const s = createAppStore({ backend: 'wasm', mirror: false }).getState();
    expect(s.status).toBe('idle');
    // toMatchObject: other features add their own settings with their own defaults.
    expect(s.settings).toMatchObject({ backend: 'wasm', mirror: false, deviceId: undefined, maxFaces: 30, farFaces: 'auto', quality: '' });
    expect(s.view).toEqual({ presentation: false, help: false, moodPanel: false });
    expect(s.stats).toEqual(INITIAL_STATS);
  });

  it('a failure stops with an error; starting again clears it, a progress step does not', () => {
    const store = createAppStore();
    store.getState().fail({ code: 'camera-denied', detail: 'NotAllowedError' });
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'camera-denied' } });
    store.getState().setProgress('Loading models…'); // models load beside a failed camera
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'camera-denied' } });
    store.getState().setStatus('starting', 'Opening the camera…');
    expect(store.getState()).toMatchObject({ status: 'starting', error: null, progress: 'Opening the camera…' });
  });

  it('showError keeps what runs (a bad dropped file); dismissError clears it', () => {
    const store = createAppStore();
    store.getState().setStatus('running');
    store.getState().showError({ code: 'bad-file', detail: 'x.jpg is empty' });
    expect(store.getState()).toMatchObject({ status: 'running', error: { code: 'bad-file' } });
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('settings patches merge; view patches merge', () => {
    const store = createAppStore();
    store.getState().updateSettings({ farFaces: 'on' });
    store.getState().updateSettings({ maxFaces: 4 });
    expect(store.getState().settings).toMatchObject({ farFaces: 'on', maxFaces: 4, backend: 'auto', mirror: true });
    store.getState().setView({ presentation: true });
    store.getState().setView({ help: true });
    expect(store.getState().view).toEqual({ presentation: true, help: true, moodPanel: false });
  });

  it('holds the faces once: the count is derived from them', () => {
    const store = createAppStore();
    const face = { id: 1, box: { x: 0, y: 0, width: 1, height: 1 }, emotion: 'happy', score: 0.9, probs: { happy: 0.9 } };
    store.getState().publishFaces([face, { ...face, id: 2 }]);
    expect(selectFaceCount(store.getState())).toBe(2);
    expect(store.getState().stats).not.toHaveProperty('faces');
  });
});
