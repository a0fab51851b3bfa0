import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppController } from '../app/controller';
import type { AppState, AppStore } from '../store/app-store';

export interface AppContextValue {
  store: AppStore;
  controller: AppController;
}

export const AppContext = createContext<AppContextValue | null>(null);

function useAppContext(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppContext is missing');
  return ctx;
}

/** Subscribes to one slice of the app state: the component re-renders only when it changes. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

export function useController(): AppController {
  return useAppContext().controller;
}
