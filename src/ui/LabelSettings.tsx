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
      <Slider label="Smoothing" testId="setting-smoothing" max={0.95} value={smoothing} shown={smoothing === 0 ? 'off' : smoothing.toFixed(2)} onChange={(v) => update({ smoothing: v })} />
      <Slider label="Uncertain below" testId="setting-uncertain" max={0.9} value={uncertainBelow} shown={`${Math.round(uncertainBelow * 100)}%`} onChange={(v) => update({ uncertainBelow: v })} />
      <label>
        <input type="checkbox" data-testid="setting-flip-tta" checked={flipTta} onChange={(e) => update({ flipTta: e.target.checked })} />{' '}
        Also read the mirrored face (steadier, a little slower)
      </label>
    </fieldset>
  );
}

interface SliderProps {
  label: string;
  testId: string;
  max: number;
  value: number;
  /** The value as shown next to the slider. */
  shown: string;
  onChange(value: number): void;
}

function Slider({ label, testId, max, value, shown, onChange }: SliderProps) {
  return (
    <label>
      {label}{' '}
      <input type="range" data-testid={testId} min={0} max={max} step={0.05} value={value} onChange={(e) => onChange(Number(e.target.value))} />{' '}
      <output>{shown}</output>
    </label>
  );
}
