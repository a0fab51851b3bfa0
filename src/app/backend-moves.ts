// Moves to another tfjs backend while a source plays: after a first visit's GPU check (WASM →
// WebGL) and when WebGL loses its context (→ WASM). The engine disposes and reloads every model;
// the façade stops the loop before and carries on with the same source after.
import * as tf from '@tensorflow/tfjs-core';
import { backendOrder, wasmThreadsNote, type BackendChoice, type BackendPreference } from '../backend/backends';
import { watchWebglContextLoss } from '../faults/context-loss';
import type { AppStore } from '../store/app-store';
import type { Engine } from './engine';

export const NO_WEBGL_NOTICE = 'WebGL is not available in this browser: running on WebAssembly instead (slower on big models).';

export interface MoveHost {
  readonly store: AppStore;
  readonly engine: Engine;
  /** Stops the frame loop and waits (briefly) for the frame in flight. */
  pauseForMove(): Promise<void>;
  /** Carries on with the source that was playing. */
  resumeAfterMove(): void;
  fail(e: unknown): void;
  /** Resolves once no start is in progress (a start owns the loop). */
  notStarting(): Promise<void>;
}

export class BackendMoves {
  private moving = false;
  private unwatchGl: (() => void) | null = null;

  constructor(private readonly host: MoveHost) {}

  /** Store notices for the backend the engine started, and the settle step a first visit needs. */
  onBackend(choice: BackendChoice): void {
    const s = this.host.store.getState();
    const pref = s.settings.backend;
    s.setBackend({ name: choice.name, reason: choice.reason });
    if (choice.pendingRenderer) {
      const pending = choice.pendingRenderer;
      // Settled once the models are in: a move to WebGL reloads them.
      void this.host.engine.load().then(() => this.settle(pending), () => undefined);
    } else if (choice.renderer === undefined && (pref === 'auto' || pref === 'webgl')) {
      s.setNotice(NO_WEBGL_NOTICE);
    } else if (choice.failures.length) {
      s.setNotice(`${choice.failures.map((f) => f.name).join(', ')} failed to start; running on ${choice.name}.`);
    }
  }

  /** After each load: watch the WebGL context (a no-op on other backends). */
  watchContext(): void {
    this.unwatchGl?.();
    this.unwatchGl = watchWebglContextLoss(() => void this.recover());
  }

  /** WebGL lost its context: tfjs cannot rebuild its GPU state, so move to WebAssembly. */
  recover(): Promise<void> {
    return this.move('wasm', () => {
      try {
        tf.removeBackend('webgl'); // never pick the dead context again
      } catch {
        // disposing a lost context may throw; it is unusable either way
      }
      return 'The GPU (WebGL) stopped working: switched to WebAssembly. Reload the page to try the GPU again.';
    });
  }

  /**
   * A first visit starts on WASM without waiting for the WebGL probe. When the probe is back: on
   * software GL or without WebGL only the reason changes; on a real GPU the models move to WebGL.
   */
  private async settle(pending: Promise<string | undefined>): Promise<void> {
    const renderer = await pending;
    await this.host.notStarting();
    const s = this.host.store.getState();
    if (s.settings.backend !== 'auto' || s.backend?.name !== 'wasm') return; // changed meanwhile
    const { order, reason } = backendOrder('auto', renderer);
    // After an error (camera denied, …) nothing is reloaded: the next visit starts on WebGL.
    if (order[0] === 'webgl' && s.status !== 'error') {
      await this.move('auto', () => 'A GPU was found: switched to WebGL.', 'A GPU was found: moving to WebGL (the first GPU start compiles its shaders)…');
      return;
    }
    s.setBackend({ name: 'wasm', reason: reason + wasmThreadsNote() });
    if (renderer === undefined) s.setNotice(NO_WEBGL_NOTICE);
  }

  /** `switched` runs once the new backend is up and returns the notice; `meanwhile` shows until then. */
  private async move(pref: BackendPreference, switched: () => string, meanwhile?: string): Promise<void> {
    if (this.moving) return;
    this.moving = true;
    const s = this.host.store.getState();
    if (meanwhile) s.setNotice(meanwhile);
    this.unwatchGl?.();
    this.unwatchGl = null;
    try {
      await this.host.pauseForMove();
      s.updateSettings({ backend: pref });
      await this.host.engine.reload();
      s.setNotice(switched());
      this.host.resumeAfterMove();
    } catch (e) {
      this.host.fail(e);
    } finally {
      this.moving = false;
    }
  }
}
