import { useEffect, useRef } from 'react';
import { labelColor } from '../../overlay/colors';
import { useApp, useController } from '../context';
import { drawMoodChart } from './mood-chart';
import { useAppStore } from './useAppStore';

/** Class mood: how many faces show each emotion now, and the session's timeline. */
export function MoodPanel() {
  const controller = useController();
  const categories = useApp((s) => s.mood.categories);
  // One reading of the class: bars, headline and the live region's summary (Announcer) agree.
  const reading = useApp((s) => s.mood.reading);
  const seconds = useApp((s) => s.mood.series.length);
  const recording = useApp((s) => s.mood.recording);

  return (
    <section className="mood-panel" aria-labelledby="mood-title" data-testid="mood-panel">
      <h2 id="mood-title">Class mood</h2>
      <p className="mood-summary" data-testid="mood-faces" data-value={reading.faces} data-dominant={reading.dominant ?? ''} data-t={reading.t}>
        {reading.headline}
      </p>
      <ul className="bars mood-bars">
        {categories.map((c, i) => {
          const n = reading.counts[c] ?? 0;
          const share = reading.faces ? n / reading.faces : 0;
          return (
            <li key={c} data-testid={`mood-count-${c}`} data-value={n}>
              <span className="bar-label">{c}</span>
              <span className="bar-track" role="meter" aria-valuemin={0} aria-valuemax={reading.faces} aria-valuenow={n} aria-label={`${c}: ${n} faces`}>
                <span className="bar-fill" style={{ width: `${share * 100}%`, background: labelColor(c, i) }} />
              </span>
              <span className="bar-value">{n}</span>
            </li>
          );
        })}
      </ul>
      <ul className="mood-legend" data-testid="mood-legend" aria-label="Timeline colours">
        {categories.map((c, i) => (
          <li key={c}>
            <span className="swatch" style={{ background: labelColor(c, i) }} aria-hidden="true" />
            {c}
          </li>
        ))}
      </ul>
      <MoodChart />
      <p className="muted mood-meta" data-testid="mood-seconds" data-value={seconds}>
        {seconds} s recorded{recording ? '' : ' · recording paused'}
      </p>
      <div className="mood-actions">
        <button type="button" data-testid="mood-record" onClick={() => controller.classroom.setRecording(!recording)}>
          {recording ? 'Pause recording' : 'Resume recording'}
        </button>
        <button type="button" data-testid="mood-reset" onClick={() => controller.classroom.resetMood()}>
          Reset
        </button>
        <button type="button" data-testid="export-csv" disabled={seconds === 0} onClick={() => controller.classroom.exportCsv()}>
          Export CSV
        </button>
        <button type="button" data-testid="export-json" disabled={seconds === 0} onClick={() => controller.classroom.exportJson()}>
          Export JSON
        </button>
      </div>
    </section>
  );
}

/** Redrawn from a store subscription when a second closes: no React render per update. */
function MoodChart() {
  const store = useAppStore();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const draw = () => {
      const s = store.getState();
      if (canvas.current) drawMoodChart(canvas.current, s.mood.series, s.mood.categories, s.view.presentation);
    };
    draw();
    const unsub = store.subscribe((s, prev) => {
      if (s.mood.series !== prev.mood.series || s.view.presentation !== prev.view.presentation) draw();
    });
    const ro = new ResizeObserver(draw);
    if (canvas.current) ro.observe(canvas.current);
    return () => {
      unsub();
      ro.disconnect();
    };
  }, [store]);
  return (
    <canvas
      ref={canvas}
      className="mood-chart"
      data-testid="mood-chart"
      role="img"
      aria-label="Timeline of the share of faces showing each emotion, one column per second, time axis in seconds before now; colours as in the legend above"
    />
  );
}
