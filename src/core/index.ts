/** The core: from a folder of documents to answers with cited excerpts. No Discord here. */
export type { Bm25Options } from './bm25.js';
export { type Corpus, loadCorpus, parseSeeds, readSeeds } from './corpus.js';
export { matchDocuments, resolveDocument } from './documents.js';
export {
  type Answer,
  type AnswerOptions,
  type Citation,
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
export { cutText } from './normalize.js';

import { parseSeedsAsync, readSeeds } from './corpus.js';
import { Engine, type EngineOptions } from './engine.js';
import { CoreError } from './errors.js';
import { loadSnapshot, saveSnapshot, snapshotKey, snapshotPath } from './snapshot.js';

export const DEFAULT_CACHE_DIR = '.cache';

export interface OpenOptions {
  engine?: EngineOptions;
  /** Folder for index snapshots (default `.cache`); null: never read or write one. */
  cacheDir?: string | null;
  /** Threads for a large index build (default 2). */
  threads?: number;
  /**
   * Fail instead of skipping a file that cannot be read now (a reload keeps the old index rather
   * than serve without a file that is, say, being rewritten). Files skipped by rule (hidden,
   * links out of the folder, too large) are skipped either way.
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
}

/**
 * Loads the seeds folder and builds the engine — or loads it from the snapshot of an
 * unchanged corpus in the cache folder. Warnings name skipped files.
 */
export async function openSeeds(dir: string, options: OpenOptions = {}): Promise<Opened> {
  const engineOptions = options.engine ?? {};
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  const read = await readSeeds(dir);
  if (options.strict && read.failures.length > 0) {
    throw new CoreError('SEEDS_UNREADABLE', read.failures.join('; '));
  }
  const notes: string[] = [];
  let file: string | undefined;
  let key = '';
  if (cacheDir !== null) {
    file = snapshotPath(cacheDir, read.root);
    key = await snapshotKey(read, engineOptions);
    const loaded = await loadSnapshot(file, key);
    if (loaded.status === 'hit') {
      const engine = new Engine(loaded.parts);
      engine.sourcesBaseUrl = options.sourcesBaseUrl;
      return {
        engine,
        warnings: [...read.warnings, ...loaded.warnings],
        snapshot: 'loaded',
      };
    }
    if (loaded.status === 'corrupt')
      notes.push(`ignored the index snapshot ${file}: ${loaded.reason}; rebuilding it`);
  }
  const corpus = await parseSeedsAsync(read);
  const engine = await Engine.build(corpus, engineOptions, options.threads ?? 2);
  engine.sourcesBaseUrl = options.sourcesBaseUrl;
  if (file) {
    try {
      await saveSnapshot(file, key, engine.parts, corpus.warnings.slice(read.warnings.length));
    } catch (error) {
      notes.push(
        `could not save the index snapshot ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { engine, warnings: [...corpus.warnings, ...notes], snapshot: file ? 'built' : 'off' };
}
