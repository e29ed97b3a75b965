/**
 * One benchmark run in a fresh process, printing one JSON line of figures:
 *   tsx scripts/bench/run.ts DIR CACHE_DIR --build | --start | --reload
 * --build builds cold (no snapshot), saves the snapshot, asks the questions; --start measures
 * starting from the unchanged corpus through the snapshot, and the memory once it answers;
 * --reload starts from the snapshot, edits one file and measures the reload until the new
 * engine answers (time, CPU of every thread, peak RSS), then puts the file back.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Engine, loadCorpus, openSeeds } from '../../src/core/index.js';
import { evaluate, readCases } from '../../test/quality/evaluate.js';
import { questionsFor } from './questions.js';

const [dir = './seeds', cacheDir = '.cache/bench', mode = '--build'] = process.argv.slice(2);
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** The highest RSS while `work` runs, sampled every 20 ms (the event loop stays free during builds). */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakMb: mb(peak) };
  } finally {
    clearInterval(timer);
  }
}

/** RSS once the process has answered some questions and collected its garbage. */
async function steadyRss(engine: Engine): Promise<number> {
  for (const q of questionsFor(engine, 50)) engine.answer(q);
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  return mb(process.memoryUsage().rss);
}

if (mode === '--start') {
  const started = performance.now();
  const opened = await openSeeds(dir, { cacheDir });
  const startMs = performance.now() - started;
  const startRssMb = mb(process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      startMs,
      snapshot: opened.snapshot,
      startRssMb,
      steadyStartRssMb: await steadyRss(opened.engine),
    }),
  );
} else if (mode === '--reload') {
  const opened = await openSeeds(dir, { cacheDir });
  if (opened.snapshot !== 'loaded') throw new Error('--reload needs the snapshot of --build');
  const doc = opened.engine.documents[Math.floor(opened.engine.documents.length / 2)];
  const file = path.join(dir, doc?.source ?? '');
  const original = readFileSync(file);
  gc();
  const cpu = cpuMs();
  const t0 = performance.now();
  try {
    writeFileSync(
      file,
      Buffer.concat([original, Buffer.from('\nThe lighthouse keeper repainted the lamp room.\n')]),
    );
    const { value: reloaded, peakMb } = await peakRss(() =>
      openSeeds(dir, { cacheDir, previous: opened.engine, saveLater: true } as Parameters<
        typeof openSeeds
      >[1]),
    );
    const reloadMs = performance.now() - t0;
    const reloadCpuMs = cpuMs() - cpu;
    const answered = reloaded.engine.answer('Who repainted the lamp room?').answer?.source === doc?.source;
    await reloaded.saved;
    console.log(
      JSON.stringify({
        reloadMs,
        reloadCpuMs,
        reloadPeakRssMb: peakMb,
        reloadAnswered: answered ? 1 : 0,
        reloadTokenised: reloaded.build?.tokenised ?? -1,
      }),
    );
  } finally {
    writeFileSync(file, original);
    // The snapshot now holds the edited file: the next run builds it again.
    rmSync(cacheDir, { recursive: true, force: true });
  }
} else {
  await rm(cacheDir, { recursive: true, force: true });
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const opened = await openSeeds(dir, { cacheDir: null });
  const buildMs = performance.now() - t0;
  const buildCpuMs = cpuMs() - cpu0;
  const afterBuild = process.memoryUsage();
  // Nothing else has run in this process yet: its highest RSS is the build's.
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
  const { statSync } = await import('node:fs');
  const snapshotMb = mb(statSync(file).size);
  const { loadSnapshot } = await import('../../src/core/snapshot.js');
  const t2 = performance.now();
  const loaded = await loadSnapshot(file, key);
  const loadMs = performance.now() - t2;
  if (loaded.status !== 'hit') throw new Error(`snapshot did not load: ${loaded.status}`);

  const questions = questionsFor(engine, 400);
  // Warm-up: as many other questions of the same kinds (another seed), so the code is compiled
  // as in a bot that has been answering for a while, but no question's words are cached yet.
  for (const q of questionsFor(engine, 400, 7)) for (const r of engine.answer(q).results) r.excerpt;
  gc();
  const times: number[] = [];
  let results = 0;
  let excerptChars = 0;
  const t3 = performance.now();
  for (const q of questions) {
    const s = performance.now();
    // A reply shows the excerpt of every result it asked for: read them (they are worked out
    // when first read).
    const { results: shown } = engine.answer(q);
    for (const r of shown) excerptChars += r.excerpt.length;
    results += shown.length;
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
      buildCpuMs,
      saveMs,
      loadMs,
      snapshotMb,
      heapMb: mb(afterBuild.heapUsed),
      rssMb: mb(afterBuild.rss),
      peakRssMb,
      steadyRssMb: mb(steady.rss),
      questions: questions.length,
      p50Us: percentile(times, 50),
      p99Us: percentile(times, 99),
      resultsPerSecond: results / totalS,
      excerptCharsPerResult: results > 0 ? excerptChars / results : 0,
      questionsPerSecond: questions.length / totalS,
      hit1Seeds: quality.seeds,
      hit1Eval: quality.eval,
    }),
  );
}
