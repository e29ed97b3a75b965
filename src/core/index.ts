/** The core: from a folder of documents to answers with cited excerpts. No Discord here. */
export type { Bm25Options } from './bm25.js';
export { type Corpus, loadCorpus } from './corpus.js';
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

import { loadCorpus } from './corpus.js';
import { Engine, type EngineOptions } from './engine.js';

/** Loads the seeds folder and builds the engine; warnings name skipped files. */
export async function openSeeds(
  dir: string,
  options: EngineOptions = {},
): Promise<{ engine: Engine; warnings: string[] }> {
  const corpus = await loadCorpus(dir);
  return { engine: await Engine.build(corpus, options), warnings: corpus.warnings };
}
