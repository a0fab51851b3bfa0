// npm run models [-- --shared <dir>] [--check]
// Regenerates the app's own emotion models in models/ from their Keras originals in ../shared/keras,
// with OUR converter exactly as a user runs it (`npm run convert`, so whatever the converter does by
// default — e.g. BatchNormalization folding once it lands — is applied here too), then completes
// each manifest with its provenance (source file, SHA-256, licence, converter version). Measured
// data already in a manifest (the model card, see scripts/fit-ensemble.ts) is carried over.
// --check converts into a temporary folder and reports whether models/ is up to date (exit 1 if not).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OARRIAGA_MODELS, type SourceModel } from '../src/models/sources.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const MODELS_DIR = path.join(ROOT, 'models');
export const SHARED_KERAS = path.resolve(ROOT, '../shared/keras');
const LICENCE_FILE = 'LICENSE.oarriaga-MIT.txt';

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * The converter's version as recorded in a manifest: the package version plus the git tree hash of
 * src/converter (so a converter change is visible in provenance), "+modified" when uncommitted.
 */
export function converterVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  let tree = 'unknown';
  try {
    tree = git('rev-parse', '--short=12', 'HEAD:src/converter');
    if (git('status', '--porcelain', '--', 'src/converter')) tree += '+modified';
  } catch {
    // Not a git checkout (a release tarball): the package version alone.
  }
  return `emotion-lens ${pkg.version} converter (src/converter tree ${tree})`;
}

/**
 * Converts one model with `npm run convert` into outDir and completes its manifest. Returns the
 * manifest object written. `carry` holds fields to keep from a previous manifest (card, …).
 */
export function convertOne(spec: SourceModel, sharedKeras: string, outDir: string, carry: Record<string, unknown> = {}): Record<string, unknown> {
  const src = path.join(sharedKeras, spec.sourceFile);
  const bytes = fs.readFileSync(src);
  fs.rmSync(outDir, { recursive: true, force: true });
  const log = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(ROOT, 'scripts/convert.ts'),
      src,
      '--out', outDir,
      '--id', spec.id,
      '--name', spec.name,
      '--labels', spec.labels.join(','),
      '--normalize', spec.normalization,
      '--channels', 'gray',
      '--licence', 'MIT',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  // The converter's own account of its optimisation (BatchNormalization folding is on by default):
  // recorded so a reader of the manifest knows these files are the folded, not the layer-for-layer, conversion.
  const folding = /^\s*folding\s+(.+)$/m.exec(log)?.[1];
  if (!folding) throw new Error(`models: the converter's output for ${spec.sourceFile} has no "folding" line:\n${log}`);
  // And the form it wrote: a graph model (fused TensorFlow ops, no tfjs-layers code at run time) when every layer maps.
  const written = /^\s*written\s+(.+)$/m.exec(log)?.[1];
  if (!written) throw new Error(`models: the converter's output for ${spec.sourceFile} has no "written" line:\n${log}`);
  const manifestPath = path.join(outDir, 'manifest.json');
  const converted = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  fs.copyFileSync(path.join(sharedKeras, LICENCE_FILE), path.join(outDir, 'LICENSE'));
  fs.chmodSync(path.join(outDir, 'LICENSE'), 0o644);
  const files = fs.readdirSync(outDir).filter((f) => f !== 'manifest.json' && f !== 'LICENSE').sort();
  const manifest: Record<string, unknown> = {
    ...converted,
    provenance: {
      trainedBy: spec.trainedBy,
      dataset: 'FER2013',
      sourceFile: spec.sourceFile,
      sourceSha256: sha256(bytes),
      convertedBy: converterVersion(),
      folding,
      written,
      command: 'npm run models',
    },
    licence: 'MIT',
    licenceFile: 'LICENSE',
    sha256: Object.fromEntries(files.map((f) => [f, sha256(fs.readFileSync(path.join(outDir, f)))])),
    ...carry,
  };
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Every file of a model folder, name → SHA-256 (the manifest's converter version left out). */
export function folderDigest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).sort()) {
    let data = fs.readFileSync(path.join(dir, f), 'utf8');
    if (f === 'manifest.json') {
      const m = JSON.parse(data) as { provenance?: Record<string, string> };
      if (m.provenance) delete m.provenance.convertedBy;
      data = JSON.stringify(m);
    }
    out[f] = sha256(f.endsWith('.bin') ? fs.readFileSync(path.join(dir, f)) : data);
  }
  return out;
}

/** Rewrites models/SHA256SUMS lines for the given model folders (other lines kept). */
function updateSums(ids: string[]): void {
  const file = path.join(MODELS_DIR, 'SHA256SUMS');
  const kept = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !ids.some((id) => l.includes(`  ${id}/`)));
  for (const id of ids) {
    const m = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, id, 'manifest.json'), 'utf8')) as { sha256: Record<string, string> };
    for (const [f, s] of Object.entries(m.sha256)) kept.push(`${s}  ${id}/${f}`);
  }
  fs.writeFileSync(file, `${kept.join('\n')}\n`);
}

function main(): void {
  const { values } = parseArgs({ options: { shared: { type: 'string' }, check: { type: 'boolean' } } });
  const shared = values.shared ? path.resolve(values.shared) : SHARED_KERAS;
  if (!fs.existsSync(path.join(shared, OARRIAGA_MODELS[0].sourceFile))) {
    console.error(`models: the Keras originals are not in ${shared} (give --shared <dir> holding ${OARRIAGA_MODELS.map((m) => m.sourceFile).join(', ')})`);
    process.exit(1);
  }
  let stale = 0;
  for (const spec of OARRIAGA_MODELS) {
    const dest = path.join(MODELS_DIR, spec.id);
    const prevPath = path.join(dest, 'manifest.json');
    const prev = fs.existsSync(prevPath) ? (JSON.parse(fs.readFileSync(prevPath, 'utf8')) as Record<string, unknown>) : {};
    const carry = Object.fromEntries(['card', 'calibration'].filter((k) => k in prev).map((k) => [k, prev[k]]));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `models-${spec.id}-`));
    try {
      const manifest = convertOne(spec, shared, tmp, carry);
      if (values.check) {
        const same = fs.existsSync(dest) && JSON.stringify(folderDigest(tmp)) === JSON.stringify(folderDigest(dest));
        console.log(`${spec.id}: ${same ? 'up to date' : 'STALE (run npm run models)'}`);
        if (!same) stale++;
        continue;
      }
      fs.rmSync(dest, { recursive: true, force: true });
      fs.cpSync(tmp, dest, { recursive: true });
      const sha = (manifest.provenance as Record<string, string>).sourceSha256;
      console.log(`${spec.id}: ${spec.sourceFile} (sha256 ${sha.slice(0, 12)}…) → models/${spec.id}/ [${Object.keys(manifest.sha256 as object).join(', ')}]`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (values.check) process.exit(stale ? 1 : 0);
  updateSums(OARRIAGA_MODELS.map((m) => m.id));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
