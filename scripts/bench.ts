/**
 * `npm run bench`: build, snapshot, reload and question-latency figures at 1k, 10k and 100k
 * paragraphs (300k with --large) of generated text, or for any folder with --seeds DIR.
 * Each figure is the median of several runs, each in fresh processes (a cold build, a start
 * from the snapshot, a reload after a one-file edit); the machine's load is printed with them.
 *
 *   npm run bench [-- --large] [-- --seeds DIR] [-- --runs N] [-- --sizes 100000,300000]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './bench/corpus.js';

const USAGE = 'usage: npm run bench [-- --large] [-- --seeds DIR] [-- --runs N] [-- --sizes 100000,300000]';
let values: { large?: boolean; seeds?: string; runs?: string; sizes?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      large: { type: 'boolean' },
      seeds: { type: 'string' },
      runs: { type: 'string' },
      sizes: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
// Counts are whole numbers of at least 1: anything else is said, not run as NaN.
const count = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(
      `bench: --${name} wants whole numbers of at least 1, not ${JSON.stringify(value)}\n${USAGE}\n`,
    );
    process.exit(2);
  }
  return n;
};
const runs = values.runs === undefined ? 3 : count('runs', values.runs);
const work = path.join(tmpdir(), 'seedbot-bench');
const sizes = values.seeds
  ? []
  : values.sizes
    ? values.sizes.split(',').map((v) => count('sizes', v.trim()))
    : [1_000, 10_000, 100_000, ...(values.large ? [300_000] : [])];
// v2: the generator with an open vocabulary (see bench/corpus.ts).
const corpora: { label: string; dir: string }[] = values.seeds
  ? [{ label: values.seeds, dir: values.seeds }]
  : sizes.map((n) => ({ label: `${n / 1000}k`, dir: path.join(work, `corpus-v2-${n}`) }));

for (const [i, n] of sizes.entries()) {
  const dir = corpora[i]?.dir as string;
  if (!existsSync(dir)) {
    process.stderr.write(`generating ${n} paragraphs in ${dir}…\n`);
    writeCorpus(dir, n);
  }
}

type Figures = Record<string, number>;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function runOnce(args: string[]): Figures {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', 'scripts/bench/run.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`bench run failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as Figures;
}

const load = () => loadavg()[0]?.toFixed(1) ?? '?';
const rows: string[][] = [];
for (const { label, dir } of corpora) {
  const cache = path.join(work, `cache-${label.replace(/\W/g, '_')}`);
  const all: Figures[] = [];
  const loads: string[] = [];
  const n = label === '300k' ? 1 : runs;
  for (let r = 0; r < n; r++) {
    const before = load();
    const build = runOnce([dir, cache, '--build']);
    const start = runOnce([dir, cache, '--start']);
    const reload = runOnce([dir, cache, '--reload']);
    all.push({ ...build, ...start, ...reload });
    loads.push(`${before}–${load()}`);
    process.stderr.write(`${label} run ${r + 1}/${n} done (load ${loads.at(-1)})\n`);
  }
  const m = (k: string) => median(all.map((f) => f[k] as number));
  const fixed = (k: string, d = 0) => m(k).toFixed(d);
  rows.push([
    label,
    fixed('passages'),
    `${fixed('buildMs')} / ${fixed('buildCpuMs')}`,
    fixed('peakRssMb'),
    `${fixed('reloadMs')} / ${fixed('reloadCpuMs')} / ${fixed('reloadPeakRssMb')}`,
    `${fixed('saveMs')} / ${fixed('loadMs')} / ${fixed('snapshotMb', 1)}`,
    fixed('startMs'),
    `${fixed('steadyRssMb')} / ${fixed('steadyStartRssMb')}`,
    `${fixed('p50Us')} / ${fixed('p99Us')}`,
    `${(100 * m('hit1Seeds')).toFixed(0)}% / ${(100 * m('hit1Eval')).toFixed(0)}%`,
    loads.join(', '),
  ]);
}

const header = [
  'corpus',
  'passages',
  'cold build ms / CPU ms',
  'build peak RSS MB',
  'reload after a one-file edit: ms until answerable / CPU ms / peak RSS MB',
  'snapshot save / load ms / MB',
  'start ms',
  'steady RSS MB (built / started from snapshot)',
  'answer p50 / p99 µs',
  'hit@1 seeds / eval',
  'load (1 min) per run',
];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
console.log(
  `Medians of ${runs} runs (300k: 1), each in fresh processes; 400 questions per run; ${cpus().length} cores.\n\n${table}`,
);
