/**
 * One benchmark run in a fresh process, printing one JSON line of figures:
 *   tsx scripts/bench/run.ts DIR CACHE_DIR
 * Builds cold (no snapshot), saves the snapshot, asks the questions; a second process
 * (`--start`) measures starting from the unchanged corpus through the snapshot.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Engine, loadCorpus, openSeeds } from '../../src/core/index.js';
import { evaluate, readCases } from '../../test/quality/evaluate.js';
import { questionsFor } from './questions.js';

const [dir = './seeds', cacheDir = '.cache/bench', mode = '--build'] = process.argv.slice(2);
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

if (mode === '--start') {
  const started = performance.now();
  const opened = await openSeeds(dir, { cacheDir });
  const startMs = performance.now() - started;
  console.log(
    JSON.stringify({ startMs, snapshot: opened.snapshot, startRssMb: mb(process.memoryUsage().rss) }),
  );
} else {
  await rm(cacheDir, { recursive: true, force: true });
  const t0 = performance.now();
  const opened = await openSeeds(dir, { cacheDir: null });
  const buildMs = performance.now() - t0;
  const afterBuild = process.memoryUsage();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const { engine } = opened;
  // Snapshot save, timed on its own.
  const { saveSnapshot, snapshotKey, snapshotPath } = await import('../../src/core/snapshot.js');
  const { readSeeds } = await import('../../src/core/corpus.js');
  const read = await readSeeds(dir);
  const file = snapshotPath(cacheDir, read.root);
  const key = await snapshotKey(read, {});
  const t1 = performance.now();
  await saveSnapshot(file, key, engine.parts, []);
  const saveMs = performance.now() - t1;
  const { loadSnapshot } = await import('../../src/core/snapshot.js');
  const t2 = performance.now();
  const loaded = await loadSnapshot(file, key);
  const loadMs = performance.now() - t2;
  if (loaded.status !== 'hit') throw new Error(`snapshot did not load: ${loaded.status}`);

  const questions = questionsFor(engine, 400);
  for (const q of questions.slice(0, 50)) engine.answer(q); // warm-up
  global.gc?.();
  const times: number[] = [];
  let results = 0;
  const t3 = performance.now();
  for (const q of questions) {
    const s = performance.now();
    results += engine.answer(q).results.length;
    times.push((performance.now() - s) * 1000);
  }
  const totalS = (performance.now() - t3) / 1000;
  times.sort((a, b) => a - b);
  const steady = process.memoryUsage();

  // Quality with the same settings, to show speed costs no accuracy.
  const root = path.resolve(import.meta.dirname, '../..');
  const quality: Record<string, number> = {};
  for (const [name, seeds, cases] of [
    ['seeds', 'seeds', 'test/quality/seeds-questions.jsonl'],
    ['eval', 'test/fixtures/eval-corpus', 'test/fixtures/eval-corpus/questions.jsonl'],
  ] as const) {
    const e = Engine.create(await loadCorpus(path.join(root, seeds)));
    const s = evaluate(readCases(path.join(root, cases)), (q) => e.answer(q, { limit: 5 }));
    quality[name] = s.hit1 / s.positives;
  }
  console.log(
    JSON.stringify({
      paragraphs: engine.paragraphs.length,
      passages: engine.passageCount,
      buildMs,
      saveMs,
      loadMs,
      heapMb: mb(afterBuild.heapUsed),
      rssMb: mb(afterBuild.rss),
      peakRssMb,
      steadyRssMb: mb(steady.rss),
      questions: questions.length,
      p50Us: percentile(times, 50),
      p99Us: percentile(times, 99),
      resultsPerSecond: results / totalS,
      questionsPerSecond: questions.length / totalS,
      hit1Seeds: quality.seeds,
      hit1Eval: quality.eval,
    }),
  );
}
