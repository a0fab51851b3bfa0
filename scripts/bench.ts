// npm run bench: end-to-end speed of the production app in headless Chromium with a fake webcam.
// Usage: npm run bench -- [--fixture FILE.y4m] [--frames N] [--backend auto|webgl|wasm|cpu] [--json]
// (see --help). Prints one JSON line with --json, a table otherwise.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BENCH_USAGE, BenchArgError, isFixtureName, parseBenchArgs, type BenchArgs } from '../src/bench/args.ts';
import { buildIsStale, viteBuild } from '../src/bench/build.ts';
import { serveStatic } from '../src/bench/server.ts';
import { round, summarize, summarizeLongTasks, type FrameTiming, type LongTask } from '../src/bench/stats.ts';
import { ensureFixture } from '../src/fixture/samples.ts';
import { MARK_PREFIX } from '../src/startup/marks.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = resolve(ROOT, '.cache', 'bench-dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Records when the first face label appears, from before any page script runs.
const FIRST_LABEL_PROBE = `(() => {
  const check = () => {
    if (window.__benchFirstLabelMs === undefined && document.querySelector('[data-testid="face-result"]')) {
      window.__benchFirstLabelMs = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });
  // Main-thread tasks over 50 ms (the page froze that long), from the very start.
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API: the bench reports none measured
  }
})();`;

declare global {
  interface Window {
    __benchFirstLabelMs?: number;
    __benchLongTasks?: LongTask[];
  }
}

function log(args: BenchArgs, msg: string): void {
  if (!args.json) process.stderr.write(`${msg}\n`);
}

async function firstLabel(page: Page, url: string, timeoutMs: number, errors: string[]): Promise<number> {
  await page.goto(url);
  const appError = page.locator('[data-testid="error"]');
  await Promise.race([
    page.waitForFunction(() => window.__benchFirstLabelMs !== undefined, null, { timeout: timeoutMs, polling: 50 }),
    appError.waitFor({ timeout: timeoutMs }).then(async () => {
      throw new Error(`the app showed an error: ${await appError.textContent()}`);
    }),
  ]).catch((e: unknown) => {
    throw new Error(`no face label within ${timeoutMs / 1000} s: ${e instanceof Error ? e.message : e}${errors.length ? `\npage errors:\n${errors.join('\n')}` : ''}`);
  });
  return page.evaluate(() => window.__benchFirstLabelMs!);
}

/** Polls the page's timing log until `needed` frames were processed (or the deadline passes). */
async function collectFrames(page: Page, needed: number, deadline: number): Promise<FrameTiming[]> {
  const byFrame = new Map<number, FrameTiming>();
  let last = -1;
  while (byFrame.size < needed && Date.now() < deadline) {
    const fresh = await page.evaluate((after) => window.emotionApp.getTimings().filter((t) => t.frame > after), last);
    for (const t of fresh) {
      byFrame.set(t.frame, t);
      last = Math.max(last, t.frame);
    }
    if (byFrame.size < needed) await new Promise((r) => setTimeout(r, 250));
  }
  return [...byFrame.values()].sort((a, b) => a.frame - b.frame);
}

/** JS heap in use after a forced full GC (MB): comparable across the run, unlike performance.memory. */
async function heapAfterGcMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof BenchArgError)) throw e;
    process.stderr.write(`bench: ${e.message}\n\n${BENCH_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const named = args.fixture === undefined ? 'three-faces' : isFixtureName(args.fixture) ? args.fixture : null;
  const fixture = resolve(named ? await ensureFixture(named) : args.fixture!);
  if (!existsSync(fixture)) throw new Error(`fixture not found: ${fixture}`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);

  if (args.build === 'always' || (args.build === 'auto' && buildIsStale(ROOT, OUT_DIR))) {
    log(args, `building the app into ${OUT_DIR} …`);
    log(args, `built in ${(viteBuild(ROOT, OUT_DIR) / 1000).toFixed(1)} s`);
  } else if (!existsSync(resolve(OUT_DIR, 'index.html'))) {
    throw new Error(`no build in ${OUT_DIR}: run without --build never`);
  }

  const server = await serveStatic(OUT_DIR);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fixture}`,
        '--enable-unsafe-swiftshader',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--enable-precise-memory-info', // exact performance.memory instead of bucketed values
      ],
    });
    const query = new URLSearchParams(args.query);
    query.set('backend', args.backend);
    const url = `${server.url}/?${query}`;
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(FIRST_LABEL_PROBE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    log(args, `opening ${url} with ${fixture}`);
    const timeoutMs = args.timeoutS * 1000;
    const firstResultMs = await firstLabel(page, url, Math.min(timeoutMs, 120_000), errors);
    const backendEl = page.locator('[data-testid="backend"]');
    const backend = (await backendEl.getAttribute('data-backend')) ?? '';
    const backendReason = (await backendEl.getAttribute('title')) ?? '';
    log(args, `first label after ${firstResultMs.toFixed(0)} ms on ${backend} (${backendReason}); measuring ${args.frames} frames after ${args.warmup} warm-up frames …`);

    const startup = await page.evaluate((prefix) => performance.getEntriesByType('mark').filter((m) => m.name.startsWith(prefix)).map((m) => [m.name.slice(prefix.length), Math.round(m.startTime)] as const), MARK_PREFIX);
    log(args, `start-up: ${startup.map(([n, t]) => `${n} ${t}`).join(' → ')} ms`);
    const heapStartMb = await heapAfterGcMb(page);
    // The quality level (auto may move it) when measuring starts and when it ends, with auto's reason.
    const qualityNow = () => page.evaluate(() => window.emotionApp.getQuality?.() ?? null);
    const qualityStart = await qualityNow();
    const all = await collectFrames(page, args.warmup + args.frames, Date.now() + timeoutMs);
    const qualityEnd = await qualityNow();
    const heapEndMb = await heapAfterGcMb(page);
    // Read again: on a first visit 'auto' may have started on WASM before its GPU check was back.
    const backendNow = (await backendEl.getAttribute('data-backend')) ?? backend;
    const reasonNow = (await backendEl.getAttribute('title')) ?? backendReason;
    const measured = all.filter((f) => f.frame >= args.warmup).slice(0, args.frames);
    if (measured.length < 2) throw new Error(`only ${measured.length} frames measured within ${args.timeoutS} s${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
    const complete = measured.length === args.frames;
    const jsHeapMb = await page.evaluate(() => {
      const m = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
      return m ? m.usedJSHeapSize / 2 ** 20 : NaN;
    });
    const s = summarize(measured);
    // Long tasks while the measured frames ran (start-up and warm-up excluded).
    const longTaskLog = await page.evaluate(() => window.__benchLongTasks ?? null);
    const lt = longTaskLog ? summarizeLongTasks(longTaskLog, measured[0].endMs - measured[0].totalMs, measured[measured.length - 1].endMs) : null;

    // Same context again: HTTP cache warm (hashed assets from cache, models/wasm revalidated by ETag).
    let firstResultCachedMs: number | null = null;
    let cachedRevalidated = 0;
    if (args.cached) {
      const before = server.log.length;
      firstResultCachedMs = await firstLabel(page, url, Math.min(timeoutMs, 120_000), errors);
      cachedRevalidated = server.log.slice(before).filter((r) => r.status === 304).length;
    }
    await context.close();

    const result = {
      backend: backendNow,
      frames: s.frames,
      facesPerFrame: round(s.facesPerFrame, 2),
      p50Ms: round(s.p50Ms),
      p95Ms: round(s.p95Ms),
      fps: round(s.fps),
      firstResultMs: round(firstResultMs, 0),
      firstResultCachedMs: firstResultCachedMs === null ? null : round(firstResultCachedMs, 0),
      tensorsStart: s.tensorsStart,
      tensorsEnd: s.tensorsEnd,
      jsHeapMb: round(jsHeapMb),
      /** Heap growth over the measured frames, both ends after a full GC (a leak shows here). */
      jsHeapGrowthMb: round(heapEndMb - heapStartMb),
      detectRatio: round(s.detectRatio, 3),
      uploadP50Ms: round(s.uploadP50Ms),
      classifyP50Ms: round(s.classifyP50Ms),
      detectP50Ms: round(s.detectP50Ms),
      longTasks: lt?.count ?? null,
      longestTaskMs: lt ? round(lt.longestMs, 0) : null,
      longTasksOver100: lt?.over100 ?? null,
      longTasksPerMinute: lt ? round(lt.perMinute) : null,
      backendReason: reasonNow,
      qualityStart: qualityStart?.level ?? null,
      quality: qualityEnd?.level ?? null,
      qualitySetting: qualityEnd?.setting ?? null,
      qualityReason: qualityEnd?.reason ?? null,
      complete,
    };
    if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      const rows: [string, string][] = [
        ['backend', `${backendNow} (${reasonNow})`],
        ['quality', qualityEnd ? `${qualityEnd.level ?? 'user model'} (${qualityEnd.setting}; at the start ${qualityStart?.level ?? '?'}): ${qualityEnd.reason}` : 'not reported'],
        ['fixture', fixture],
        ['frames measured', `${s.frames}${complete ? '' : ` of ${args.frames} (timed out)`} after ${args.warmup} warm-up`],
        ['faces per frame', result.facesPerFrame.toString()],
        ['p50 per frame', `${result.p50Ms} ms`],
        ['p95 per frame', `${result.p95Ms} ms`],
        ['processed fps', result.fps.toString()],
        ['detector ran on', `${(s.detectRatio * 100).toFixed(0)} % of frames`],
        ['stage medians', `pixels ${result.uploadP50Ms} ms · classify ${result.classifyP50Ms} ms · detect ${result.detectP50Ms} ms (frames it ran on)`],
        ['long tasks (> 50 ms)', lt ? `${lt.count} while measuring (${round(lt.perMinute)}/min), longest ${result.longestTaskMs} ms, ${lt.over100} over 100 ms` : 'not measured (no Long Tasks API)'],
        ['first result (fresh)', `${result.firstResultMs} ms`],
        ['first result (cached)', firstResultCachedMs === null ? 'not measured' : `${result.firstResultCachedMs} ms (${cachedRevalidated} revalidated, 304)`],
        ['tensors start → end', `${s.tensorsStart} → ${s.tensorsEnd}`],
        ['JS heap', `${result.jsHeapMb} MB`],
        ['JS heap growth (GC’d)', `${round(heapStartMb)} → ${round(heapEndMb)} MB (${result.jsHeapGrowthMb >= 0 ? '+' : ''}${result.jsHeapGrowthMb} MB)`],
      ];
      const w = Math.max(...rows.map((r) => r[0].length));
      process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
    }
    return complete ? 0 : 3;
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
