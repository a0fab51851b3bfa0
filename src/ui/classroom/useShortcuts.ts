import { useEffect, useRef } from 'react';
import type { AppController } from '../../app/controller';
import type { AppStore } from '../../store/app-store';
import { enterPresentation } from './ClassroomControls';

export type ShortcutAction = 'pause' | 'fullscreen' | 'mirror' | 'snapshot' | 'help' | 'escape' | 'mood' | 'record' | 'export' | 'demo' | 'presentation';

const KEYS: Record<string, ShortcutAction> = {
  ' ': 'pause',
  f: 'fullscreen',
  m: 'mirror',
  s: 'snapshot',
  '?': 'help',
  Escape: 'escape',
  c: 'mood',
  r: 'record',
  e: 'export',
  d: 'demo',
  p: 'presentation',
};

/**
 * The action for a key press, or null to leave it to the page: typing in a field, modifier
 * combinations (browser shortcuts), and Space/Enter on a focused button keep their usual meaning.
 */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: EventTarget | null): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = el?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'select' || tag === 'textarea' || el?.isContentEditable) return e.key === 'Escape' ? 'escape' : null;
  if (e.key === ' ' && (tag === 'button' || tag === 'summary' || tag === 'a')) return null;
  return KEYS[e.key.length === 1 ? e.key.toLowerCase() : e.key] ?? null;
}

/** Page-wide keyboard shortcuts; the list shown to users is SHORTCUTS in HelpDialog. */
export function useShortcuts(store: AppStore, controller: AppController): void {
  // Exiting full screen with F keeps presentation mode; the browser's own Esc exit leaves it.
  const exitingByKey = useRef(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, e.target);
      if (!action) return;
      const s = store.getState();
      e.preventDefault();
      switch (action) {
        case 'pause':
          return controller.togglePause();
        case 'fullscreen':
          if (document.fullscreenElement) {
            exitingByKey.current = true;
            return void document.exitFullscreen().catch(() => undefined);
          }
          return void document.documentElement.requestFullscreen?.().catch(() => undefined);
        case 'mirror':
          return s.updateSettings({ mirror: !s.settings.mirror });
        case 'snapshot':
          return void controller.snapshot();
        case 'help':
          return s.setView({ help: !s.view.help });
        case 'mood':
          return s.setView({ moodPanel: !s.view.moodPanel });
        case 'record':
          return controller.classroom.setRecording(!s.mood.recording);
        case 'export':
          return controller.classroom.exportCsv();
        case 'demo':
          return void controller.playDemo();
        case 'presentation':
          return s.view.presentation ? leave() : enterPresentation(controller);
        case 'escape':
          if (s.view.help) return s.setView({ help: false });
          return leave();
      }
    };
    const leave = () => {
      controller.classroom.leavePresentation();
      if (document.fullscreenElement) {
        exitingByKey.current = true;
        void document.exitFullscreen().catch(() => undefined);
      }
    };
    const onFullscreen = () => {
      if (document.fullscreenElement) return;
      if (!exitingByKey.current) controller.classroom.leavePresentation();
      exitingByKey.current = false;
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [store, controller]);
}
