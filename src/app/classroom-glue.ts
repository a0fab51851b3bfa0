// Classroom mode glue, outside React: feeds every processed frame to the class-mood aggregator,
// publishes it (about once a second) with the screen-reader announcement, applies the detector
// settings (engine) and the camera size (media) when they change, and handles ?mode=classroom.
// The controller owns one of these.
import { downloadBlob } from '../classroom/download';
import { exportStem, moodCsv, moodJson } from '../classroom/export';
import { DominantAnnouncer, MoodAggregator, readMood } from '../classroom/mood';
import { errorDetail } from '../faults/coded-error';
import type { FaceResult } from '../pipeline/types';
import { MAX_FACES_LIMIT, type AppStore, type Settings } from '../store/app-store';
import type { Engine } from './engine';
import type { MediaPlayer } from './media';

/** The panel and the live region get a new reading of the class this often, not every frame. */
const READING_MS = 1000;
/** Typing "30" in the max-faces field must not load two detectors. */
const DETECTOR_DEBOUNCE_MS = 400;
/** Settings classroom mode picks: far faces always searched, and room for a whole class. */
export const CLASSROOM_SETTINGS: Pick<Settings, 'farFaces' | 'maxFaces'> = { farFaces: 'on', maxFaces: MAX_FACES_LIMIT };

export class ClassroomGlue {
  private readonly mood = new MoodAggregator([]);
  private readonly announcer = new DominantAnnouncer(5000);
  private lastReading = 0;
  private detectorTimer = 0;
  private saved: Pick<Settings, 'farFaces' | 'maxFaces'> | null = null;
  private detectorSwap: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AppStore,
    private readonly engine: Engine,
    private readonly media: MediaPlayer,
    presentation: boolean,
  ) {
    if (presentation) this.enterPresentation();
    store.subscribe((s, prev) => {
      if (s.labels !== prev.labels) {
        this.mood.setLabels(s.labels);
        this.publish();
      }
      if (s.settings.farFaces !== prev.settings.farFaces || s.settings.maxFaces !== prev.settings.maxFaces) {
        clearTimeout(this.detectorTimer);
        this.detectorTimer = window.setTimeout(() => (this.detectorSwap = this.detectorSwap.then(() => this.applyDetectorSettings())), DETECTOR_DEBOUNCE_MS);
      }
      // A new source plays: it is not paused.
      if (s.source !== prev.source && s.paused) s.setPaused(false);
    });
    // Closes the running second when frames stop coming (paused, stopped, an image).
    setInterval(() => {
      if (this.mood.tick(Date.now())) this.publish();
    }, 1000);
  }

  /**
   * Far faces and max faces while running: the engine swaps or reconfigures its detector (a new
   * one is loaded once), then the camera is asked for the size far faces need. Settings are read
   * when applied, so a change made during the camera prompt is not lost.
   */
  private async applyDetectorSettings(): Promise<void> {
    const s = this.store.getState();
    const loading = 'Loading the far-faces detector…';
    const timer = setTimeout(() => s.setNotice(loading), 300);
    try {
      await this.engine.applyDetectorSettings();
      await this.media.setResolution(this.store.getState().settings.farFaces);
    } catch (e) {
      s.setNotice(`The face detector could not be changed (${errorDetail(e)}); still using the previous one.`);
    } finally {
      clearTimeout(timer);
      if (this.store.getState().notice === loading) s.setNotice(null);
    }
  }

  onFrame(faces: readonly FaceResult[], now = Date.now()): void {
    const closed = this.mood.add(now, faces.map((f) => f.emotion));
    if (closed || now - this.lastReading >= READING_MS) this.publish(now);
  }

  /**
   * One reading of the class (the latest frame's distribution) feeds the bars, the headline and,
   * when the announcer speaks, the live region, in one store update: they cannot disagree.
   */
  private publish(now = Date.now()): void {
    this.lastReading = now;
    const reading = readMood(now, this.mood.current());
    const announcement = this.announcer.update(reading);
    this.store.getState().publishMood({
      categories: this.mood.categories,
      reading,
      series: [...this.mood.series()],
      recording: !this.mood.paused,
      ...(announcement ? { announcement } : {}),
    });
  }

  setRecording(on: boolean): void {
    if (on) this.mood.resume();
    else this.mood.pause();
    this.publish();
  }

  resetMood(): void {
    this.mood.reset();
    this.announcer.reset();
    this.publish();
  }

  exportCsv(): void {
    downloadBlob(new Blob([moodCsv(this.mood.series(), this.mood.categories)], { type: 'text/csv' }), `${exportStem('mood')}.csv`);
  }

  exportJson(): void {
    downloadBlob(new Blob([moodJson(this.mood.series(), this.mood.categories)], { type: 'application/json' }), `${exportStem('mood')}.json`);
  }

  /** Presentation view with the far-faces detector and up to 30 faces; leaving restores the settings. */
  enterPresentation(): void {
    const s = this.store.getState();
    if (s.view.presentation) return;
    this.saved = { farFaces: s.settings.farFaces, maxFaces: s.settings.maxFaces };
    s.setView({ presentation: true, moodPanel: true });
    s.updateSettings(CLASSROOM_SETTINGS);
  }

  leavePresentation(): void {
    const s = this.store.getState();
    if (!s.view.presentation) return;
    s.setView({ presentation: false, help: false });
    if (this.saved) s.updateSettings(this.saved);
    this.saved = null;
  }
}
