import { useApp } from './context';
import { qualityReasonWords } from './plain-words';

/**
 * The quality setting: auto or one of models/index.json's levels (fast, balanced, best). While a
 * user's own model is in use it replaces the levels, and the control says so.
 */
export function QualitySetting() {
  const quality = useApp((s) => s.quality);
  const setting = useApp((s) => s.settings.quality);
  const update = useApp((s) => s.updateSettings);
  const userModel = quality !== null && quality.level === null;
  const value = setting || quality?.setting || 'auto';
  const live = useApp((s) => s.source?.kind !== 'image');
  return (
    <label className="slider">
      <span className="slider-name">Quality</span>
      <select data-testid="setting-quality" value={value} disabled={!quality || userModel} onChange={(e) => update({ quality: e.target.value })}>
        <option value="auto">Auto: adapts to this device</option>
        {(quality?.levels ?? []).map((l) => (
          <option key={l.id} value={l.id}>
            {l.label}
          </option>
        ))}
      </select>
      <output data-testid="quality-note">{userModel ? 'Your own model replaces the built-in models: quality levels apply to them only.' : quality && `Now: ${quality.level}, ${qualityReasonWords(quality.reason, live)}`}</output>
    </label>
  );
}
