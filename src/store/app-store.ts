// App state for React: settings, status, the latest results (throttled for the DOM) and stats.
// The frame loop writes here; components read with selectors so each re-renders only on its slice.
import { create } from 'zustand';
import { DEFAULT_LABEL_SETTINGS, type LabelSettingValues } from '../app/label-settings';
import type { AppErrorCode } from '../faults/coded-error';
import type { BackendName, BackendPreference } from '../backend/backends';
import type { CameraInfo } from '../camera/camera';
import { EMPTY_READING, type MoodBucket, type MoodReading } from '../classroom/mood';
import type { FaceResult } from '../pipeline/types';
import type { ModelManifest } from '../models/manifest';
import type { FarFacesMode } from '../detection/far-search';
import type { QualityState } from '../app/quality-control';

export type AppStatus = 'idle' | 'starting' | 'running' | 'error';
/** What the pipeline is reading: the webcam, a video file, a still image or the built-in demo. */
export type SourceKind = 'camera' | 'video' | 'image' | 'demo';

export interface Settings extends LabelSettingValues {
  backend: BackendPreference;
  mirror: boolean;
  deviceId: string | undefined;
  /** Most faces the detector reports per frame (1..MAX_FACES_LIMIT). */
  maxFaces: number;
  /** Far (small) faces: full-range detector on tiles, when needed (auto), always (on) or never (off). */
  farFaces: FarFacesMode;
  /** Quality level: "auto" or a level id of models/index.json ("" = the index's default). */
  quality: string;
}

export const MAX_FACES_LIMIT = 30;

/** A failure as the store holds it: the UI words the code (ui/error-messages.ts). */
export interface AppError {
  code: AppErrorCode;
  /** The technical detail, for bug reports. */
  detail?: string;
}

/** Classroom presentation: full window, controls hidden, big high-contrast labels. */
export interface ViewState {
  presentation: boolean;
  help: boolean;
  moodPanel: boolean;
}

/** Class mood for the panel and the chart (published about once a second). */
export interface MoodState {
  categories: readonly string[];
  /** The class mood now: bars, headline and screen-reader summary all read this one object. */
  reading: MoodReading;
  series: readonly MoodBucket[];
  recording: boolean;
  /** Latest text for the screen-reader live region (the summary of the reading published with it). */
  announcement: string;
}

export interface Stats {
  /** Processed frames per second. */
  fps: number;
  /** Median pipeline time per frame (upload, detect, classify, track) over the last second, ms. */
  pipelineMs: number;
}

export interface AppState {
  settings: Settings;
  status: AppStatus;
  /** Loading step shown while starting. */
  progress: string;
  error: AppError | null;
  source: { kind: SourceKind; name: string } | null;
  /** Non-fatal information, e.g. a backend fallback. */
  notice: string | null;
  backend: { name: BackendName; reason: string } | null;
  labels: string[];
  /** The classifier in use: the manifests of the models it combines, main model first (they feed "About this model"). */
  classifier: { name: string; builtIn: boolean; models: ModelManifest[] } | null;
  /** The quality level in use, the setting and why (null before the models load). */
  quality: QualityState | null;
  cameras: CameraInfo[];
  faces: FaceResult[];
  stats: Stats;
  view: ViewState;
  /** Live view frozen (space bar): no frame is processed. */
  paused: boolean;
  mood: MoodState;

  updateSettings(patch: Partial<Settings>): void;
  setStatus(status: AppStatus, progress?: string): void;
  /** Names the current loading step; never changes the status (models load beside a failed camera). */
  setProgress(progress: string): void;
  fail(error: AppError): void;
  /** Shows an error without changing what is running (e.g. a bad dropped file). */
  showError(error: AppError): void;
  dismissError(): void;
  setSource(source: AppState['source']): void;
  setNotice(notice: string | null): void;
  setBackend(backend: AppState['backend']): void;
  setLabels(labels: string[]): void;
  setClassifier(classifier: AppState['classifier']): void;
  setQuality(quality: QualityState | null): void;
  setCameras(cameras: CameraInfo[]): void;
  publishFaces(faces: FaceResult[]): void;
  publishStats(stats: Stats): void;
  setView(patch: Partial<ViewState>): void;
  setPaused(paused: boolean): void;
  publishMood(patch: Partial<MoodState>): void;
}

export const INITIAL_STATS: Stats = { fps: 0, pipelineMs: 0 };

/** The faces are held once (faces); counts and the like are derived with selectors. */
export const selectFaceCount = (s: Pick<AppState, 'faces'>): number => s.faces.length;

export const createAppStore = (settings: Partial<Settings> = {}) =>
  create<AppState>()((set) => ({
    settings: { backend: 'auto', mirror: true, deviceId: undefined, maxFaces: MAX_FACES_LIMIT, farFaces: 'auto', quality: '', ...DEFAULT_LABEL_SETTINGS, ...settings },
    status: 'idle',
    progress: '',
    error: null,
    source: null,
    notice: null,
    backend: null,
    labels: [],
    classifier: null,
    quality: null,
    cameras: [],
    faces: [],
    stats: INITIAL_STATS,
    view: { presentation: false, help: false, moodPanel: false },
    paused: false,
    mood: { categories: [], reading: EMPTY_READING, series: [], recording: true, announcement: '' },

    updateSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
    setProgress: (progress) => set({ progress }),
    setStatus: (status, progress = '') =>
      set(status === 'error' ? { status, progress } : { status, progress, error: null }),
    fail: (error) => set({ status: 'error', error, progress: '' }),
    showError: (error) => set({ error }),
    dismissError: () => set({ error: null }),
    setSource: (source) => set({ source }),
    setNotice: (notice) => set({ notice }),
    setBackend: (backend) => set({ backend }),
    setLabels: (labels) => set({ labels }),
    setClassifier: (classifier) => set({ classifier }),
    setQuality: (quality) => set({ quality }),
    setCameras: (cameras) => set({ cameras }),
    publishFaces: (faces) => set({ faces }),
    publishStats: (stats) => set({ stats }),
    setView: (patch) => set((s) => ({ view: { ...s.view, ...patch } })),
    setPaused: (paused) => set({ paused }),
    publishMood: (patch) => set((s) => ({ mood: { ...s.mood, ...patch } })),
  }));

export type AppStore = ReturnType<typeof createAppStore>;
