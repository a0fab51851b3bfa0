import { useEffect, useRef } from 'react';
import { useApp } from '../context';

export const SHORTCUTS: [string, string][] = [
  ['Space', 'pause or resume the live view'],
  ['F', 'full screen on or off'],
  ['M', 'mirror on or off'],
  ['S', 'save a snapshot (PNG)'],
  ['C', 'class mood panel'],
  ['R', 'pause or resume recording the class mood'],
  ['E', 'export the class mood (CSV)'],
  ['D', 'play the demo clip'],
  ['P', 'presentation mode'],
  ['?', 'this help'],
  ['Esc', 'close this help, or leave presentation mode'],
];

export function HelpDialog() {
  const open = useApp((s) => s.view.help);
  const setView = useApp((s) => s.setView);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="help-backdrop">
      <div className="help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={close} onClick={() => setView({ help: false })}>
          Close
        </button>
      </div>
    </div>
  );
}
