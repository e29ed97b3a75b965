/**
 * `npm run bench`: build, snapshot and question-latency figures at 1k, 10k and 100k
 * paragraphs (300k with --large) of generated text, or for any folder with --seeds DIR.
 * Each figure is the median of several runs, each in a fresh process.
 *
 *   npm run bench [-- --large] [-- --seeds DIR] [-- --runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './bench/corpus.js';

const { values } = parseArgs({
  options: { large: { type: 'boolean' }, seeds: { type: 'string' }, runs: { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs ?? 3));
const work = path.join(tmpdir(), 'seedbot-bench');
const sizes = values.seeds ? [] : [1_000, 10_000, 100_000, ...(values.large ? [300_000] : [])];
const corpora: { label: string; dir: string }[] = values.seeds
  ? [{ label: values.seeds, dir: values.seeds }]
  : sizes.map((n) => ({ label: `${n / 1000}k`, dir: path.join(work, `corpus-${n}`) }));

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

const rows: string[][] = [];
for (const { label, dir } of corpora) {
  const cache = path.join(work, `cache-${label.replace(/\W/g, '_')}`);
  const all: Figures[] = [];
  const n = label === '300k' ? 1 : runs;
  for (let r = 0; r < n; r++) {
    const build = runOnce([dir, cache, '--build']);
    const start = runOnce([dir, cache, '--start']);
    all.push({ ...build, ...start });
    process.stderr.write(`${label} run ${r + 1}/${n} done\n`);
  }
  const m = (k: string) => median(all.map((f) => f[k] as number));
  const fixed = (k: string, d = 0) => m(k).toFixed(d);
  rows.push([
    label,
    fixed('passages'),
    fixed('buildMs'),
    `${fixed('saveMs')} / ${fixed('loadMs')}`,
    fixed('startMs'),
    `${fixed('heapMb')} / ${fixed('rssMb')}`,
    fixed('peakRssMb'),
    `${fixed('steadyRssMb')} / ${fixed('startRssMb')}`,
    `${fixed('p50Us')} / ${fixed('p99Us')}`,
    fixed('resultsPerSecond'),
    `${(100 * m('hit1Seeds')).toFixed(0)}% / ${(100 * m('hit1Eval')).toFixed(0)}%`,
  ]);
}

const header = [
  'corpus',
  'passages',
  'cold build ms',
  'snapshot save / load ms',
  'start ms',
  'heap / RSS MB after build',
  'peak RSS MB',
  'steady RSS MB (built / started)',
  'answer p50 / p99 µs',
  'results/s',
  'hit@1 seeds / eval',
];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
console.log(`Medians of ${runs} runs (300k: 1), each in a fresh process; 400 questions per run.\n\n${table}`);
