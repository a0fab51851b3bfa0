// npm run stability -- --browser [--seconds S] [--query k=v&…] [--backend auto|webgl|wasm|cpu] [--json] [--keep-samples FILE]
// What a user sees: the production build in Debian's Chromium, a y4m made from the real clips
// (../shared/videos) playing as the fake webcam, the shown label read from
// window.emotionApp.getLatest() every 50 ms in the page.
//  - held expressions: each clip's held part played forward then backward (Chromium loops the file;
//    forward+backward makes the loop point seamless, so every pass is one held expression); label
//    changes per 100 samples taken 250 ms apart over S seconds;
//  - cuts: the held parts of two clips back to back, the second one marked by a white square in the
//    letterbox corner (read from the <video> in the page), looped A B A B; reaction = time from the
//    cut until the label is one that clip's display shows at the same moment of the clip when the
//    clip plays alone (its held run: the frames carry their place in the clip in a row of squares in
//    the letterbox; labels of ≥ 20 % of the samples within ±250 ms, forward passes) and stays so for
//    0.5 s. A clip whose reading drifts (fear: surprise first, then neutral) is thus judged against its
//    reading at that moment. Cuts where the old label is one the new clip shows in its first 0.5 s are not timed.
// The y4m files live in a temporary folder and are removed afterwards; nothing derived from the
// clips is written into the project.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { chromiumPath, fakeCameraArgs } from '../e2e/browser.ts';
import { buildIsStale, viteBuild } from '../src/bench/build.ts';
import { serveStatic } from '../src/bench/server.ts';
import { changesPer100Samples, clipFromMarker, cutArgs, cutReactions, labelsAlongClip, MARKER, ownLabels, pingPongArgs, POSITION, positionFromMarker, Y4M, resample, type ClipPart, type CutReaction, type TimedSample } from '../src/eval/stability-browser.ts';
import { videoUnavailable, withTempDir } from '../src/eval/video.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.resolve(ROOT, '.cache', 'stability-dist');
const DENSE_MS = 50;
const GLANCE_MS = 250;

export interface BrowserOptions {
  videos: string;
  /** Seconds from which each clip's expression holds (clip name → s). */
  holdFrom: Record<string, number>;
  args: string[];
}

interface Run {
  samples: TimedSample[];
  backend: string;
  model: string;
  quality: string | null;
  updatesPerS: number;
}

function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Opens the app with `y4m` as the camera and samples the shown label every DENSE_MS for `seconds`. */
async function sampleRun(url: string, y4m: string, seconds: number, labelOf: (clip: number) => string): Promise<Run> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: fakeCameraArgs(y4m) });
  try {
    const page: Page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page
      .waitForFunction(() => (window.emotionApp?.getLatest()?.faces.length ?? 0) > 0, null, { timeout: 180_000, polling: 100 })
      .catch((e: unknown) => {
        throw new Error(`no face label in ${labelOf(0)} within 180 s: ${e instanceof Error ? e.message : e}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
      });
    // Let the first seconds (backend probing, first detector runs) pass before measuring.
    await page.waitForTimeout(3000);
    const raw = await page.evaluate(
      async ({ ms, every, size, position }) => {
        const video = document.querySelector('video');
        const canvas = document.createElement('canvas');
        canvas.width = 1;
        canvas.height = 1;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        const strip = document.createElement('canvas');
        strip.width = position.bits * position.size;
        strip.height = position.size;
        const sctx = strip.getContext('2d', { willReadFrequently: true })!;
        const out: { t: number; label: string | null; rgb: [number, number, number]; bits: [number, number, number][]; score?: number; probs?: Record<string, number>; frame: number }[] = [];
        const t0 = performance.now();
        while (performance.now() - t0 < ms) {
          const latest = window.emotionApp.getLatest();
          // The largest face (the clips show one person).
          const face = latest?.faces.slice().sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
          let rgb: [number, number, number] = [0, 0, 0];
          const bits: [number, number, number][] = [];
          if (video && video.videoWidth) {
            const k = video.videoWidth / 640; // the y4m is 640 wide; the camera may scale it
            ctx.drawImage(video, (size / 4) * k, (size / 4) * k, (size / 2) * k, (size / 2) * k, 0, 0, 1, 1);
            const d = ctx.getImageData(0, 0, 1, 1).data;
            rgb = [d[0], d[1], d[2]];
            sctx.drawImage(video, position.x * k, 0, strip.width * k, strip.height * k, 0, 0, strip.width, strip.height);
            const p = sctx.getImageData(0, 0, strip.width, strip.height).data;
            for (let b = 0; b < position.bits; b++) {
              const o = ((position.size >> 1) * strip.width + b * position.size + (position.size >> 1)) * 4;
              bits.push([p[o], p[o + 1], p[o + 2]]);
            }
          }
          out.push({ t: performance.now(), label: face ? face.emotion : null, rgb, bits, score: face?.score, probs: face?.probs, frame: latest?.frame ?? -1 });
          await new Promise((r) => setTimeout(r, every));
        }
        return out;
      },
      { ms: seconds * 1000, every: DENSE_MS, size: MARKER.size, position: POSITION },
    );
    const backend = (await page.locator('[data-testid="backend"]').getAttribute('data-backend')) ?? '?';
    const model = ((await page.locator('[data-testid="model-name"]').first().textContent().catch(() => null)) ?? '?').trim();
    const q = page.locator('[data-testid="quality"]');
    const quality = (await q.count()) ? ((await q.first().getAttribute('data-quality')) ?? (await q.first().textContent())) : null;
    const frames = raw.filter((s) => s.frame >= 0);
    const updatesPerS = frames.length > 1 ? ((frames[frames.length - 1].frame - frames[0].frame) * 1000) / (frames[frames.length - 1].t - frames[0].t) : 0;
    return { samples: raw.map((s) => ({ t: s.t, label: s.label, clip: clipFromMarker(s.rgb), pos: s.bits.length ? positionFromMarker(s.bits) : undefined, score: s.score, probs: s.probs })), backend, model, quality, updatesPerS };
  } finally {
    await browser.close();
  }
}

export async function runBrowser(opts: BrowserOptions): Promise<void> {
  const { args } = opts;
  const json = args.includes('--json');
  const log = (m: string) => {
    if (!json) process.stderr.write(`${m}\n`);
  };
  const skip = videoUnavailable(opts.videos);
  if (skip) {
    console.log(`stability --browser: skipped, ${skip}`);
    return;
  }
  const seconds = Number(valueOf(args, '--seconds') ?? 20);
  const query = new URLSearchParams(valueOf(args, '--query') ?? '');
  query.set('backend', valueOf(args, '--backend') ?? query.get('backend') ?? 'auto');
  const files = fs
    .readdirSync(opts.videos)
    .filter((f) => f.endsWith('.mp4'))
    .sort();
  const parts: (ClipPart & { name: string })[] = files.map((f) => {
    const name = path.basename(f, '.mp4');
    return { name, file: path.join(opts.videos, f), from: opts.holdFrom[name] ?? 0 };
  });

  if (buildIsStale(ROOT, OUT_DIR)) {
    log(`building the app into ${OUT_DIR} …`);
    log(`built in ${(viteBuild(ROOT, OUT_DIR) / 1000).toFixed(1)} s`);
  }
  const server = await serveStatic(OUT_DIR);
  const url = `${server.url}/?${query}`;
  const keep = valueOf(args, '--keep-samples');
  try {
    await withTempDir(async (tmp) => {
      const held: { clip: string; changes: number; samples: number; per100: number; settled: string[]; labels: string; run: Run }[] = [];
      for (const p of parts) {
        const y4m = path.join(tmp, `${p.name}-pingpong.y4m`);
        execFileSync('ffmpeg', pingPongArgs(p, y4m));
        log(`${p.name}: held part from ${p.from} s, forward then backward; sampling ${seconds} s …`);
        const run = await sampleRun(url, y4m, seconds, () => p.name);
        fs.rmSync(y4m);
        const glance = resample(run.samples, GLANCE_MS);
        const c = changesPer100Samples(glance);
        held.push({ clip: p.name, ...c, settled: ownLabels(run.samples), labels: glance.map((s) => s.label ?? '-').join(' '), run });
        log(`  ${run.backend}, ${run.quality ?? run.model}, ${run.updatesPerS.toFixed(1)} updates/s: ${c.changes} changes in ${c.samples} samples = ${c.per100.toFixed(1)}/100`);
      }
      // What each clip's display shows at each moment of the clip when played alone (its held run).
      const along = new Map(held.map((h) => [h.clip, labelsAlongClip(h.run.samples, Y4M.fps)]));
      const cuts: (CutReaction & { fromClip: string; toClip: string })[] = [];
      const pairRuns: { a: string; b: string; run: Run }[] = [];
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          const a = parts[i];
          const b = parts[j];
          const y4m = path.join(tmp, `${a.name}+${b.name}.y4m`);
          execFileSync('ffmpeg', cutArgs(a, b, y4m));
          log(`cut ${a.name} ⇄ ${b.name}: sampling ${seconds} s …`);
          const run = await sampleRun(url, y4m, seconds, (k) => (k ? b.name : a.name));
          fs.rmSync(y4m);
          pairRuns.push({ a: a.name, b: b.name, run });
          const names = [a.name, b.name];
          for (const r of cutReactions(run.samples, (clip, ms) => along.get(names[clip])?.(ms) ?? [], 500)) {
            cuts.push({ ...r, fromClip: names[r.from], toClip: names[r.to] });
          }
        }
      }
      const timed = cuts.filter((c) => !c.sameLabel);
      const ms = timed.map((c) => c.ms).filter((m): m is number => m !== null).sort((x, y) => x - y);
      const first = held[0]?.run;
      const summary = {
        mode: 'browser',
        url,
        backend: first?.backend,
        model: first?.model,
        quality: first?.quality,
        updatesPerS: held.map((h) => Math.round(h.run.updatesPerS * 10) / 10),
        secondsPerRun: seconds,
        held: held.map(({ run: _run, ...h }) => h),
        changesPer100Mean: held.reduce((s, h) => s + h.per100, 0) / Math.max(1, held.length),
        changesPer100Max: Math.max(...held.map((h) => h.per100)),
        cuts: cuts.map((c) => ({ from: c.fromClip, to: c.toClip, before: c.before, target: c.target, ms: c.ms, sameLabel: c.sameLabel })),
        reactionMsMedian: ms.length ? ms[Math.floor(ms.length / 2)] : null,
        reactionMsMax: ms.length ? ms[ms.length - 1] : null,
        cutsTimed: timed.length,
        cutsNeverSettled: timed.length - ms.length,
      };
      if (keep) fs.writeFileSync(keep, JSON.stringify({ summary, held: held.map((h) => ({ clip: h.clip, samples: h.run.samples })), pairs: pairRuns.map((p) => ({ a: p.a, b: p.b, samples: p.run.samples })) }));
      if (json) {
        console.log(JSON.stringify(summary));
        return;
      }
      console.log(`browser: ${url}; backend ${summary.backend}; model ${summary.model}${summary.quality ? `; quality ${summary.quality}` : ' (no quality level shown by the page)'}; ${seconds} s per run`);
      console.log(`held expressions, label every ${GLANCE_MS} ms (mean ${summary.changesPer100Mean.toFixed(1)}, worst ${summary.changesPer100Max.toFixed(1)} changes/100 samples):`);
      for (const h of held) console.log(`  ${h.clip.padEnd(16)} ${h.per100.toFixed(1).padStart(5)}/100 (${h.changes} in ${h.samples}; ${h.run.updatesPerS.toFixed(1)} updates/s; shows ${h.settled.join('/')})  ${h.labels}`);
      console.log(`reaction after a cut (label held 0.5 s): median ${summary.reactionMsMedian ?? '-'} ms, worst ${summary.reactionMsMax ?? '-'} ms, never ${summary.cutsNeverSettled}/${summary.cutsTimed}`);
      for (const c of cuts) console.log(`  ${c.fromClip} → ${c.toClip}: ${c.before} → ${c.target.join('/')}: ${c.sameLabel ? 'same label, not timed' : c.ms === null ? 'never' : `${c.ms} ms`}`);
    });
  } finally {
    await server.close();
  }
}
