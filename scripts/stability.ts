// npm run stability [-- --frames N] [--json] [--quality q | --model id] [--videos DIR | --no-video] [--save F | --replay F] [--sweep] [--detect-every k]
//   (or -- --bench: ms per 3-face frame per quality level;
//    or -- --browser: the real clips as the fake webcam of the production build, see stability-browser.ts)
// 1. Generated videos from the face-api sample photos (node_modules/@vladmandic/face-api/demo/sample*.jpg):
//    each face is framed at 640×480 and shown for N frames with small jitter (position, scale) and
//    sensor noise. Flicker = changes of the shown label per 100 frames on those still-expression
//    clips; reaction = frames until the shown label follows a cut to a face with another expression.
// 2. Real clips (../shared/videos/*.mp4, one person holding one expression; decoded with ffmpeg into
//    a temporary folder at 30 fps, skipped with a message without ffmpeg or clips): label changes per
//    100 samples taken 250 ms apart while the expression holds (the held part forward, backward,
//    forward, backward: a seamless loop, as --browser plays it), and the time until the new label
//    shows after a cut from one clip to another (target ≤ 0.5 s).
// The pipeline (a quality level, default: what auto starts with; smoothing off) classifies every
// frame once; the raw results are replayed through the app's tracker with the default smoothing and
// alternatives, so every smoothing is judged on the same frames.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { fileURLToPath } from 'node:url';
import { initNodeBackend, MODELS_DIR } from '../src/node/tf-node';
import { buildEvalPipeline, loadDetector } from '../src/eval/runner';
import { loadImage as readImage } from '../src/imageio/index.ts';
import { changesPer100, flickerPer100, majorityLabel, mostShown, reactionFrames, reactionToCut, replayLabels, rng, sampleLabels, type RawFrame } from '../src/eval/stability';
import { decodeClip, videoUnavailable, withTempDir } from '../src/eval/video';
import { runBrowser } from './stability-browser';
import { DEFAULT_PIPELINE_SETTINGS, type EmotionPipeline } from '../src/pipeline/pipeline';
import { DEFAULT_SMOOTHING, HOLD_FRAMES, type SmoothingSettings } from '../src/tracking/tracker';
import type { Box } from '../src/detection/types';
import { fileModelSource } from '../src/models/node-source';
import { loadIndex, resolveModel } from '../src/models/registry';
import { EmotionClassifier } from '../src/classify/classifier';
import { AUTO } from '../src/quality/levels';
import { AutoQuality } from '../src/quality/auto';
import { qualityModelsFrom, type QualityModels } from '../src/quality/quality-models';

const W = 640;
const H = 480;

const args = process.argv.slice(2);
const json = args.includes('--json');
const fi = args.indexOf('--frames');
const FRAMES = fi >= 0 ? Math.max(20, Number(args[fi + 1]) || 90) : 90;
const CUT = Math.floor(FRAMES / 2);
const valueOf = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const VIDEOS = valueOf('--videos') ?? path.resolve(fileURLToPath(new URL('../', import.meta.url)), '../shared/videos');
/** Real clips decode at the camera's usual rate. */
const VIDEO_FPS = 30;
/**
 * Where each clip's expression starts to hold, in seconds (from ../shared/videos/README.md: the
 * disgust clip starts close to neutral and squints from about 1.5 s; 0.5 s more for the change).
 */
const HOLD_FROM: Record<string, number> = { studio_disgust: 2 };

/** The pipeline's settings for collecting: no smoothing (the raw results are replayed); --detect-every k. */
const RAW = {
  smoothing: { alpha: 1, hysteresis: 0, uncertainBelow: 0 },
  ...(valueOf('--detect-every') ? { detectEvery: Math.max(1, Number(valueOf('--detect-every'))) } : {}),
};

/** The quality level's ensemble (default: the app's default quality; auto = the level it starts with). */
async function loadLevel(asked?: string): Promise<{ models: QualityModels; level: string; pipelineFor: () => Promise<EmotionPipeline> }> {
  const index = await loadIndex(fileModelSource(MODELS_DIR));
  if (!index.quality) throw new Error('models/index.json has no quality levels');
  const q = asked ?? index.defaults.quality ?? AUTO;
  const id = q === AUTO ? new AutoQuality(index.quality, index.defaults.autoStart).decide(1, 1000 / 30).level : q;
  const models = qualityModelsFrom(fileModelSource(MODELS_DIR), index.quality);
  const loaded = await models.loadLevel(id);
  return {
    models,
    level: loaded.level.id,
    pipelineFor: async () => buildEvalPipeline(loaded.ensemble, RAW),
  };
}

/** --model ID: one model of models/index.json alone (e.g. big-xception, what the page ran before quality levels). */
async function loadModel(id: string): Promise<{ models: { dispose(): Promise<void> | void }; level: string; pipelineFor: () => Promise<EmotionPipeline> }> {
  const ref = await resolveModel(fileModelSource(MODELS_DIR), id);
  const classifier = await EmotionClassifier.load(ref.manifest, ref.model);
  return {
    models: { dispose: () => undefined }, // the pipeline disposes its classifier
    level: `model ${id}`,
    pipelineFor: async () => buildEvalPipeline(classifier, RAW),
  };
}

const demo = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');

/** One frame: a 4:3 window around the face (face ≈ 1/4 of the width), jittered, plus noise. */
function renderFrame(photo: tf.Tensor4D, face: Box, rand: () => number): tf.Tensor3D {
  const [, ph, pw] = photo.shape;
  return tf.tidy(() => {
    const scale = 1 + (rand() - 0.5) * 0.04; // ±2 % zoom
    const winW = face.width * 4 * scale;
    const winH = (winW * H) / W;
    const cx = face.x + face.width / 2 + (rand() - 0.5) * 0.03 * winW; // ±1.5 % shift
    const cy = face.y + face.height / 2 + (rand() - 0.5) * 0.03 * winH;
    const box = [(cy - winH / 2) / ph, (cx - winW / 2) / pw, (cy + winH / 2) / ph, (cx + winW / 2) / pw];
    const img = tf.image.cropAndResize(photo, [box], [0], [H, W], 'bilinear', 128);
    const noisy = tf.add(img, tf.randomNormal([1, H, W, 3], 0, 4, 'float32', Math.floor(rand() * 1e9)));
    return tf.cast(tf.clipByValue(tf.round(tf.squeeze(noisy, [0])), 0, 255), 'int32') as tf.Tensor3D;
  });
}

/**
 * --bench: ms per frame of EmotionPipeline.process on sample1.jpg (3 faces) scaled to 640 px wide,
 * for the candidate crop/model configurations (median of the timed runs after warm-up).
 */
async function bench(): Promise<void> {
  await initNodeBackend('wasm');
  const img = await readImage(path.join(demo, 'sample1.jpg'));
  const frame = tf.tidy(() => {
    const t = tf.cast(tf.browser.fromPixels({ ...img, data: img.data as unknown as Uint8ClampedArray } as ImageData), 'float32') as tf.Tensor3D;
    const h = Math.round((img.height * 640) / img.width);
    return tf.cast(tf.image.resizeBilinear(t, [h, 640], false, true), 'int32') as tf.Tensor3D;
  });
  const source = fileModelSource(MODELS_DIR);
  const index = await loadIndex(source);
  const levels = index.quality ?? [];
  const models = qualityModelsFrom(source, levels);
  // Reference: the previous default, Human's graph-model conversion of big-Xception alone.
  const ref = await resolveModel(source, 'emotion-xception');
  const configs = [
    { name: 'previous default (emotion-xception)', pipeline: await buildEvalPipeline(await EmotionClassifier.load(ref.manifest, ref.model)) },
    ...(await Promise.all(levels.map(async (l) => ({ name: `quality ${l.id}`, pipeline: await buildEvalPipeline(await models.ensemble(l.id)) })))),
  ];
  const rounds = 6;
  const perRound = 8; // detector every 4 frames: two full cycles per round
  const total = configs.map(() => [] as number[]);
  const classify = configs.map(() => [] as number[]);
  let faces = 0;
  for (const c of configs) for (let i = 0; i < 4; i++) await c.pipeline.process(frame); // warm-up
  // Interleaved rounds, so a busy spell of the shared machine hits every configuration alike.
  for (let r = 0; r < rounds; r++) {
    for (const [k, c] of configs.entries()) {
      for (let i = 0; i < perRound; i++) {
        const res = await c.pipeline.process(frame);
        total[k].push(res.timings.totalMs);
        classify[k].push(res.timings.classifyMs);
        faces = res.faces.length;
      }
    }
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const refTotal = med(total[0]);
  const refClassify = med(classify[0]);
  console.log(`${faces} faces, ${rounds} interleaved rounds of ${perRound} frames (detector every ${DEFAULT_PIPELINE_SETTINGS.detectEvery}); Node WASM; medians`);
  console.log('configuration                          frame p50      classify p50    ratio to previous (frame, classify)');
  configs.forEach((c, k) => {
    console.log(`${c.name.padEnd(38)} ${med(total[k]).toFixed(1).padStart(7)} ms   ${med(classify[k]).toFixed(1).padStart(7)} ms      ${(med(total[k]) / refTotal).toFixed(2)}×, ${(med(classify[k]) / refClassify).toFixed(2)}×`);
  });
  // What auto picks here at 30 fps with these measurements.
  const auto = new AutoQuality(levels, index.defaults.autoStart);
  levels.forEach((l, i) => {
    for (let j = 0; j < total[i + 1].length; j++) auto.record(l.id, faces, classify[i + 1][j], total[i + 1][j]);
  });
  const d = auto.decide(faces, 1000 / 30);
  console.log(`auto at 30 fps picks ${d.level}: ${d.reason}`);
  for (const c of configs) c.pipeline.dispose();
  await models.dispose();
  frame.dispose();
}

interface Collected {
  level: string;
  labels: string[];
  clips: { name: string; frames: (RawFrame | null)[]; label: string | null }[];
  videos: { name: string; frames: (RawFrame | null)[]; holdFrom: number }[];
  videoSkip: string | null;
  frameMs: number;
  videoFrames: number;
}

async function main(): Promise<void> {
  if (args.includes('--bench')) return bench();
  if (args.includes('--browser')) return runBrowser({ videos: VIDEOS, holdFrom: HOLD_FROM, args });
  // --save FILE keeps the raw per-frame results; --replay FILE judges smoothings on them without the models.
  const replay = valueOf('--replay');
  const data: Collected = replay ? (JSON.parse(fs.readFileSync(replay, 'utf8')) as Collected) : await collect();
  const save = valueOf('--save');
  if (save) fs.writeFileSync(save, JSON.stringify(data));
  report(data);
}

async function collect(): Promise<Collected> {
  await initNodeBackend('wasm');
  const detector = await loadDetector();
  // The level's models and default crop settings, but no smoothing: the raw per-frame output is replayed.
  const modelId = valueOf('--model');
  const level = modelId ? await loadModel(modelId) : await loadLevel(valueOf('--quality'));
  const pipeline = await level.pipelineFor();
  const labels = pipeline.labels;
  const clips: { name: string; frames: (RawFrame | null)[]; label: string | null }[] = [];
  const rand = rng(2024);
  let frameMs = 0;
  let videoFrames = 0;
  for (let s = 1; s <= 6; s++) {
    const img = await readImage(path.join(demo, `sample${s}.jpg`));
    const photo = tf.tidy(() => tf.expandDims(tf.cast(tf.browser.fromPixels({ ...img, data: img.data as unknown as Uint8ClampedArray } as ImageData), 'float32'), 0)) as tf.Tensor4D;
    const photo3 = tf.tidy(() => tf.cast(tf.squeeze(photo, [0]), 'int32')) as tf.Tensor3D;
    const faces = await detector.detect(photo3);
    photo3.dispose();
    for (const [k, face] of faces.entries()) {
      const frames: (RawFrame | null)[] = [];
      pipeline.reset();
      for (let f = 0; f < FRAMES; f++) {
        const frame = renderFrame(photo, face.box, rand);
        const t0 = performance.now();
        const r = await pipeline.process(frame);
        frameMs += performance.now() - t0;
        frame.dispose();
        // The face under test is the one nearest the frame centre (neighbours may be in view too).
        const centre = r.faces
          .map((x) => ({ x, d: Math.hypot(x.box.x + x.box.width / 2 - W / 2, x.box.y + x.box.height / 2 - H / 2) }))
          .sort((a, b) => a.d - b.d)[0];
        frames.push(centre && centre.d < W / 8 ? { box: centre.x.box, probs: labels.map((l) => centre.x.probs[l]) } : null);
      }
      clips.push({ name: `sample${s}#${k + 1}`, frames, label: majorityLabel(frames, labels) });
      if (!json) process.stderr.write(`\r${clips.length} faces`);
    }
    photo.dispose();
  }
  if (!json) process.stderr.write('\r');

  // Real clips: every frame through the same pipeline; the face under test is the largest one.
  const videoSkip = args.includes('--no-video') ? 'skipped (--no-video)' : videoUnavailable(VIDEOS);
  const videos: { name: string; frames: (RawFrame | null)[]; holdFrom: number }[] = [];
  if (videoSkip === null) {
    await withTempDir(async (tmp) => {
      for (const file of fs.readdirSync(VIDEOS).filter((f) => f.endsWith('.mp4')).sort()) {
        const clip = decodeClip(path.join(VIDEOS, file), VIDEO_FPS, tmp);
        pipeline.reset();
        const frames: (RawFrame | null)[] = [];
        for (let i = 0; i < clip.frames; i++) {
          const frame = tf.tensor3d(clip.frame(i), [clip.height, clip.width, 3], 'int32');
          const t0 = performance.now();
          const r = await pipeline.process(frame);
          frameMs += performance.now() - t0;
          videoFrames++;
          frame.dispose();
          const largest = [...r.faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
          frames.push(largest ? { box: largest.box, probs: labels.map((l) => largest.probs[l]) } : null);
        }
        videos.push({ name: clip.name, frames, holdFrom: Math.round((HOLD_FROM[clip.name] ?? 0) * VIDEO_FPS) });
        if (!json) process.stderr.write(`\r${clips.length} faces, ${videos.length} clips`);
      }
    });
    if (!json) process.stderr.write('\r');
  }
  pipeline.dispose();
  detector.dispose();
  await level.models.dispose();
  return { level: level.level, labels, clips, videos, videoSkip, frameMs, videoFrames };
}

/** --sweep: the grid of smoothings tried (EMA weight, hysteresis, hold cap, uncertain threshold). */
function sweep(): { name: string; s: SmoothingSettings }[] {
  const out: { name: string; s: SmoothingSettings }[] = [];
  for (const alpha of [0.15, 0.2, 0.25, 0.3, 0.4])
    for (const hysteresis of [0.1, 0.15, 0.2, 0.25])
      for (const maxHold of [5, 10, 20, 45])
        for (const uncertainBelow of [0.2, 0.25]) {
          out.push({ name: `α=${alpha} h=${hysteresis} hold=${maxHold} u=${uncertainBelow}`, s: { alpha, hysteresis, uncertainBelow, maxHold } });
        }
  return out;
}

function report({ level, labels, clips, videos, videoSkip, frameMs, videoFrames }: Collected): void {

  const variants: { name: string; s: SmoothingSettings }[] = [
    { name: 'none (raw argmax)', s: { alpha: 1, hysteresis: 0, uncertainBelow: 0 } },
    { name: `default α=${DEFAULT_SMOOTHING.alpha} h=${DEFAULT_SMOOTHING.hysteresis} u=${DEFAULT_SMOOTHING.uncertainBelow} hold=${DEFAULT_SMOOTHING.maxHold ?? HOLD_FRAMES}`, s: DEFAULT_SMOOTHING },
    { name: 'α=0.2 h=0.15 u=0.3 (previous default)', s: { alpha: 0.2, hysteresis: 0.15, uncertainBelow: 0.3 } },
    { name: 'α=0.25 h=0.15 u=0.25 hold=10 (phase 1)', s: { alpha: 0.25, hysteresis: 0.15, uncertainBelow: 0.25, maxHold: 10 } },
    { name: 'α=0.25 h=0.15 u=0.25 no hold limit', s: { alpha: 0.25, hysteresis: 0.15, uncertainBelow: 0.25, maxHold: Infinity } },
    ...(args.includes('--sweep') ? sweep() : []),
  ];
  const median = (v: number[]) => (v.length ? [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] : null);
  const results = variants.map(({ name, s }) => {
    const flicker = clips.map((c) => flickerPer100(replayLabels(c.frames, labels, s)));
    // Cuts: each clip's first half, then the first half of the next clip with another majority label.
    const reactions: (number | null)[] = [];
    clips.forEach((a, i) => {
      const b = [...clips.slice(i + 1), ...clips.slice(0, i)].find((c) => c.label !== a.label);
      if (!b) return;
      const seq = [...a.frames.slice(0, CUT), ...b.frames.slice(0, CUT)];
      const shown = replayLabels(seq, labels, s);
      // Target: what the same smoothing shows at the end of b's own clip (b's settled label).
      const target = replayLabels(b.frames, labels, s).at(-1);
      if (target) reactions.push(reactionFrames(shown, CUT, target));
    });
    const settled = reactions.filter((r): r is number => r !== null).sort((x, y) => x - y);
    // Real clips: samples 250 ms apart over the held part of each clip.
    // Real clips: the held part forward, backward, forward, backward (as `--browser` plays it: a
    // seamless loop, 4 passes), sampled every 250 ms; one pass alone has only 12–20 samples.
    const held = videos.map((v) => {
      const part = v.frames.slice(v.holdFrom);
      const loop = [...part, ...part.slice().reverse()];
      const shown = replayLabels([...loop, ...loop], labels, s);
      const samples = sampleLabels(shown, VIDEO_FPS, 250);
      return { clip: v.name, changesPer100: changesPer100(samples), samples: samples.length, settled: mostShown(shown) };
    });
    // Cuts between clips: the held part of a, then the held part of b (the same place in the picture:
    // the tracker keeps the id and its history). Reaction: until the display shows, for 0.5 s, what it
    // shows for b played alone from a fresh start. Timed where b's own label differs from a's last one.
    const cuts = videos.flatMap((a) =>
      videos
        .filter((b) => b !== a)
        .map((b) => {
          const aPart = a.frames.slice(a.holdFrom);
          const bPart = b.frames.slice(b.holdFrom);
          const alone = replayLabels(bPart, labels, s);
          const before = replayLabels(aPart, labels, s).at(-1) ?? null;
          const target = mostShown(alone.slice(0, VIDEO_FPS));
          const shown = replayLabels([...aPart, ...bPart], labels, s);
          const f = target !== before ? reactionToCut(shown, aPart.length, alone, VIDEO_FPS / 2) : null;
          return { from: a.name, to: b.name, target, ms: f === null ? null : Math.round((f * 1000) / VIDEO_FPS), sameLabel: target === before };
        }),
    );
    const timed = cuts.filter((c) => !c.sameLabel);
    const ms = timed.map((c) => c.ms).filter((m): m is number => m !== null);
    const perSample = held.map((h) => h.changesPer100);
    return {
      smoothing: name,
      settings: s,
      flickerMean: flicker.reduce((x, y) => x + y, 0) / flicker.length,
      flickerMax: Math.max(...flicker),
      reactionMedian: median(settled),
      reactionMax: settled.length ? settled[settled.length - 1] : null,
      cuts: reactions.length,
      neverSettled: reactions.length - settled.length,
      video: videos.length
        ? {
            changesPer100Mean: perSample.reduce((x, y) => x + y, 0) / perSample.length,
            changesPer100Max: Math.max(...perSample),
            held,
            reactionMsMedian: median(ms),
            reactionMsMax: ms.length ? Math.max(...ms) : null,
            cutsTimed: timed.length,
            cutsNeverSettled: timed.length - ms.length,
            cuts,
          }
        : null,
    };
  });
  const missed = clips.reduce((n, c) => n + c.frames.filter((f) => f === null).length, 0);
  const summary = {
    quality: level,
    faces: clips.length,
    framesPerClip: FRAMES,
    missedFrames: missed,
    msPerFrame: frameMs / (clips.length * FRAMES + videoFrames),
    pipeline: { tta: DEFAULT_PIPELINE_SETTINGS.tta, alignEyes: DEFAULT_PIPELINE_SETTINGS.alignEyes },
    videos: videoSkip ?? videos.map((v) => ({ clip: v.name, frames: v.frames.length, missed: v.frames.filter((f) => f === null).length, holdFromS: v.holdFrom / VIDEO_FPS })),
    results,
  };
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  if (args.includes('--sweep')) {
    // Settings whose slowest reaction on real cuts is ≤ 0.5 s and whose generated-clip flicker and
    // slowest reaction are no worse than phase 1's, by real-clip changes (mean, then worst).
    const base = results.find((r) => r.smoothing.includes('phase 1'))!;
    const ok = results.filter((r) => r.video && r.video.cutsNeverSettled === 0 && (r.video.reactionMsMax ?? Infinity) <= 500 && r.flickerMean <= base.flickerMean + 1e-9 && (r.reactionMax ?? Infinity) <= (base.reactionMax ?? Infinity));
    ok.sort((a, b) => a.video!.changesPer100Mean - b.video!.changesPer100Mean || a.video!.changesPer100Max - b.video!.changesPer100Max);
    console.log(`sweep: ${sweep().length} settings, ${ok.length} pass the reaction and generated-clip limits; best 15:`);
    for (const r of ok.slice(0, 15)) console.log(`  ${r.smoothing.padEnd(40)} real ${r.video!.changesPer100Mean.toFixed(2)} (worst ${r.video!.changesPer100Max.toFixed(1)}), cut ${r.video!.reactionMsMedian}/${r.video!.reactionMsMax} ms; generated ${r.flickerMean.toFixed(2)}/${r.flickerMax.toFixed(2)}, ${r.reactionMedian}/${r.reactionMax} frames`);
    return;
  }
  console.log(`quality ${level}; ${clips.length} faces from the face-api sample photos, ${FRAMES} frames each at ${W}×${H} (jitter ±1.5 %, zoom ±2 %, noise σ 4); face missed in ${missed} frames`);
  console.log(`pipeline ${summary.msPerFrame.toFixed(1)} ms per frame (Node WASM, 1 face in view mostly)`);
  console.log(`clip labels: ${clips.map((c) => `${c.name}=${c.label}`).join(' ')}`);
  if (videoSkip) console.log(`real clips: ${videoSkip}`);
  else console.log(`real clips (${VIDEOS}, ${VIDEO_FPS} fps): ${videos.map((v) => `${v.name} ${v.frames.length} frames, face missed in ${v.frames.filter((f) => f === null).length}, held from ${v.holdFrom / VIDEO_FPS} s`).join('; ')}`);
  console.log('\nsmoothing                               synthetic: flicker/100 frames   reaction, frames @30 fps   |  real clips: changes/100 samples @250 ms   reaction after a cut');
  console.log('                                        mean    max                     median  max  never      |  mean    max    per clip                   median   max   never');
  for (const r of results) {
    const v = r.video;
    const real = v
      ? `${v.changesPer100Mean.toFixed(1).padStart(5)} ${v.changesPer100Max.toFixed(1).padStart(6)}    ${v.held.map((h) => `${h.clip.replace('studio_', '')} ${h.changesPer100.toFixed(1)}→${h.settled}`).join(', ').padEnd(42)} ${String(v.reactionMsMedian ?? '-').padStart(5)}ms ${String(v.reactionMsMax ?? '-').padStart(5)}ms  ${v.cutsNeverSettled}/${v.cutsTimed}`
      : '-';
    console.log(
      `${r.smoothing.padEnd(40)}${r.flickerMean.toFixed(2).padStart(5)} ${r.flickerMax.toFixed(2).padStart(6)}                     ${String(r.reactionMedian ?? '-').padStart(6)} ${String(r.reactionMax ?? '-').padStart(4)}  ${r.neverSettled}/${r.cuts}       |  ${real}`,
    );
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
