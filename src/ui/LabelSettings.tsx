import { useApp } from './context';
import { QualitySetting } from './QualitySetting';
import { fromChanceMultiple, smoothingText, toChanceMultiple, uncertainText } from './plain-words';

/**
 * How steady the shown labels are, in the README's terms ("Stable labels"): how much each new frame
 * counts, when a face is called "uncertain" (relative to chance for the model's number of classes),
 * and the quality level (the mirror image is read by "best").
 */
export function LabelSettings() {
  const smoothing = useApp((s) => s.settings.smoothing);
  const uncertainBelow = useApp((s) => s.settings.uncertainBelow);
  const classes = useApp((s) => s.labels.length);
  const update = useApp((s) => s.updateSettings);
  // The slider moves in multiples of chance; the store keeps the absolute threshold the pipeline takes.
  const k = classes || 7;
  return (
    <fieldset className="label-settings">
      <legend>Labels</legend>
      <label className="slider">
        <span className="slider-name">Quicker to react ↔ steadier</span>
        <input type="range" data-testid="setting-smoothing" min={0} max={0.95} step={0.05} value={smoothing} onChange={(e) => update({ smoothing: Number(e.target.value) })} />
        <output>{smoothingText(smoothing)}</output>
      </label>
      <label className="slider">
        <span className="slider-name">Say “uncertain” when the top emotion is</span>
        <input
          type="range"
          data-testid="setting-uncertain"
          min={0}
          max={Math.round(toChanceMultiple(0.9, k) * 10) / 10}
          step={0.1}
          value={Math.round(toChanceMultiple(uncertainBelow, k) * 10) / 10}
          onChange={(e) => update({ uncertainBelow: fromChanceMultiple(Number(e.target.value), k) })}
        />
        <output data-testid="uncertain-text">{uncertainText(uncertainBelow, classes)}</output>
      </label>
      <QualitySetting />
    </fieldset>
  );
}
