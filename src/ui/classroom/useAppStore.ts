import { useContext } from 'react';
import type { AppStore } from '../../store/app-store';
import { AppContext } from '../context';

/** The store itself, for canvases that redraw from a subscription instead of re-rendering. */
export function useAppStore(): AppStore {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppContext is missing');
  return ctx.store;
}
