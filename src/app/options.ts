// The page's URL parameters, parsed once into a frozen object handed to the app. The store's
// initial settings derive from it; nothing else reads location.search or writes into DEFAULT_*.
import { parseBackendPreference, parseTfjsFlags, type BackendPreference } from '../backend/preference';
import { wasmThreadsParam } from '../backend/wasm-file';
import { TTA_MODES, type TtaMode } from '../classify/preprocess';
import type { PipelineSettings } from '../pipeline/pipeline';
import type { Settings } from '../store/app-store';

export interface AppOptions {
  /** ?backend=auto|webgl|wasm|cpu */
  readonly backend: BackendPreference;
  /** ?mirror=0 shows the camera unmirrored. */
  readonly mirror: boolean;
  /** ?autostart=0 loads the models but opens no source. */
  readonly autostart: boolean;
  /** ?mode=classroom opens presentation mode. */
  readonly classroom: boolean;
  /** ?wasmThreads=1 forces the single-threaded WASM build, N sets the thread count. */
  readonly wasmThreads: number | undefined;
  /** ?tfjsFlags=NAME:value,… (measured with `npm run bench -- --query`). */
  readonly tfjsFlags: Readonly<Record<string, boolean | number>>;
  /** ?quality=auto|fast|balanced|best (any level id of models/index.json; checked when it loads). */
  readonly quality: string | undefined;
  /**
   * ?detectEvery=k, ?tta=none|flip|flip-zoom, ?alignEyes=0|1: pipeline settings over its defaults.
   * ?tta= applies to a user's own model; the built-in quality levels carry their own (best = flip).
   */
  readonly pipeline: Readonly<Partial<Pick<PipelineSettings, 'detectEvery' | 'tta' | 'alignEyes'>>>;
}

export function parseAppOptions(search: string): AppOptions {
  const params = new URLSearchParams(search);
  const pipeline: { detectEvery?: number; tta?: TtaMode; alignEyes?: boolean } = {};
  const detectEvery = Number(params.get('detectEvery'));
  if (Number.isInteger(detectEvery) && detectEvery > 0) pipeline.detectEvery = detectEvery;
  const tta = params.get('tta') as TtaMode | null;
  if (tta && TTA_MODES.includes(tta)) pipeline.tta = tta;
  if (params.has('alignEyes')) pipeline.alignEyes = params.get('alignEyes') === '1';
  return Object.freeze({
    backend: parseBackendPreference(params.get('backend')),
    mirror: params.get('mirror') !== '0',
    autostart: params.get('autostart') !== '0',
    classroom: params.get('mode') === 'classroom',
    wasmThreads: wasmThreadsParam(params),
    tfjsFlags: Object.freeze(parseTfjsFlags(params.get('tfjsFlags'))),
    quality: params.get('quality')?.trim() || undefined,
    pipeline: Object.freeze(pipeline),
  });
}

/** The store's initial settings: what the URL sets, over the store's own defaults. */
export function initialSettings(o: AppOptions): Partial<Settings> {
  const s: Partial<Settings> = { backend: o.backend, mirror: o.mirror };
  if (o.quality) s.quality = o.quality;
  return s;
}
