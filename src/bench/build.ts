// Keeps the benchmark's own production build (.cache/bench-dist) up to date. It is separate from
// dist/ so a bench run never races with someone else's `npm run build` in the same checkout.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Inputs of `vite build`: a change in any of them makes the bench build stale. */
const INPUTS = ['src', 'build', 'models', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];
const STAMP = '.bench-stamp';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

export function buildIsStale(root: string, outDir: string): boolean {
  const stamp = join(outDir, STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return INPUTS.some((p) => newestMtime(join(root, p)) > built);
}

/** Runs `vite build --outDir outDir`; returns the build time in ms. Throws with vite's output on failure. */
export function viteBuild(root: string, outDir: string): number {
  const t0 = performance.now();
  const r = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  writeFileSync(join(outDir, STAMP), new Date().toISOString());
  return performance.now() - t0;
}
