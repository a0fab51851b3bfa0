// The page's words for technical settings and states: short, saying what they mean for the user.
// The technical detail stays one click away (see StatusBar). Pure, unit-tested.

/** One line on where the models run, from the backend's name and the reason it was chosen. */
export function backendSummary(name: string, reason: string): string {
  if (name === 'webgl') return reason.startsWith('forced') ? 'Running on the graphics card, as asked' : 'Running on the graphics card';
  const where = name === 'wasm' ? "this computer's CPU" : "this computer's CPU (slowest mode)";
  if (reason.startsWith('forced')) return `Running on ${where}, as asked`;
  if (reason.includes('while the GPU check runs')) return `Running on ${where} while the graphics card is checked`;
  if (reason.includes('fell back')) return `Running on ${where} — the graphics card could not be used`;
  return `Running on ${where} — no graphics acceleration found`;
}

/** One line on the quality level in use, for next to the backend: "Quality: balanced (auto)". */
export function qualitySummary(q: { setting: string; level: string | null }): string {
  if (q.level === null) return 'Quality: your own model';
  return `Quality: ${q.level}${q.setting === 'auto' ? ' (auto)' : q.setting === q.level ? '' : ` (${q.setting} could not load)`}`;
}

/**
 * Why this quality level, in a few plain words for the status line ("3 faces: the most detailed level
 * this device keeps up with"); the technical reason (milliseconds, frame budget) stays in the
 * details. Reasons it does not recognise are shown as they are (notices are already plain).
 */
export function qualityReasonWords(reason: string, live = true): string {
  const r = reason.replace(/^auto: /, '');
  const auto = r !== reason;
  if (r.startsWith('set to ')) return 'as chosen in the settings';
  if (/replaces the built-in models/.test(r)) return 'the built-in levels are not in use';
  const fallback = /; (\w+) could not load, so (\w+)$/.exec(r);
  const base = fallback ? r.slice(0, fallback.index) : r;
  const note = fallback ? ` (${fallback[1]} could not load)` : '';
  let m: RegExpExecArray | null;
  if (auto && base.startsWith('starting with ')) {
    return live ? "a first guess, until this device's speed is measured" : 'the usual level (a photo is read once, so speed does not matter)';
  }
  if ((m = /^no face in view: (\w+)/.exec(base))) return `no face in view: ready with ${m[1]} for the first one${note}`;
  if ((m = /^(\d+ faces?): trying (\w+) again/.exec(base))) return `${m[1]}: trying ${m[2]} again, in case this device now keeps up${note}`;
  if ((m = /^(\d+ faces?): even \w+ takes/.exec(base))) return `${m[1]}: the quickest level, and still more than this device manages every frame${note}`;
  if ((m = /^(\d+ faces?): \w+ takes about /.exec(base))) {
    // A richer level exists that would not keep up (or just did not).
    const richer = /would take|took \d+ ms/.test(base);
    return `${m[1]}: ${richer ? 'the most detailed level this device keeps up with' : 'the most detailed level, and this device keeps up'}${note}`;
  }
  return reason;
}

/** Smoothing 0..0.95 as the share of each new frame in what is shown ("each new frame counts 20%"). */
export function smoothingText(smoothing: number): string {
  if (smoothing <= 0) return 'off: every frame shown as it is';
  return `each new frame counts ${Math.round((1 - smoothing) * 100)}%`;
}

/** The most an absolute "uncertain below" threshold can be (what the pipeline accepts). */
export const MAX_UNCERTAIN = 0.9;

/** Absolute threshold → multiple of chance (1 / number of classes). */
export function toChanceMultiple(threshold: number, classes: number): number {
  return classes > 0 ? threshold * classes : threshold;
}

/** Multiple of chance → the absolute threshold the pipeline takes, within 0..MAX_UNCERTAIN. */
export function fromChanceMultiple(multiple: number, classes: number): number {
  const t = classes > 0 ? multiple / classes : multiple;
  return Math.min(MAX_UNCERTAIN, Math.max(0, t));
}

/** "below 2.1× chance (30%)" — the threshold relative to the number of classes, and as a percentage. */
export function uncertainText(threshold: number, classes: number): string {
  if (threshold <= 0) return 'never';
  const pct = `${Math.round(threshold * 100)}%`;
  if (classes < 2) return `below ${pct}`;
  const m = toChanceMultiple(threshold, classes);
  if (m <= 1) return `below chance (${pct}): never for a ${classes}-class model`;
  return `below ${m.toFixed(1)}× chance (${pct})`;
}

export interface SourceWords {
  /** "Camera", "Photo", "Video", "Demo". */
  kind: string;
  /** The camera's or the file's name. */
  name: string;
  /** Whether frames keep coming (frame rate and Stop make sense). */
  live: boolean;
}

/** What the page is reading, in words, from the store's source {kind, name}. */
export function sourceWords(source: { kind: string; name: string } | null): SourceWords | null {
  if (!source) return null;
  switch (source.kind) {
    case 'camera':
      return { kind: 'Camera', name: source.name, live: true };
    case 'image':
      return { kind: 'Photo', name: source.name, live: false };
    case 'video':
      return { kind: 'Video', name: source.name, live: true };
    default:
      return { kind: 'Demo', name: source.name, live: true };
  }
}
