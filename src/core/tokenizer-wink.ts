/**
 * The wink-nlp instance the tokenizer reads with, and what the tokenizer remembers: the bounds
 * of its caches (small between builds, sized to the corpus during one: bulk()), the unknown
 * words wink learns (a fresh instance replaces one that learnt too many), the caches of stems,
 * stop words, lexicon look-ups and chunks, and the look-ups by wink's lexicon.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { BoundedCache } from './cache.js';
import type { Chunk } from './tokenizer-types.js';

/**
 * The model, with one fix: its metaCER() stringifies its own previous result on every call, so
 * each new wink-nlp instance would hold a text twice as escaped as the last (after about twenty
 * instances it no longer fits in a string). Every instance gets the first result.
 */
const cerMeta = (model.metaCER as () => unknown)();
const stableModel: typeof model = Object.assign(Object.create(null), model, { metaCER: () => cerMeta });

/** The instance in use (noteIds replaces it; importers see the new one). */
export let nlp = winkNLP(stableModel, []);
export const its = nlp.its;

/**
 * Size of the model's English lexicon. wink gives every lexeme an id; words outside the
 * lexicon get ids from here on. Read once, before any text has added unknown words.
 */
const LEXICON_SIZE = (() => {
  const id = (w: string) => nlp.readDoc(w).tokens().out(its.uniqueId)[0] as unknown as number;
  const size = id('zqxjvkwpq');
  // Self-check: a common word must be inside, the nonsense word outside.
  return id('people') < size ? size : Number.POSITIVE_INFINITY;
})();

/**
 * How much the tokenizer may remember. wink-nlp adds every word it has not seen to its
 * lexicon and never forgets it, and our caches remember chunks, stems and look-ups: without a
 * bound, a bot that reads questions for months would grow with every new word. Between builds
 * the bounds are small (questions need few words); while a corpus is being built they are sized
 * to the corpus (see bulk()), up to these maximums, so each distinct chunk is tokenised once and
 * every word's stop-word and stem look-ups are remembered. Every cache is safe to overflow: an
 * entry dropped is computed again.
 */
export const CACHE_LIMITS: Record<'query' | 'bulk', { unknownWords: number; chunks: number; words: number }> =
  {
    /** Between builds: new words wink may add before a fresh wink-nlp instance replaces it. */
    query: { unknownWords: 20_000, chunks: 16_384, words: 16_384 },
    /** During a build, at most. */
    bulk: { unknownWords: 2_000_000, chunks: 4_000_000, words: 2_000_000 },
  };

/** Bytes of text per distinct chunk and per distinct word, at the least (real text has fewer). */
const BYTES_PER_CHUNK = 64;
const BYTES_PER_WORD = 128;
const MIN_BULK = 4096;

/** The limits of a build of `bytes` bytes of text: its vocabulary fits, within the maximums. */
function bulkLimits(bytes: number): { unknownWords: number; chunks: number; words: number } {
  const max = CACHE_LIMITS.bulk;
  return {
    unknownWords: max.unknownWords,
    chunks: Math.min(max.chunks, Math.max(MIN_BULK, Math.ceil(bytes / BYTES_PER_CHUNK))),
    words: Math.min(max.words, Math.max(MIN_BULK, Math.ceil(bytes / BYTES_PER_WORD))),
  };
}

/** Words wink-nlp has added to the current instance's lexicon. */
let unknownWords = 0;
/** Builds under way (see bulk()). */
let bulkDepth = 0;
let recycled = 0;
/** The limits of the builds under way. */
let bulkSized = bulkLimits(0);
export const limits = () => (bulkDepth > 0 ? bulkSized : CACHE_LIMITS.query);

/** Counts the unknown words a wink-nlp call added (their ids run on from LEXICON_SIZE). */
export function noteIds(ids: readonly unknown[]): void {
  let max = -1;
  for (const id of ids) if ((id as number) > max) max = id as number;
  if (max >= LEXICON_SIZE) unknownWords = Math.max(unknownWords, max - LEXICON_SIZE + 1);
  if (unknownWords > limits().unknownWords) {
    // A fresh instance reads the model again: what the old one learnt is garbage now.
    nlp = winkNLP(stableModel, []);
    unknownWords = 0;
    recycled++;
  }
}

/** wink-nlp's tokens of a text, counting the unknown words it learnt. */
export function read(text: string): ReturnType<ReturnType<typeof nlp.readDoc>['tokens']> {
  const tokens = nlp.readDoc(text).tokens();
  noteIds(tokens.out(its.uniqueId) as unknown as number[]);
  return tokens;
}

export const stems = new BoundedCache<string, string>(CACHE_LIMITS.query.words);
export const stopWords = new BoundedCache<string, boolean>(CACHE_LIMITS.query.words);
const lexicon = new BoundedCache<string, boolean>(CACHE_LIMITS.query.words);
export const chunks = new BoundedCache<string, Chunk>(CACHE_LIMITS.query.chunks);

/**
 * Runs a build of about `bytes` bytes of text with limits sized to it: returns the function that
 * ends it. When the last build ends, every cache is emptied and shrinks to the small limits, and
 * wink-nlp's instance is replaced if the build taught it more words than questions may.
 */
export function bulk(bytes = 0): () => void {
  if (bulkDepth++ === 0) {
    bulkSized = bulkLimits(bytes);
    resizeCaches();
  }
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--bulkDepth === 0) {
      resizeCaches();
      noteIds([]);
    }
  };
}

function resizeCaches(): void {
  const l = limits();
  // Builds remember chunks in their own encoders: the shared cache is for questions.
  chunks.clear(CACHE_LIMITS.query.chunks);
  for (const c of [stems, stopWords, lexicon]) c.clear(l.words);
}

/** What the tokenizer holds now (for tests and the memory script). */
export function tokenizerStats(): { unknownWords: number; recycled: number; cached: number } {
  return {
    unknownWords,
    recycled,
    cached: chunks.size + stems.size + stopWords.size + lexicon.size,
  };
}

/** Whether wink's English lexicon knows the word (then it is no typo, even if the corpus lacks it). */
export function isEnglishWord(word: string): boolean {
  return lexicon.remember(word, (w) => (read(w).out(its.uniqueId)[0] as unknown as number) < LEXICON_SIZE);
}

/** wink's English lexicon, its words of lower-case letters (about 60,000), read on first use. */
let lexiconWords: ReadonlySet<string> | undefined;

/**
 * The words of wink's English lexicon, as a set: for looking up many candidate spellings at once
 * (see misspelt in query-names.ts) without teaching wink each one as an unknown word. Read from
 * the model's lexeme list; empty if the model no longer lays it out so (nothing is then read as
 * misspelt).
 */
export function englishWords(): ReadonlySet<string> {
  if (!lexiconWords) {
    const core = (model as unknown as { core?: () => { features?: { lexeme?: { list?: unknown } } } }).core;
    const list = core?.().features?.lexeme?.list;
    lexiconWords = new Set(
      Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string' && /^[a-z]+$/.test(w)) : [],
    );
  }
  return lexiconWords;
}

export function isStopWord(word: string): boolean {
  return stopWords.remember(word, (w) => read(w).out(its.stopWordFlag)[0] === true);
}
