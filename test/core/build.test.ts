/**
 * Building from the seeds folder: a cold build tokenises on several threads and gives byte for
 * byte the snapshot one thread gives; a reload tokenises only the files that changed and gives
 * exactly what a cold build of the edited folder gives; progress arrives in order and ends at
 * 100%; the tokenizer's caches overflowing changes nothing.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { WORKER_MIN } from '../../src/core/bm25.js';
import { OFFLOAD_MIN, PARALLEL_MIN } from '../../src/core/build.js';
import { type BuildProgress, openSeeds } from '../../src/core/index.js';
import { snapshotPath } from '../../src/core/snapshot.js';
import { CACHE_LIMITS, encodingStats, tokenizerStats } from '../../src/core/tokenizer.js';

const work = mkdtempSync(path.join(tmpdir(), 'seedbot-build-'));
const seeds = path.join(work, 'seeds');
const savedParallel = { ...PARALLEL_MIN };
const savedOffload = { ...OFFLOAD_MIN };
const savedWorker = { ...WORKER_MIN };
const savedLimits = structuredClone(CACHE_LIMITS);

beforeAll(() => {
  writeCorpus(seeds, 600);
  // What the generator does not write: duplicates across files (in different ranges), acronyms,
  // shouting, hyphens, an alias file and a file that is skipped.
  const shared = 'The harbour master said the NASA-funded co-operative buoy reports tides every hour.';
  writeFileSync(path.join(seeds, 'a-first.md'), `# Tides\n\n${shared}\n\nThe U.S. and the UK share data.\n`);
  writeFileSync(path.join(seeds, 'zz-last.txt'), `Notes\n\n${shared}\n\nWHERE IS THE FERRY TODAY\n`);
  writeFileSync(path.join(seeds, 'aliases.txt'), 'ferry, boat\nNASA, space agency\n');
  writeFileSync(path.join(seeds, 'empty.txt'), '\n\n');
  // Pages in the formats read through a converter, last in the listing, where a worker thread
  // takes them (it loads the HTML reader itself).
  writeFileSync(
    path.join(seeds, 'zz-page.html'),
    '<html><head><title>Ferry</title></head><body><nav>Home</nav><main><h1>Ferry times</h1><p>The ferry leaves at noon.</p></main></body></html>',
  );
  writeFileSync(path.join(seeds, 'zz-guide.rst'), 'Buoys\n=====\n\nRead a buoy with::\n\n    buoy --read\n');
  // An Obsidian vault, last too: a worker must hide its comments as this thread does.
  mkdirSync(path.join(seeds, 'zz-vault', '.obsidian'), { recursive: true });
  writeFileSync(
    path.join(seeds, 'zz-vault', 'harbour.md'),
    '# Harbour\n\nThe pier opens at dawn. %% the harbour master drinks %%\n',
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  Object.assign(PARALLEL_MIN, savedParallel);
  Object.assign(OFFLOAD_MIN, savedOffload);
  Object.assign(WORKER_MIN, savedWorker);
  Object.assign(CACHE_LIMITS.bulk, savedLimits.bulk);
});

/** Builds `dir` cold into a fresh cache folder and returns the snapshot's bytes. */
async function snapshotOf(dir: string, threads: number): Promise<Buffer> {
  const cache = mkdtempSync(path.join(work, 'cache-'));
  const opened = await openSeeds(dir, { cacheDir: cache, threads });
  expect(opened.snapshot).toBe('built');
  return readFileSync(snapshotPath(cache, dir));
}

/** A copy of the seeds folder named `name`, and a fresh cache folder for it. */
function copyOfSeeds(name: string): { dir: string; cache: string } {
  const dir = path.join(work, name);
  cpSync(seeds, dir, { recursive: true });
  return { dir, cache: mkdtempSync(path.join(work, 'cache-')) };
}

/** The seeds folder built cold on one thread, once for the tests that compare with it. */
let oneThread: Promise<Buffer> | undefined;
const builtOnOne = () => {
  oneThread ??= snapshotOf(seeds, 1);
  return oneThread;
};

describe('a cold build', () => {
  it('gives byte for byte the same index on several threads as on one', async () => {
    PARALLEL_MIN.bytes = 0;
    const one = await builtOnOne();
    const three = await snapshotOf(seeds, 3);
    expect(three.length).toBe(one.length);
    expect(three.equals(one)).toBe(true);
    expect(three.toString('latin1')).toContain('The pier opens at dawn.');
    expect(three.toString('latin1')).not.toContain('master drinks');
  }, 120_000);

  it("gives the same index on the index's own thread as in this one, ids numbered meanwhile", async () => {
    WORKER_MIN.passages = Number.POSITIVE_INFINITY;
    const here = await snapshotOf(seeds, 1);
    // The worker gets the passages before their ids are final, then how they are numbered.
    WORKER_MIN.passages = 10;
    PARALLEL_MIN.bytes = 0;
    const there = await snapshotOf(seeds, 2);
    expect(there.equals(here)).toBe(true);
  }, 120_000);

  it('starts its tokenising workers while the files are read, with the same index', async () => {
    // Large enough to tokenise on every core once part of the folder is read.
    PARALLEL_MIN.bytes = 64 * 1024;
    const one = await builtOnOne();
    const cache = mkdtempSync(path.join(work, 'cache-'));
    const opened = await openSeeds(seeds, { cacheDir: cache, threads: 3 });
    expect(opened.build).toMatchObject({ threads: 3, early: 2 });
    expect(readFileSync(snapshotPath(cache, seeds)).equals(one)).toBe(true);
    // With a snapshot to start from, a build may tokenise little: nothing starts early.
    appendFileSync(path.join(seeds, 'empty.txt'), 'Nothing but a note.\n');
    try {
      const again = await openSeeds(seeds, { cacheDir: cache, threads: 3 });
      expect(again.build).toMatchObject({ tokenised: 1, threads: 1, early: 0 });
    } finally {
      writeFileSync(path.join(seeds, 'empty.txt'), '\n\n');
    }
    // A folder too small for several threads starts none.
    PARALLEL_MIN.bytes = Number.POSITIVE_INFINITY;
    const small = await openSeeds(seeds, { cacheDir: null, threads: 3 });
    expect(small.build).toMatchObject({ threads: 1, early: 0 });
  }, 120_000);

  it('gives the same index when every tokenizer cache overflows', async () => {
    const normal = await builtOnOne();
    CACHE_LIMITS.bulk.chunks = 16;
    CACHE_LIMITS.bulk.words = 16;
    const tight = await snapshotOf(seeds, 1);
    expect(tight.equals(normal)).toBe(true);
  }, 120_000);

  it('gives back what the tokenizer held for it, so a bot that rebuilds for months does not grow', async () => {
    for (const threads of [1, 2]) {
      PARALLEL_MIN.bytes = 0;
      const cache = mkdtempSync(path.join(work, 'cache-'));
      await openSeeds(seeds, { cacheDir: cache, threads });
      // Its word caches were sized to the corpus and filled by it (thousands of words): emptied
      // once it is built. What is left is the aliases' words, read as a question's are.
      expect(tokenizerStats().cached).toBeLessThan(50);
    }
  }, 120_000);

  it('says how far it is, in order, up to 100%', async () => {
    const events: BuildProgress[] = [];
    const cache = mkdtempSync(path.join(work, 'cache-'));
    await openSeeds(seeds, { cacheDir: cache, progress: (p) => events.push(p) });
    const order = ['reading', 'tokenising', 'indexing', 'saving', 'done'];
    expect(events.length).toBeGreaterThan(3);
    for (let i = 1; i < events.length; i++) {
      const [a, b] = [events[i - 1] as BuildProgress, events[i] as BuildProgress];
      expect(order.indexOf(b.phase)).toBeGreaterThanOrEqual(order.indexOf(a.phase));
      expect(b.percent).toBeGreaterThanOrEqual(a.percent);
      expect(b.elapsedMs).toBeGreaterThanOrEqual(a.elapsedMs);
      expect(b.files).toBeGreaterThanOrEqual(a.files);
    }
    const last = events.at(-1) as BuildProgress;
    expect(last).toMatchObject({ phase: 'done', percent: 100 });
    expect(last.files).toBe(last.filesTotal);
    expect(events.filter((e) => e.percent === 100)).toHaveLength(1);
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(order));
  }, 120_000);
});

describe('a reload', () => {
  it('tokenises only the file that changed and gives what a cold build gives', async () => {
    const { dir, cache } = copyOfSeeds('edited');
    const first = await openSeeds(dir, { cacheDir: cache });
    const files = first.engine.documents.length;
    const edited = 'part-000/doc-00004.txt';
    appendFileSync(path.join(dir, edited), '\nThe lighthouse keeper repainted the lamp room in May.\n');
    const before = encodingStats();
    const reloaded = await openSeeds(dir, { cacheDir: cache, previous: first.engine });
    const after = encodingStats();
    // aliases.txt and the skipped file are read again (they have no units); no other document is.
    expect(reloaded.build).toMatchObject({ reused: files - 1, tokenised: 1 });
    const unit = reloaded.engine.parts.files?.units.find((u) => u.document.source === edited);
    expect(unit).toBeDefined();
    // The texts encoded are that file's: each passage and each distinct title field, once.
    expect(after.texts - before.texts).toBe(
      (unit?.dupes.length ?? 0) + (unit?.contextOffsets.length ?? 1) - 1,
    );
    expect(reloaded.engine.answer('Who repainted the lamp room?').answer?.source).toBe(edited);
    const cold = await snapshotOf(dir, 1);
    expect(readFileSync(snapshotPath(cache, dir)).equals(cold)).toBe(true);
  }, 120_000);

  it('while answering, leaves a large file to another thread, and gives what a cold build gives', async () => {
    const { dir, cache } = copyOfSeeds('reloaded-answering');
    const first = await openSeeds(dir, { cacheDir: cache });
    // Large for the test: a file this thread would parse in one call too long to keep answering.
    OFFLOAD_MIN.bytes = 1024;
    appendFileSync(
      path.join(dir, 'part-000/doc-00003.txt'),
      '\nThe cartographer redrew the northern coast.\n',
    );
    const before = encodingStats();
    const reloaded = await openSeeds(dir, { cacheDir: cache, previous: first.engine, answering: true });
    // Nothing was tokenised on this thread: a worker did it.
    expect(encodingStats().texts).toBe(before.texts);
    expect(reloaded.build).toMatchObject({ tokenised: 1, threads: 1 });
    expect(reloaded.engine.answer('Who redrew the northern coast?').answer?.source).toBe(
      'part-000/doc-00003.txt',
    );
    const cold = await snapshotOf(dir, 1);
    expect(readFileSync(snapshotPath(cache, dir)).equals(cold)).toBe(true);
    // A small change is tokenised here, as before.
    OFFLOAD_MIN.bytes = Number.POSITIVE_INFINITY;
    appendFileSync(path.join(dir, 'part-000/doc-00003.txt'), '\nThe cartographer retired in June.\n');
    const small = await openSeeds(dir, { cacheDir: cache, previous: reloaded.engine, answering: true });
    expect(encodingStats().texts).toBeGreaterThan(before.texts);
    expect(small.build).toMatchObject({ tokenised: 1, threads: 1 });
  }, 120_000);

  it("on the index's own thread, started before the changed file is tokenised, gives what a cold build gives", async () => {
    WORKER_MIN.passages = 10;
    const { dir, cache } = copyOfSeeds('reloaded-on-worker');
    const first = await openSeeds(dir, { cacheDir: cache });
    // A file gone (its terms are in the previous dictionary, in no passage now) and one edited.
    rmSync(path.join(dir, 'a-first.md'));
    appendFileSync(path.join(dir, 'part-000/doc-00007.txt'), '\nThe quartermaster counted the oars twice.\n');
    const reloaded = await openSeeds(dir, { cacheDir: cache, previous: first.engine });
    expect(reloaded.build).toMatchObject({ tokenised: 1 });
    expect(reloaded.engine.answer('Who counted the oars?').answer?.source).toBe('part-000/doc-00007.txt');
    WORKER_MIN.passages = Number.POSITIVE_INFINITY;
    const cold = await snapshotOf(dir, 1);
    expect(readFileSync(snapshotPath(cache, dir)).equals(cold)).toBe(true);
  }, 120_000);

  it('after a restart, takes the unchanged files from the snapshot', async () => {
    const { dir, cache } = copyOfSeeds('restarted');
    const first = await openSeeds(dir, { cacheDir: cache });
    rmSync(path.join(dir, 'zz-last.txt'));
    writeFileSync(path.join(dir, 'new.md'), '# New\n\nThe ferry timetable changes in winter.\n');
    const again = await openSeeds(dir, { cacheDir: cache });
    expect(again.snapshot).toBe('built');
    expect(again.build).toMatchObject({ reused: first.engine.documents.length - 1, tokenised: 1 });
    const cold = await snapshotOf(dir, 1);
    expect(readFileSync(snapshotPath(cache, dir)).equals(cold)).toBe(true);
  }, 120_000);
});
