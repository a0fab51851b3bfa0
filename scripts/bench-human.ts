// npm run bench:human: the reference the issue compares against, @vladmandic/human 3.3.6 with
// face detection and emotion only, on the same fixture, browser flags and frame count as
// `npm run bench`. Human is not a dependency of the app: the first run installs it (43 MB, with
// its models) into .cache/human. Usage: npm run bench:human -- [--backend wasm|webgl] [--frames N]
// [--fixture FILE.y4m] [--json]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { BenchArgError, parseBenchArgs } from '../src/bench/args.ts';
import { serveStatic } from '../src/bench/server.ts';
import { round, summarize, type FrameTiming } from '../src/bench/stats.ts';
import { ensureFixture } from '../src/fixture/samples.ts';

const HUMAN_VERSION = '3.3.6';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = resolve(ROOT, '.cache', 'human');
const SITE = resolve(ROOT, '.cache', 'human-site');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Human's bundle is not written for our CSP; only what threaded WASM needs.
const HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };

declare global {
  interface Window {
    timings: (FrameTiming & { faces: number })[];
    firstResultMs?: number;
    backendInfo?: string;
  }
}

function ensureHuman(log: (s: string) => void): string {
  const pkg = resolve(CACHE, 'node_modules', '@vladmandic', 'human');
  if (!existsSync(resolve(pkg, 'dist', 'human.esm.js'))) {
    log(`installing @vladmandic/human@${HUMAN_VERSION} into ${CACHE} (first run only) …`);
    mkdirSync(CACHE, { recursive: true });
    execFileSync('npm', ['install', '--prefix', CACHE, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `@vladmandic/human@${HUMAN_VERSION}`], { stdio: 'inherit' });
  }
  return pkg;
}

/** The harness page, Human's bundle and models, and our tfjs WASM binaries (same tfjs 4.22). */
function buildSite(human: string): void {
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(SITE, { recursive: true });
  cpSync(resolve(ROOT, 'scripts', 'human-harness'), SITE, { recursive: true });
  symlinkSync(resolve(human, 'dist'), resolve(SITE, 'human'));
  symlinkSync(resolve(human, 'models'), resolve(SITE, 'models'));
  symlinkSync(resolve(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'), resolve(SITE, 'wasm'));
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
    if (args.backend !== 'wasm' && args.backend !== 'webgl') throw new BenchArgError('--backend must be wasm or webgl for Human');
  } catch (e) {
    if (!(e instanceof BenchArgError)) throw e;
    process.stderr.write(`bench:human: ${e.message}\n`);
    return 2;
  }
  const log = (s: string) => !args.json && process.stderr.write(`${s}\n`);
  buildSite(ensureHuman(log));
  const fixture = resolve(args.fixture ?? (await ensureFixture('three-faces')));
  const server = await serveStatic(SITE, 0, HEADERS);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fixture}`, '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    log(`Human ${HUMAN_VERSION} on ${args.backend}, ${fixture}: ${args.frames} frames after ${args.warmup} …`);
    await page.goto(`${server.url}/?backend=${args.backend}`);
    const needed = args.warmup + args.frames;
    await page
      .waitForFunction((n) => window.timings && window.timings.length >= n, needed, { timeout: args.timeoutS * 1000, polling: 500 })
      .catch((e: unknown) => {
        throw new Error(`Human did not process ${needed} frames: ${e instanceof Error ? e.message : e}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
      });
    const all = await page.evaluate(() => window.timings);
    const [backend, firstResultMs] = await page.evaluate(() => [window.backendInfo ?? '', window.firstResultMs ?? NaN] as const);
    const s = summarize(all.slice(args.warmup, needed).map((t) => ({ ...t, uploadMs: 0, detectMs: 0, classifyMs: 0, detected: true })));
    const result = { lib: `@vladmandic/human ${HUMAN_VERSION}`, backend, frames: s.frames, facesPerFrame: round(s.facesPerFrame, 2), p50Ms: round(s.p50Ms), p95Ms: round(s.p95Ms), fps: round(s.fps), firstResultMs: round(firstResultMs, 0), tensorsStart: s.tensorsStart, tensorsEnd: s.tensorsEnd };
    if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(Object.entries(result).map(([k, v]) => `${k.padEnd(16)}${v}`).join('\n') + '\n');
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench:human: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
