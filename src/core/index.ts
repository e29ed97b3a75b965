/** The core: from a folder of documents to answers with cited excerpts. No Discord here. */
export type { Bm25Options } from './bm25.js';
export { type Corpus, checkSeedsDir, loadCorpus, parseSeeds, readSeeds } from './corpus.js';
export { documentChoices, matchDocuments, resolveDocument } from './documents.js';
export {
  type Answer,
  type AnswerOptions,
  type Citation,
  type CodeRange,
  DEFAULT_LIMIT,
  type DirectAnswer,
  type DocumentInfo,
  Engine,
  type EngineOptions,
  MAX_LIMIT,
  MAX_QUESTION_LENGTH,
  type Result,
} from './engine.js';
export { CoreError, isCoreError } from './errors.js';
export type { Mark } from './excerpt.js';
export { RELATED, whyNothing } from './explain.js';
export {
  type GapEvent,
  type GapsReport,
  GapsTally,
  gapsReport,
  type NewEvent,
  parseEvent,
} from './gaps.js';
export { cutText } from './normalize.js';
export { type BuildPhase, type BuildProgress, describeProgress, type ProgressListener } from './progress.js';

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { type BuildStats, buildSeeds, PARALLEL_MIN, startTokenisers, type TokeniserWorker } from './build.js';
import { DEFAULT_CACHE_DIR } from './cache-dir.js';
import { ALIASES_FILE, readSeeds, type SeedBytes } from './corpus.js';
import { Engine, type EngineOptions } from './engine.js';
import { CoreError } from './errors.js';
import { type ProgressListener, ProgressTracker } from './progress.js';
import { loadSnapshot, saveSnapshot, snapshotKey, snapshotPath } from './snapshot.js';

export { DEFAULT_CACHE_DIR };

export interface OpenOptions {
  engine?: EngineOptions;
  /** Folder for index snapshots (default `.cache`); null: never read or write one. */
  cacheDir?: string | null;
  /** Threads that tokenise a large build (default: one per core). */
  threads?: number;
  /**
   * The engine serving now: files unchanged since it was built (same path, same hash) are not
   * parsed or tokenised again. Without it, a snapshot of other files lends its units.
   */
  previous?: Engine;
  /** Hears how far a build is (phase, files, passages, percent, elapsed time). */
  progress?: ProgressListener;
  /**
   * Return as soon as a built engine can answer, and write its snapshot after (see
   * Opened.saved): a reload swaps the new engine in without waiting for the disk.
   */
  saveLater?: boolean;
  /**
   * This thread answers questions while the build runs (a live reload): no file is parsed here
   * in one call long enough to hold the answers up (see BuildOptions.answering).
   */
  answering?: boolean;
  /**
   * Fail instead of skipping a file that cannot be read now and that held documents `previous`
   * serves (a reload keeps the old index rather than serve without a file that is, say, being
   * rewritten; one that never held any is skipped with its warning). Files skipped by rule
   * (hidden, links out of the folder, too large) are skipped either way.
   */
  strict?: boolean;
  /**
   * Where the documents can be read on the web (a docs site or a repository's file view): a
   * document's link is this joined with its path, unless its front matter has a `url`.
   */
  sourcesBaseUrl?: string;
}

export interface Opened {
  engine: Engine;
  /** Skipped files, and snapshot problems, one line each. */
  warnings: string[];
  /** Whether the index came from a snapshot, was built (and saved), or caching is off. */
  snapshot: 'loaded' | 'built' | 'off';
  /** What a build did: files parsed now and reused (absent when the snapshot was loaded). */
  build?: BuildStats;
  /**
   * With saveLater, resolves once the snapshot is written (never rejects: a snapshot that could
   * not be saved resolves with the warning saying so).
   */
  saved?: Promise<string | undefined>;
}

/**
 * Loads the seeds folder and builds the engine — or loads it from the snapshot of an
 * unchanged corpus in the cache folder. Warnings name skipped files.
 */
export async function openSeeds(dir: string, options: OpenOptions = {}): Promise<Opened> {
  const tracker = new ProgressTracker(options.progress);
  tracker.update({ phase: 'reading' });
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  // A build with nothing to start from (no engine, no snapshot) tokenises every file: once the
  // files read make it large enough to tokenise on every core, its workers start, so they are
  // ready when the reading ends (see startTokenisers).
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const cold =
    threads > 1 &&
    options.previous === undefined &&
    (cacheDir === null || !existsSync(snapshotPath(cacheDir, path.resolve(dir))));
  let tokenisers: TokeniserWorker[] | undefined;
  let bytesRead = 0;
  try {
    const read = await readSeeds(
      dir,
      cold
        ? (bytes) => {
            bytesRead += bytes;
            if (!tokenisers && bytesRead >= PARALLEL_MIN.bytes) tokenisers = startTokenisers(threads - 1);
          }
        : undefined,
    );
    return await openRead(read, options, tracker, tokenisers);
  } finally {
    for (const t of tokenisers ?? []) t.close();
  }
}

async function openRead(
  read: SeedBytes,
  options: OpenOptions,
  tracker: ProgressTracker,
  tokenisers: TokeniserWorker[] | undefined,
): Promise<Opened> {
  const engineOptions = options.engine ?? {};
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  if (options.strict) {
    // Only what would take a served document away fails: a file, folder or link that could not
    // be read and that held documents before (a file being rewritten, a permission being fixed).
    // One that never held any (a root-only lost+found, a broken link, a link loop) is skipped
    // with its warning, or reloads would fail for as long as it is there.
    const served = options.previous?.documents.map((d) => d.source);
    const losing = read.failures.filter(
      (f) =>
        served === undefined ||
        f.source === '.' ||
        f.source === ALIASES_FILE ||
        served.some((s) => s === f.source || s.startsWith(`${f.source}/`)),
    );
    if (losing.length > 0) throw new CoreError('SEEDS_UNREADABLE', losing.map((f) => f.line).join('; '));
  }
  const notes: string[] = [];
  let file: string | undefined;
  let key = '';
  let previous = options.previous?.parts.files;
  if (cacheDir !== null) {
    file = snapshotPath(cacheDir, read.root);
    key = await snapshotKey(read, engineOptions);
    const loaded = await loadSnapshot(file, key, { units: previous === undefined });
    if (loaded.status === 'hit') {
      const engine = new Engine(loaded.parts);
      engine.sourcesBaseUrl = options.sourcesBaseUrl;
      const files = read.files.length;
      tracker.update({ phase: 'done', files, filesTotal: files, passages: engine.passageCount });
      return {
        engine,
        warnings: [...read.warnings, ...loaded.warnings],
        snapshot: 'loaded',
      };
    }
    if (loaded.status === 'stale') previous ??= loaded.files;
    if (loaded.status === 'corrupt')
      notes.push(`ignored the index snapshot ${file}: ${loaded.reason}; rebuilding it`);
  }
  const built = await buildSeeds(read, engineOptions, {
    tracker,
    ...(tokenisers ? { tokenisers } : {}),
    ...(options.answering ? { answering: true } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(previous ? { previous } : {}),
  });
  const { engine } = built;
  engine.sourcesBaseUrl = options.sourcesBaseUrl;
  const save = async (): Promise<string | undefined> => {
    if (!file) return undefined;
    try {
      await saveSnapshot(file, key, engine.parts, built.warnings.slice(read.warnings.length));
      return undefined;
    } catch (error) {
      return `could not save the index snapshot ${file}: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const opened = (): Opened => ({
    engine,
    warnings: [...built.warnings, ...notes],
    snapshot: file ? 'built' : 'off',
    build: built.stats,
  });
  if (options.saveLater) {
    tracker.update({ phase: 'done' });
    return { ...opened(), saved: save() };
  }
  if (file) tracker.update({ phase: 'saving' });
  const note = await save();
  if (note) notes.push(note);
  tracker.update({ phase: 'done' });
  return opened();
}
