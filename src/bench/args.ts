// Command-line parsing for `npm run bench` (pure, unit-tested).
import type { BackendPreference } from '../backend/preference';
import { BACKEND_PREFERENCES } from '../backend/preference';
import { STANDARD_FIXTURES, type StandardFixture } from '../fixture/samples';

const FIXTURE_NAMES: readonly string[] = Object.keys(STANDARD_FIXTURES);

export interface BenchArgs {
  /** .y4m file for the fake webcam, or a standard fixture's name (built if missing); undefined = 'three-faces'. */
  fixture?: string;
  frames: number;
  /** Frames run and thrown away before measuring (shader compile, JIT, tracker start). */
  warmup: number;
  backend: BackendPreference;
  json: boolean;
  /** Rebuild the app into the bench build folder when sources changed (default), always, or never. */
  build: 'auto' | 'always' | 'never';
  /** Also time a second navigation in the same browser context (HTTP cache warm). Default on. */
  cached: boolean;
  /** Extra query parameters for the page, e.g. "detectEvery=1". */
  query: string;
  /** Give up after this many seconds of waiting for frames. */
  timeoutS: number;
  help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [--fixture FILE.y4m|NAME] [--frames N] [--warmup N]
                       [--backend auto|webgl|wasm|cpu] [--json] [--build auto|always|never]
                       [--no-cached] [--query "k=v&k2=v2"] [--timeout SECONDS]

Serves the production build with the app's COOP/COEP headers, opens it in headless Chromium
(/usr/bin/chromium) with FILE as the fake webcam and reports per-frame processing time and the
page's long tasks (main-thread tasks over 50 ms while the measured frames ran).
  --fixture   .y4m video, or a standard fixture built into .cache/fixtures if missing:
              ${FIXTURE_NAMES.join(', ')} (default three-faces; many-faces: 20 small faces, 1280×720)
  --frames    measured frames (default 200), after --warmup frames (default 10)
  --backend   tfjs backend preference passed as ?backend= (default auto)
  --json      print one JSON line instead of a table
  --build     auto: rebuild .cache/bench-dist when sources are newer (default); always; never
  --no-cached skip the second, HTTP-cached navigation (firstResultCachedMs)
  --query     extra page query string
  --timeout   seconds to wait for the frames (default 600)`;

export class BenchArgError extends Error {}

/** Standard fixtures (src/fixture/samples.ts) --fixture accepts by name. */
export function isFixtureName(v: string): v is StandardFixture {
  return FIXTURE_NAMES.includes(v);
}

function int(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min) throw new BenchArgError(`${name} needs an integer ≥ ${min}, got ${v ?? 'nothing'}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const a: BenchArgs = { frames: 200, warmup: 10, backend: 'auto', json: false, build: 'auto', cached: true, query: '', timeoutS: 600, help: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--fixture': {
        const v = value();
        if (!v) throw new BenchArgError('--fixture needs a file');
        if (!v.toLowerCase().endsWith('.y4m') && !FIXTURE_NAMES.includes(v)) throw new BenchArgError(`--fixture must be a .y4m file (Chromium picks the parser by extension) or one of ${FIXTURE_NAMES.join(', ')}, got ${v}`);
        a.fixture = v;
        break;
      }
      case '--frames':
        a.frames = int('--frames', value(), 2);
        break;
      case '--warmup':
        a.warmup = int('--warmup', value(), 0);
        break;
      case '--backend': {
        const v = value();
        if (!BACKEND_PREFERENCES.includes(v as BackendPreference)) throw new BenchArgError(`--backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got ${v ?? 'nothing'}`);
        a.backend = v as BackendPreference;
        break;
      }
      case '--json':
        a.json = true;
        break;
      case '--build': {
        const v = value();
        if (v !== 'auto' && v !== 'always' && v !== 'never') throw new BenchArgError(`--build must be auto, always or never, got ${v ?? 'nothing'}`);
        a.build = v;
        break;
      }
      case '--no-cached':
        a.cached = false;
        break;
      case '--query':
        a.query = (value() ?? '').replace(/^[?&]/, '');
        break;
      case '--timeout':
        a.timeoutS = int('--timeout', value(), 1);
        break;
      case '-h':
      case '--help':
        a.help = true;
        break;
      default:
        throw new BenchArgError(`unknown argument "${raw}"`);
    }
  }
  return a;
}
