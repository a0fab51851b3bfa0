import { useApp } from './context';

/** How steady the shown labels are: smoothing strength, the "uncertain" threshold, mirror TTA. */
export function LabelSettings() {
  const smoothing = useApp((s) => s.settings.smoothing);
  const uncertainBelow = useApp((s) => s.settings.uncertainBelow);
  const flipTta = useApp((s) => s.settings.flipTta);
  const update = useApp((s) => s.updateSettings);
  return (
    <fieldset className="label-settings">
      <legend>Labels</legend>
      <label>
        Smoothing{' '}
        <input
          type="range"
          data-testid="setting-smoothing"
          min={0}
          max={0.95}
          step={0.05}
          value={smoothing}
          onChange={(e) => update({ smoothing: Number(e.target.value) })}
        />{' '}
        <output>{smoothing === 0 ? 'off' : smoothing.toFixed(2)}</output>
      </label>
      <label>
        Uncertain below{' '}
        <input
          type="range"
          data-testid="setting-uncertain"
          min={0}
          max={0.9}
          step={0.05}
          value={uncertainBelow}
          onChange={(e) => update({ uncertainBelow: Number(e.target.value) })}
        />{' '}
        <output>{Math.round(uncertainBelow * 100)}%</output>
      </label>
      <label>
        <input type="checkbox" data-testid="setting-flip-tta" checked={flipTta} onChange={(e) => update({ flipTta: e.target.checked })} />{' '}
        Also read the mirrored face (steadier, a little slower)
      </label>
    </fieldset>
  );
}
