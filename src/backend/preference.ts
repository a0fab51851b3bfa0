// Backend names and the pure choice logic, free of tfjs imports so Node tools (bench, tests) can use them.
export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgl', 'wasm', 'cpu'];

export function parseBackendPreference(value: string | null | undefined): BackendPreference {
  return BACKEND_PREFERENCES.includes(value as BackendPreference) ? (value as BackendPreference) : 'auto';
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/** The order in which backends are tried for a preference. */
export function backendOrder(pref: BackendPreference, renderer: string | undefined): { order: BackendName[]; reason: string } {
  if (pref !== 'auto') {
    return { order: [pref, ...(['webgl', 'wasm', 'cpu'] as BackendName[]).filter((b) => b !== pref)], reason: 'forced by ?backend=' };
  }
  if (renderer === undefined) return { order: ['wasm', 'cpu'], reason: 'auto: no WebGL available' };
  if (isSoftwareRenderer(renderer)) return { order: ['wasm', 'webgl', 'cpu'], reason: `auto: software WebGL (${renderer})` };
  return { order: ['webgl', 'wasm', 'cpu'], reason: `auto: GPU (${renderer})` };
}

/**
 * tfjs flags from a "NAME:value,NAME:value" string (the app's ?tfjsFlags=, for measuring flag
 * choices with `npm run bench -- --query`). Values are parsed as booleans or numbers. Unknown
 * flag names are reported and skipped.
 */
export function parseTfjsFlags(spec: string | null | undefined): Record<string, boolean | number> {
  const out: Record<string, boolean | number> = {};
  for (const part of (spec ?? '').split(',')) {
    const [name, raw] = part.split(':').map((x) => x.trim());
    if (!name || raw === undefined) continue;
    const value = raw === 'true' ? true : raw === 'false' ? false : Number(raw);
    if (typeof value === 'number' && Number.isNaN(value)) continue;
    out[name] = value;
  }
  return out;
}
