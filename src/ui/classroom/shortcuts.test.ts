import { describe, expect, it } from 'vitest';
import { shortcutFor } from './useShortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const el = (tagName: string) => ({ tagName }) as unknown as EventTarget;

describe('shortcutFor', () => {
  it('maps the documented keys, in either case', () => {
    expect(shortcutFor(key(' '), el('BODY'))).toBe('pause');
    expect(shortcutFor(key('F'), el('BODY'))).toBe('fullscreen');
    expect(shortcutFor(key('m'), null)).toBe('mirror');
    expect(shortcutFor(key('?'), null)).toBe('help');
    expect(shortcutFor(key('Escape'), null)).toBe('escape');
    expect(shortcutFor(key('c'), null)).toBe('mood');
    expect(shortcutFor(key('x'), null)).toBeNull();
  });

  it('leaves typing, browser shortcuts and buttons alone', () => {
    expect(shortcutFor(key('s'), el('INPUT'))).toBeNull();
    expect(shortcutFor(key('Escape'), el('INPUT'))).toBe('escape');
    expect(shortcutFor(key('s', { ctrlKey: true }), null)).toBeNull();
    expect(shortcutFor(key('f', { metaKey: true }), null)).toBeNull();
    expect(shortcutFor(key(' '), el('BUTTON'))).toBeNull();
    expect(shortcutFor(key('m'), el('BUTTON'))).toBe('mirror');
  });
});
