// `npm run bench:ab -- --other DIR [--pairs N] [--out FILE] [-- BENCH ARGS]`: this tree against
// another checkout (another release, with its own node_modules), measured back to back with
// `npm run bench` in interleaved pairs, the order alternating, and compared as ratios
// (src/bench/compare.ts). Each tree is first built if stale and run once, unmeasured.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, pairOrder, type Pair } from '../src/bench/compare.ts';

const USAGE = 'Usage: npm run bench:ab -- --other DIR [--pairs N] [--out FILE.jsonl] [-- BENCH ARGS (default: --frames 60)]';
const MEASURES = ['firstResultMs', 'firstResultCachedMs', 'p50Ms', 'p95Ms'] as const;
type Measure = (typeof MEASURES)[number];

function parse(argv: string[]): { other: string; pairs: number; out?: string; bench: string[] } {
  const cut = argv.indexOf('--');
  const own = cut < 0 ? argv : argv.slice(0, cut);
  const bench = cut < 0 ? ['--frames', '60'] : argv.slice(cut + 1);
  let other: string | undefined;
  let pairs = 16;
  let out: string | undefined;
  for (let i = 0; i < own.length; i++) {
    const v = own[i + 1];
    if (own[i] === '--other' && v) (other = v), i++;
    else if (own[i] === '--pairs' && v && Number.isInteger(Number(v)) && Number(v) > 0) (pairs = Number(v)), i++;
    else if (own[i] === '--out' && v) (out = v), i++;
    else throw new Error(`unknown or incomplete argument ${own[i]}\n${USAGE}`);
  }
  if (!other) throw new Error(`--other is required\n${USAGE}`);
  return { other: resolve(other), pairs, out, bench };
}

function runBench(dir: string, args: string[]): Record<string, unknown> {
  const out = execFileSync('npm', ['run', '--silent', 'bench', '--', ...args, '--json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

function main(): void {
  const o = parse(process.argv.slice(2));
  const here = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(resolve(o.other, 'node_modules'))) throw new Error(`${o.other} has no node_modules: run npm ci there first`);
  const dirs = { a: here, b: o.other };
  if (o.out) writeFileSync(o.out, '');
  for (const t of ['a', 'b'] as const) {
    process.stderr.write(`${t === 'a' ? 'this tree' : o.other}: building if stale, one unmeasured run …\n`);
    runBench(dirs[t], [...o.bench, '--build', 'auto']);
  }
  const runs: Record<'a' | 'b', Record<string, unknown>>[] = [];
  for (let i = 0; i < o.pairs; i++) {
    const pair = {} as Record<'a' | 'b', Record<string, unknown>>;
    for (const t of pairOrder(i)) {
      try {
        pair[t] = runBench(dirs[t], [...o.bench, '--build', 'never']);
      } catch (e) {
        // One failed run (a timeout on a loaded machine) drops its pair, not the whole comparison.
        process.stderr.write(`pair ${i + 1}: the ${t === 'a' ? "this tree's" : "other tree's"} run failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
        pair[t] = {};
      }
      if (o.out) appendFileSync(o.out, `${JSON.stringify({ pair: i, tree: t === 'a' ? 'this' : 'other', load1: loadavg()[0], ...pair[t] })}\n`);
    }
    runs.push(pair);
    process.stderr.write(`pair ${i + 1}/${o.pairs}: first result ${pair.a.firstResultMs} / ${pair.b.firstResultMs} ms\n`);
  }
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const rows = MEASURES.map((m: Measure) => {
    const c = compare(runs.map((r): Pair => ({ a: num(r.a[m]), b: num(r.b[m]) })));
    const f = (x: number) => x.toFixed(3);
    const r = (x: number) => Math.round(x * 10) / 10;
    return `| ${m} | ${c.pairs} | ${r(c.medianA)} / ${r(c.medianB)} | ${f(c.ratioOfMedians)} | ${f(c.medianPairRatio)} | ${f(c.geoMeanRatio)} | ${f(c.ratioOfMeans)} | ${c.aSmaller}/${c.pairs} |`;
  });
  process.stdout.write(
    [`this tree against ${o.other} (npm run bench ${o.bench.join(' ')}, ${o.pairs} interleaved pairs)`, '', '| measure | pairs | medians (this / other) | ratio of medians | median pair ratio | geometric mean ratio | ratio of means | this lower |', '|---|---|---|---|---|---|---|---|', ...rows, ''].join('\n'),
  );
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench:ab: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
