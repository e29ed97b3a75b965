/**
 * Terms for matching, from wink-nlp's tokens: lower case, stemmed, stop words out, with the
 * core's rules on top:
 * - an all-caps acronym (`IS`, `US`, `U.S.`) is a term even when its lower-case form is a
 *   stop word, and it never collides with that stop word (which is never a term);
 * - hyphen variants match: `co-operate` gives `cooperate` as well as `co` and `operate`,
 *   `intelligence-sharing` gives `intelligence`, `sharing` and `intelligencesharing`;
 * - negated words give their plain form (`don't support` → `support`);
 * - numbers are terms, without thousands separators (`2,000` → `2000`).
 * Text is normalised first (see normalize.ts), so curly quotes and dashes do not matter.
 */

import { createRequire } from 'node:module';
import { stem as porter2 } from 'porter2';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { BoundedCache } from './cache.js';
import { CJK, normalizeForMatch } from './normalize.js';

/** One word of a text and what it means for matching (no alternatives for a stop word). */
export interface Word {
  /** The word in lower case, as wink normalises it (British spellings become American). */
  text: string;
  /** The word as written, in lower case. */
  written: string;
  /**
   * Ways the word can match; each is a list of terms counted together. Usually one term;
   * a hyphenated word has two ways: `co-operate` is `[cooper]` or `[co, oper]`.
   */
  alternatives: string[][];
  /** A number or an acronym: matched exactly, never typo-corrected. */
  exact: boolean;
  /** Two characters of Chinese, Japanese or Korean text, or one (see cjkWords). */
  cjk?: 'pair' | 'char';
}

/**
 * The model, with one fix: its metaCER() stringifies its own previous result on every call, so
 * each new wink-nlp instance would hold a text twice as escaped as the last (after about twenty
 * instances it no longer fits in a string). Every instance gets the first result.
 */
const cerMeta = (model.metaCER as () => unknown)();
const stableModel: typeof model = Object.assign(Object.create(null), model, { metaCER: () => cerMeta });

let nlp = winkNLP(stableModel, []);
const its = nlp.its;
/**
 * English stems by porter2, the same Snowball English (Porter2) algorithm as wink-nlp's model
 * ships (`model.addons.stem`), about ten times faster (a build of 100,000 paragraphs stems some
 * 84,000 distinct words in each thread: 0.9 s, now 0.08 s). Over the 110,000 distinct words of
 * the quality sets and the benchmark corpus the two agree, except on a digit 3, which wink's
 * reads as its own mark for a consonant y (`w3c` → `wyc`, `503` → `50i`), and on runs of y
 * (`yyyy`); words reach it lower case, without apostrophes.
 */
const englishStem: (word: string) => string = porter2;

const CYRILLIC = /\p{Script=Cyrillic}/u;
let russian: ((word: string) => string) | undefined;

/**
 * A word's stem: a word in Cyrillic by the Russian Snowball stemmer (snowball-stemmers, loaded
 * when the first such word is met), where English's leaves it as written and a question's
 * `пакета` would never meet the documents' `пакет`; any other word by the English one (porter2).
 */
export function stemWord(word: string): string {
  if (!CYRILLIC.test(word)) return englishStem(word);
  // ё is written е as often as not, and this stemmer does not take it for a vowel
  // (чёрный → чёрны, черный → черн): both are read as е, as Snowball's current Russian does.
  word = word.replaceAll('ё', 'е');
  if (!russian) {
    const snowball = createRequire(import.meta.url)('snowball-stemmers') as {
      newStemmer(language: string): { stem(word: string): string };
    };
    const stemmer = snowball.newStemmer('russian');
    russian = (w) => stemmer.stem(w);
  }
  return russian(word);
}

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
const limits = () => (bulkDepth > 0 ? bulkSized : CACHE_LIMITS.query);

/** Counts the unknown words a wink-nlp call added (their ids run on from LEXICON_SIZE). */
function noteIds(ids: readonly unknown[]): void {
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

/** A word whose stop-word look-up is its token's own (nothing for wordTerm to fold or strip). */
const PLAIN_WORD = /^[a-z0-9]+$/;

/** wink-nlp's tokens of a text, counting the unknown words it learnt. */
function read(text: string): ReturnType<ReturnType<typeof nlp.readDoc>['tokens']> {
  const tokens = nlp.readDoc(text).tokens();
  noteIds(tokens.out(its.uniqueId) as unknown as number[]);
  return tokens;
}

const stems = new BoundedCache<string, string>(CACHE_LIMITS.query.words);
const stopWords = new BoundedCache<string, boolean>(CACHE_LIMITS.query.words);
const lexicon = new BoundedCache<string, boolean>(CACHE_LIMITS.query.words);

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

/** One letter or digit, in any script. */
export const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HAS_LETTER = /\p{L}/u;
const ALNUM_RUNS = /[\p{L}\p{N}]+/gu;
/** Letter/digit runs joined by hyphens (`debian-announce`, `my-package`). */
const HYPHENATED_RUNS = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;

/** Folds Latin diacritics (`François` → `francois`); other scripts keep their marks. */
function fold(word: string): string {
  return /[^\p{ASCII}]/u.test(word)
    ? word
        .normalize('NFD')
        .replace(/([a-z])\p{M}+/gu, '$1')
        .normalize('NFC')
    : word;
}

/** Whether wink's English lexicon knows the word (then it is no typo, even if the corpus lacks it). */
export function isEnglishWord(word: string): boolean {
  return lexicon.remember(word, (w) => (read(w).out(its.uniqueId)[0] as unknown as number) < LEXICON_SIZE);
}

export function isStopWord(word: string): boolean {
  return stopWords.remember(word, (w) => read(w).out(its.stopWordFlag)[0] === true);
}

/** The term of a plain lower-case word, or null for stop words and single letters. */
function wordTerm(word: string): string | null {
  // A contraction is its first word (`i'm` → i, `don't` → do, `pino's` → pino).
  const w = fold(word.replace(CONTRACTION, '').replace(/['.]/g, ''));
  if (w.length < 2 && !/\d/.test(w)) return null;
  if (!LETTER_OR_DIGIT.test(w) || isStopWord(w)) return null;
  return stems.remember(w, stemWord);
}

const CONTRACTION = /(?:['\u2019](?:s|m|re|ve|ll|d)|n['\u2019]t)$/;

/** The term of an acronym: never dropped as a stop word. */
function acronymTerm(word: string): string {
  const w = word.replace(/\./g, '');
  return isStopWord(w) ? w : stems.remember(w, stemWord);
}

function numberTerm(value: string): string {
  return value.replace(/[,_\s']/g, '');
}

interface Columns {
  value: string[];
  normal: string[];
  type: string[];
  letterCase: string[];
  spaces: string[];
}

/** wink-nlp's token columns for a text, read out in bulk (the pipe is empty: tokens only). */
function columns(text: string): Columns {
  const tokens = nlp.readDoc(text).tokens();
  const ids = tokens.out(its.uniqueId) as unknown as number[];
  const stop = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const normal = tokens.out(its.normal) as string[];
  // What wink said of each plain word answers isStopWord later without another wink call.
  for (let i = 0; i < normal.length; i++) {
    const w = normal[i] as string;
    if (PLAIN_WORD.test(w)) stopWords.set(w, stop[i] === true);
  }
  noteIds(ids);
  return unglueEmoticons(
    splitPossessives({
      value: tokens.out(its.value) as string[],
      normal,
      type: tokens.out(its.type) as string[],
      letterCase: tokens.out(its.case) as string[],
      spaces: tokens.out(its.precedingSpaces) as string[],
    }),
  );
}

/** A word and its possessive `'s`, as one token. */
const POSSESSIVE = /^(.*[^'])('[sS])$/;

/**
 * wink-nlp splits a possessive (`Bob's` → `Bob`, `'s`), but not before punctuation (`.`, `,`,
 * `:`, `-`, `/`, `…`: `Bob's.` → `Bob's`, `.`), and then it has learnt `Bob's` as a word: every
 * later `Bob's` comes back whole too. So how a text was read depended on what was read before it
 * (another question, the order of files, the thread a file went to). Such a token is split here
 * as wink splits it the first time: the word as wink reads it alone, then each `'s`.
 */
function splitPossessives(c: Columns): Columns {
  let out: Columns | undefined;
  for (let i = 0; i < c.type.length; i++) {
    let base = c.type[i] === 'word' ? (c.value[i] as string) : '';
    const marks: string[] = [];
    for (let m = POSSESSIVE.exec(base); m; m = POSSESSIVE.exec(base)) {
      base = m[1] as string;
      marks.unshift(m[2] as string);
    }
    const alone = marks.length > 0 ? read(base) : undefined;
    const split = alone !== undefined && alone.length() === 1;
    if (!out && !split) continue;
    out ??= {
      value: c.value.slice(0, i),
      normal: c.normal.slice(0, i),
      type: c.type.slice(0, i),
      letterCase: c.letterCase.slice(0, i),
      spaces: c.spaces.slice(0, i),
    };
    if (!split) {
      copyToken(out, c, i);
      continue;
    }
    pushToken(
      out,
      alone.out(its.value)[0] as string,
      alone.out(its.normal)[0] as string,
      alone.out(its.type)[0] as string,
      alone.out(its.case)[0] as string,
      c.spaces[i] as string,
    );
    for (const mark of marks) pushToken(out, mark, "'s", 'word', 'other', '');
  }
  return out ?? c;
}

/** Appends a token to columns. */
function pushToken(
  to: Columns,
  value: string,
  normal: string,
  type: string,
  letterCase: string,
  spaces: string,
): void {
  to.value.push(value);
  to.normal.push(normal);
  to.type.push(type);
  to.letterCase.push(letterCase);
  to.spaces.push(spaces);
}

/** Appends token i of `from` to `to`, as it is. */
function copyToken(to: Columns, from: Columns, i: number): void {
  pushToken(
    to,
    from.value[i] as string,
    from.normal[i] as string,
    from.type[i] as string,
    from.letterCase[i] as string,
    from.spaces[i] as string,
  );
}

/** An emoticon wink may find inside a name: `:p` of `host:port`, `:o` of `undici:websocket:open`. */
const GLUED_EMOTICON = /^([:;]-?)([A-Za-z0-9])$/;

/** Whether token i is such an emoticon with a word or number right before or after it. */
function glued(c: Columns, i: number): boolean {
  if (c.type[i] !== 'emoticon' || !GLUED_EMOTICON.test(c.value[i] ?? '')) return false;
  const word = (k: number) => c.type[k] === 'word' || c.type[k] === 'number';
  return (i > 0 && c.spaces[i] === '' && word(i - 1)) || (c.spaces[i + 1] === '' && word(i + 1));
}

function letterCaseOf(word: string): string {
  if (/^[a-z]+$/.test(word)) return 'lowerCase';
  if (/^[A-Z]+$/.test(word)) return 'upperCase';
  if (/^[A-Z][a-z]+$/.test(word)) return 'titleCase';
  return 'other';
}

/**
 * wink-nlp reads `:p`, `:D`, `:o`, `:s`, `:x`, `;p` as emoticons even inside a name, so
 * `host:port` became `host`, `:p`, `ort`. Glued to a word or number on either side, such a token
 * is its colon (or semicolon), and its letter starts the word after it (or is a word alone).
 */
function unglueEmoticons(c: Columns): Columns {
  let any = false;
  for (let i = 0; i < c.type.length && !any; i++) any = glued(c, i);
  if (!any) return c;
  const out: Columns = { value: [], normal: [], type: [], letterCase: [], spaces: [] };
  // A piece of a split token (normal: lower case).
  const push = (value: string, type: string, spaces: string, letterCase = 'other') =>
    pushToken(out, value, type === 'word' ? value.toLowerCase() : value, type, letterCase, spaces);
  for (let i = 0; i < c.type.length; i++) {
    if (!glued(c, i)) {
      copyToken(out, c, i);
      continue;
    }
    // The mark stays one token (`:-` of `${MODE:-production}`), so no `-` reads as an option.
    const [, mark, letter] = GLUED_EMOTICON.exec(c.value[i] as string) as unknown as string[];
    push(mark as string, 'punctuation', c.spaces[i] as string);
    const next = c.value[i + 1];
    if (
      next !== undefined &&
      c.spaces[i + 1] === '' &&
      (c.type[i + 1] === 'word' || c.type[i + 1] === 'number')
    ) {
      const word = `${letter}${next}`;
      push(word, /^\d+$/.test(word) ? 'number' : 'word', '', letterCaseOf(word));
      i++;
    } else
      push(
        letter as string,
        /\d/.test(letter as string) ? 'number' : 'word',
        '',
        letterCaseOf(letter as string),
      );
  }
  return out;
}

/** What one token means for matching. */
interface TokenMeaning {
  /** Ways the token can match; each way is a list of terms that must all be counted. */
  alternatives: string[][];
  /** A number or an acronym: matched exactly, never typo-corrected. */
  exact: boolean;
}

const NONE: TokenMeaning = { alternatives: [], exact: false };

function meaning(c: Columns, i: number, acronym: boolean): TokenMeaning {
  const normal = c.normal[i] ?? '';
  const type = c.type[i];
  if (type === 'number') return { alternatives: [[numberTerm(normal)]], exact: true };
  if (type === 'word') {
    const bare = normal.replace(/^'+|'+$/g, '');
    if (acronym && bare.replace(/\./g, '').length >= 2) {
      return { alternatives: [[acronymTerm(bare)]], exact: true };
    }
    if (bare.includes('-')) {
      const parts = bare.split('-').filter((p) => p.length > 0);
      const joined = wordTerm(parts.join(''));
      const split = parts.map(wordTerm).filter((t): t is string => t !== null && t !== joined);
      const alternatives = [joined ? [joined] : [], split].filter((a) => a.length > 0);
      return { alternatives, exact: false };
    }
    const t = wordTerm(bare);
    const camel = t ? camelParts(c.value[i] ?? '') : null;
    if (t && camel) {
      // An identifier matches as a whole and by its parts: `maxRetries` is `maxretri` or `max retri`.
      const parts = [...new Set(camel.map((part) => wordTerm(part.toLowerCase())))].filter(
        (p): p is string => p !== null && p !== t,
      );
      if (parts.length >= 1) return { alternatives: [[t], parts], exact: false };
    }
    return t ? { alternatives: [[t]], exact: !HAS_LETTER.test(bare) } : NONE;
  }
  if (type === 'punctuation' || type === 'symbol' || type === 'tabCRLF') return NONE;
  // A word in a script wink-nlp's model does not know (Cyrillic, Greek: `unk`) is a word all the
  // same, not a name to be matched exactly: `как` is a stop word of its language (see
  // languages.ts), `пакеты` a word like any other, stemmed (see stemWord).
  if (type === 'unk' && LETTERS_ONLY.test(normal)) {
    const t = wordTerm(normal);
    return t ? { alternatives: [[t]], exact: false } : NONE;
  }
  // URLs, e-mails, hashtags, mentions, ordinals, times, unknown runs: their letter/digit runs,
  // and a hyphenated name among them joined too, as a hyphenated word is matched
  // (`debian-announce@lists.debian.org` holds `debianannounce`: "is debian-announce
  // moderated?" finds that list before `debian-backports-announce@…`).
  const runs = (normal.match(ALNUM_RUNS) ?? [])
    .map((run) => (/^\d+$/.test(run) ? run : wordTerm(run)))
    .filter((t): t is string => t !== null);
  for (const name of normal.match(HYPHENATED_RUNS) ?? []) {
    const joined = wordTerm(name.replaceAll('-', ''));
    if (joined && !runs.includes(joined)) runs.push(joined);
  }
  // A mention of a common word (`@here`, `@everyone`, `@all`: what a server's rules forbid)
  // is a term of its own, written with its `@`, where the word alone is a stop word.
  if (runs.length === 0 && type === 'mention' && MENTION.test(normal))
    return { alternatives: [[normal]], exact: true };
  return runs.length > 0 ? { alternatives: [runs], exact: true } : NONE;
}

/** Letters (and their marks) only. */
const LETTERS_ONLY = /^\p{L}[\p{L}\p{M}]*$/u;

/** A mention as a term: `@` and a name of letters (`@here`, `@everyone`). */
const MENTION = /^@\p{Ll}{2,32}$/u;
const CAMEL = /[a-z\d][A-Z]|[A-Z]{2}[a-z]/;
const CAMEL_PARTS = /[A-Z]{2,}(?![a-z])|[A-Z](?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g;
/** An acronym's plural (`APIs`, `PRs`, `URLs`): the acronym, not `AP` and `Is`. */
const ACRONYM_PLURAL = /^[A-Z]{2,}s$/;

/**
 * The parts of a camelCase or PascalCase word (`maxRetries` → max, Retries; `XMLHttpRequest`
 * → XML, Http, Request; `OAuth` → O, Auth), or null for any other word.
 */
export function camelParts(value: string): string[] | null {
  if (ACRONYM_PLURAL.test(value)) return [value.slice(0, -1)];
  if (!CAMEL.test(value)) return null;
  const parts = value.match(CAMEL_PARTS);
  return parts && parts.length > 1 ? parts : null;
}

/**
 * Whether tokens from `i` are a name and its version joined by a slash, `HTTP/2`, `HTTP/3`:
 * letters, `/`, a number of one or two digits, nothing glued after (not `a/2/b`).
 */
function versionSlash(c: Columns, i: number): boolean {
  if (c.type[i] !== 'word' || c.normal[i + 1] !== '/' || c.type[i + 2] !== 'number') return false;
  if (c.spaces[i + 1] !== '' || c.spaces[i + 2] !== '') return false;
  if (!/^\p{L}{2,}$/u.test(c.normal[i] ?? '') || !/^\d{1,2}$/.test(c.normal[i + 2] ?? '')) return false;
  return c.spaces[i + 3] !== '' || (c.normal[i + 3] !== '/' && c.type[i + 3] !== 'word');
}

/** Whether token i is a hyphen joining two words: `intelligence-sharing`. */
function hyphenJoins(c: Columns, i: number): boolean {
  if (c.normal[i] !== '-' || c.spaces[i] !== '' || c.spaces[i + 1] !== '') return false;
  if (c.type[i - 1] !== 'word' || c.type[i + 1] !== 'word') return false;
  return HAS_LETTER.test(c.normal[i - 1] ?? '') && HAS_LETTER.test(c.normal[i + 1] ?? '');
}

/**
 * A chunk: a run of text between spaces, tokenised once and remembered. Texts are split at
 * white space and each distinct chunk goes through wink-nlp once, so a corpus costs one
 * tokenisation per distinct chunk, not per word; what a chunk means can depend on its text
 * only in one way, whether its upper-case words are acronyms, so both readings are kept.
 */
interface Chunk {
  columns: Columns;
  /** Word tokens in upper case, and whether any word token is in lower or title case. */
  upperWords: number;
  hasLower: boolean;
  /** The chunk's words with upper-case words as acronyms, and as ordinary words. */
  asAcronyms?: Word[];
  asWords?: Word[];
}

const chunks = new BoundedCache<string, Chunk>(CACHE_LIMITS.query.chunks);

function chunkWords(chunk: Chunk, acronyms: boolean): Word[] {
  if (acronyms) {
    if (!chunk.asAcronyms) chunk.asAcronyms = wordsOf(chunk.columns, true);
    return chunk.asAcronyms;
  }
  if (!chunk.asWords)
    chunk.asWords = chunk.upperWords > 0 ? wordsOf(chunk.columns, false) : chunkWords(chunk, true);
  return chunk.asWords;
}

/** Characters of scripts written without spaces between words (see normalize.ts). */
const CJK_CLASS = `[${CJK}]`;
export const CJK_CHAR = new RegExp(CJK_CLASS, 'u');
/** Runs of those characters, and runs of other letters and digits. */
const CJK_OR_OTHER_RUNS = new RegExp(`${CJK_CLASS}+|(?:(?!${CJK_CLASS})[\\p{L}\\p{N}])+`, 'gu');

/**
 * The words of a token holding Chinese, Japanese or Korean text. Such text has no spaces between
 * its words (wink-nlp reads a whole clause as one token, so nothing matched it), and no word
 * list comes with the model: each run of those characters is read as its overlapping pairs of
 * characters (`インストール方法` → イン, ンス, …, 方法), as search engines index such text, and
 * as its characters one by one (a word of one character, 笔 or 字, is no pair); a word in
 * another script inside it (`kuroshiroの`) is a word as anywhere else. A question matches by its
 * pairs, and by those of its characters no pair it shares with the documents holds (query.ts).
 */
function cjkWords(text: string): Word[] {
  return cjkPieces(text).map(({ text: piece, term, cjk }) =>
    cjk
      ? { text: piece, written: piece, alternatives: [[term]], exact: false, cjk }
      : { text: piece, written: piece, alternatives: [[term]], exact: /^\d+$/.test(piece) },
  );
}

/** A piece of a text holding Chinese, Japanese or Korean characters, and where it stands. */
export interface CjkPiece {
  start: number;
  end: number;
  text: string;
  term: string;
  /** A pair or a single character of those scripts; absent for a word in another script. */
  cjk?: 'pair' | 'char';
}

/**
 * The pieces of a text holding Chinese, Japanese or Korean characters (see cjkWords), each with
 * its term and where it stands in the text (pairs overlap), for the words of a question or a
 * passage and for marking them in an excerpt.
 */
export function cjkPieces(text: string): CjkPiece[] {
  const out: CjkPiece[] = [];
  for (const m of text.matchAll(CJK_OR_OTHER_RUNS)) {
    const run = m[0];
    const at = m.index;
    if (CJK_CHAR.test(run)) {
      // Each character's place (a Han character outside the BMP takes two code units).
      const starts: number[] = [];
      for (let k = 0; k < run.length; k += (run.codePointAt(k) ?? 0) > 0xffff ? 2 : 1) starts.push(k);
      starts.push(run.length);
      for (let k = 0; k + 1 < starts.length; k++) {
        const from = starts[k] as number;
        const char = run.slice(from, starts[k + 1]);
        out.push({ start: at + from, end: at + from + char.length, text: char, term: char, cjk: 'char' });
        if (k + 2 < starts.length) {
          const pair = run.slice(from, starts[k + 2]);
          out.push({ start: at + from, end: at + from + pair.length, text: pair, term: pair, cjk: 'pair' });
        }
      }
      continue;
    }
    // Lower case piece by piece, so every piece keeps its place (`İ` grows in lower case).
    const lower = run.toLowerCase();
    const term = /^\d+$/.test(lower) ? lower : wordTerm(lower);
    if (term) out.push({ start: at, end: at + run.length, text: lower, term });
  }
  return out;
}

function wordsOf(c: Columns, acronyms: boolean): Word[] {
  const out: Word[] = [];
  const meaningAt = (i: number) => meaning(c, i, acronyms && c.letterCase[i] === 'upperCase');
  for (let i = 0; i < c.normal.length; i++) {
    if (CJK_CHAR.test(c.normal[i] ?? '')) {
      for (const w of cjkWords(c.value[i] ?? '')) out.push(w);
      continue;
    }
    const keys = keysAt(c, i);
    if (keys) out.push({ text: keys, written: keys, alternatives: [[keys]], exact: true });
    if (versionSlash(c, i)) {
      // `HTTP/2`: one word, matched as written without the slash (`http2`) or by its parts.
      const name = c.normal[i] as string;
      const version = c.normal[i + 2] as string;
      const parts = [...new Set([...(meaningAt(i).alternatives[0] ?? []), version])];
      out.push({
        text: `${name}/${version}`,
        written: `${(c.value[i] ?? '').toLowerCase()}/${version}`,
        alternatives: [[`${name}${version}`], parts],
        exact: false,
      });
      i += 2;
      continue;
    }
    if (c.type[i] === 'word' && hyphenJoins(c, i + 1)) {
      // `a-b-c` split by the tokeniser: one word, matched joined (`abc`) or by its parts.
      const at = [i];
      while (hyphenJoins(c, (at.at(-1) as number) + 1)) at.push((at.at(-1) as number) + 2);
      const normals = at.map((k) => c.normal[k] ?? '');
      const joined = wordTerm(normals.join(''));
      const parts = [...new Set(at.flatMap((k) => meaningAt(k).alternatives[0] ?? []))].filter(
        (t) => t !== joined,
      );
      out.push({
        text: normals.join('-'),
        written: at.map((k) => (c.value[k] ?? '').toLowerCase()).join('-'),
        alternatives: [joined ? [joined] : [], parts].filter((a) => a.length > 0),
        exact: false,
      });
      i = at.at(-1) as number;
      continue;
    }
    const flag = optionAt(c, i);
    if (flag) out.push({ text: flag, written: flag.toLowerCase(), alternatives: [[flag]], exact: true });
    const language = languageAt(c, i);
    if (language) {
      out.push({ text: language.name, written: language.name, alternatives: [[language.name]], exact: true });
      // `C++17`, `C++11/14`: the versions after the name are numbers of their own.
      const rest = language.length === 3 ? (c.value[i + 2] ?? '').slice(1) : '';
      for (const version of rest.match(/\d+/g) ?? [])
        out.push({ text: version, written: version, alternatives: [[version]], exact: true });
      i += language.length - 1;
      continue;
    }
    const type = c.type[i];
    const m = type === 'word' || type === 'number' ? meaningAt(i) : meaning(c, i, false);
    if (m.alternatives.length === 0) continue;
    out.push({ text: c.normal[i] ?? '', written: (c.value[i] ?? '').toLowerCase(), ...m });
  }
  return out;
}

/**
 * A short command-line option starting at token i (`-k`, `-L`, `-fsSL`), as written: a term of
 * its own, so "is it safe to pass -k?" finds "use -k". Case counts (`-L` is not `-l`). Long
 * options (`--insecure`) need nothing: their word is a word.
 */
function optionAt(c: Columns, i: number): string | undefined {
  if (c.value[i] !== '-') return undefined;
  // At the start of a chunk or after an opening mark (`(-k)`, `-L/-l`), never inside a word.
  const before = c.type[i - 1];
  if (i > 0 && (before === 'word' || before === 'number' || c.spaces[i] !== '')) return undefined;
  // A default after a colon (`${LEVEL:-info}`, `TZ:-UTC`) is not an option (`CFLAGS=-O2` is).
  if (i > 0 && (c.value[i - 1] ?? '').endsWith(':')) return undefined;
  // wink reads `-k.` at the end of a sentence as `-` and `k.`.
  const name = c.value[i + 1]?.replace(/\.$/, '');
  if (c.type[i + 1] !== 'word' || c.spaces[i + 1] !== '' || !name || !/^[A-Za-z][A-Za-z0-9]{0,3}$/.test(name))
    return undefined;
  return `-${name}`;
}

/** Modifier keys as a shortcut writes them, and the name each is read as. */
const MODIFIER_KEYS: ReadonlyMap<string, string> = new Map([
  ['ctrl', 'ctrl'],
  ['control', 'ctrl'],
  ['alt', 'alt'],
  ['shift', 'shift'],
  ['cmd', 'cmd'],
  ['command', 'cmd'],
  ['meta', 'meta'],
  ['option', 'option'],
  ['opt', 'option'],
  ['super', 'super'],
  ['win', 'win'],
  ['fn', 'fn'],
]);

/** The order modifiers are named in a shortcut's term, whatever order a text writes them in. */
const MODIFIER_ORDER = [...new Set(MODIFIER_KEYS.values())];
/** Keys named by a word, which may end a shortcut (`Ctrl+Enter`); a letter, digit or F-key may too. */
const KEY_NAMES = new Set([
  'enter',
  'return',
  'tab',
  'space',
  'esc',
  'escape',
  'delete',
  'del',
  'backspace',
  'home',
  'end',
  'pageup',
  'pagedown',
  'pgup',
  'pgdn',
  'up',
  'down',
  'left',
  'right',
  'insert',
  'ins',
  'plus',
  'minus',
  'comma',
  'period',
  'slash',
  'backslash',
  'backtick',
  'semicolon',
  'quote',
  'pause',
  'break',
  'print',
  'prtsc',
]);
const SINGLE_KEY = /^(?:[a-z0-9]|f\d{1,2})$/;

/**
 * Where a text writes a shortcut term (`ctrl+shift+p`): `Ctrl+Shift+P`, `Shift-Ctrl-P`,
 * `Control + Shift + P`, any case, the modifiers in any order; undefined for a term that is no
 * shortcut.
 */
export function shortcutPattern(term: string): RegExp | undefined {
  const keys = term.split('+');
  const key = keys.pop() as string;
  if (keys.length === 0 || !keys.every((k) => MODIFIER_ORDER.includes(k))) return undefined;
  const modifiers = [...MODIFIER_KEYS].filter(([, name]) => keys.includes(name)).map(([written]) => written);
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(?:${modifiers.join('|')}) ?[+-] ?){${keys.length}}${key.replace(/[^a-z0-9]/g, '')}(?![\\p{L}\\p{N}])`,
    'giu',
  );
}

/** A text as it is cut into chunks, in questions and documents alike. */
function chunkText(text: string): string {
  return closeShortcuts(normalizeForMatch(text));
}

/**
 * Spaces around the plus of a shortcut, closed up (`Ctrl + C` → `Ctrl+C`) before a text is cut
 * into chunks at its spaces, so that the shortcut is one chunk (see keysAt).
 */
function closeShortcuts(text: string): string {
  return text.includes('+') ? text.replace(SPACED_SHORTCUT, '$1+') : text;
}
const SPACED_SHORTCUT = new RegExp(
  `\\b(${[...MODIFIER_KEYS.keys()].join('|')}) ?\\+ ?(?=[\\p{L}\\p{N}])`,
  'giu',
);

/**
 * A keyboard shortcut starting at token i (`Ctrl+C`, `Ctrl-Shift-P`, `Alt+F4`, `Cmd+Enter`,
 * `Control-Alt-Delete`): one term of its own as well as its words (`ctrl+c`, the modifiers in a
 * fixed order), so "what does ctrl+c do?" finds `Ctrl+C` and not every other Ctrl shortcut (the
 * C alone is no word). The key is a letter, a digit, an F-key or a named key (`Enter`, `Left`);
 * with hyphens, a named key needs two modifiers: "shift-left" and "alt-text" are words.
 */
function keysAt(c: Columns, i: number): string | undefined {
  const first = MODIFIER_KEYS.get(c.normal[i] ?? '');
  if (c.type[i] !== 'word' || !first) return undefined;
  // Inside a shortcut (the Shift of Ctrl+Shift+P) no other one starts.
  const joined = (k: number) =>
    (c.value[k] === '+' || c.value[k] === '-') && c.spaces[k] === '' && c.spaces[k + 1] === '';
  if (i >= 2 && joined(i - 1) && MODIFIER_KEYS.has(c.normal[i - 2] ?? '')) return undefined;
  const modifiers = new Set([first]);
  let hyphen = false;
  for (let k = i + 1; modifiers.size < 5 && joined(k); k += 2) {
    const key = c.normal[k + 1] ?? '';
    if (c.type[k + 1] !== 'word' && c.type[k + 1] !== 'number') return undefined;
    hyphen ||= c.value[k] === '-';
    const modifier = MODIFIER_KEYS.get(key);
    if (modifier) {
      modifiers.add(modifier);
      continue;
    }
    const single = SINGLE_KEY.test(key);
    if (!single && !(KEY_NAMES.has(key) && (!hyphen || modifiers.size > 1))) return undefined;
    // `ctrl-c-handler` is a name, not a shortcut.
    if (c.value[k + 2] === '-' && c.spaces[k + 2] === '' && c.type[k + 3] === 'word') return undefined;
    return [...MODIFIER_ORDER.filter((m) => modifiers.has(m)), key].join('+');
  }
  return undefined;
}

/**
 * A language named by a letter and a mark (`C#`, `F#`, `C++`, `C++17`) at token i: one term of
 * its own (`c#`, `c++`), where the letter alone would be a stop word and the marks nothing.
 * Returns the term and how many tokens it spans.
 */
function languageAt(c: Columns, i: number): { name: string; length: number } | undefined {
  const letter = c.value[i];
  if (c.type[i] !== 'word' || !letter || !/^[A-Za-z]$/.test(letter)) return undefined;
  const attached = (k: number) => c.spaces[k] === '' && c.value[k] !== undefined;
  if (attached(i + 1) && c.value[i + 1] === '#' && !(attached(i + 2) && c.type[i + 2] === 'word'))
    return { name: `${letter.toLowerCase()}#`, length: 2 };
  if (attached(i + 1) && c.value[i + 1] === '+' && attached(i + 2) && (c.value[i + 2] ?? '').startsWith('+'))
    return { name: `${letter.toLowerCase()}++`, length: 3 };
  return undefined;
}

function makeChunk(columns: Columns): Chunk {
  let upperWords = 0;
  let hasLower = false;
  for (let i = 0; i < columns.type.length; i++) {
    if (columns.type[i] !== 'word') continue;
    const lc = columns.letterCase[i];
    if (lc === 'upperCase') upperWords++;
    else if (lc === 'lowerCase' || lc === 'titleCase') hasLower = true;
  }
  return { columns, upperWords, hasLower };
}

/** The chunks of a text, tokenising the ones not seen before in one wink-nlp call. */
function chunksOf(text: string, remember = true): Chunk[] {
  const normal = chunkText(text);
  if (!normal) return [];
  const raw = normal.split(' ');
  const out: Chunk[] = new Array(raw.length);
  let missing: Set<string> | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = chunks.get(raw[i] as string);
    if (c) out[i] = c;
    else {
      missing ??= new Set();
      missing.add(raw[i] as string);
    }
  }
  if (!missing) return out;
  // The new chunks come back from the call itself: the cache may already have dropped some.
  const made = tokenizeChunks([...missing], remember);
  for (let i = 0; i < raw.length; i++) out[i] ??= made.get(raw[i] as string) as Chunk;
  return out;
}

/** Tokenises new chunks with one wink-nlp call, remembers them (unless told not to), and returns them. */
function tokenizeChunks(missing: string[], remember = true): Map<string, Chunk> {
  const c = columns(missing.join(' '));
  const made = new Map<string, Chunk>();
  let at = 0;
  for (const key of missing) {
    const start = at;
    at++;
    while (at < c.normal.length && c.spaces[at] === '') at++;
    const spaces = c.spaces.slice(start, at);
    spaces[0] = '';
    const chunk = makeChunk({
      value: c.value.slice(start, at),
      normal: c.normal.slice(start, at),
      type: c.type.slice(start, at),
      letterCase: c.letterCase.slice(start, at),
      spaces,
    });
    made.set(key, chunk);
    if (remember) chunks.set(key, chunk);
  }
  return made;
}

/**
 * Whether each chunk's upper-case words are acronyms: they are, unless the text has no
 * lower-case word (shouted text, an upper-case heading) or they stand in a run of three or
 * more upper-case chunks ("WHERE IS IT" is shouting, not three acronyms). `true` or `false`
 * for every chunk alike (the usual case, no allocation), else one flag per chunk.
 */
function acronymReadings(
  upperWords: ArrayLike<number>,
  hasLower: ArrayLike<number>,
  n: number,
): boolean | boolean[] {
  let upper = 0;
  let lower = false;
  let run = 0;
  let longRun = false;
  for (let i = 0; i < n; i++) {
    const u = upperWords[i] as number;
    const l = hasLower[i] === 1;
    upper += u;
    lower ||= l;
    run = u > 0 && !l ? run + 1 : 0;
    if (run >= 3) longRun = true;
  }
  if (!lower && upper >= 3) return false;
  if (!longRun) return true;
  const flags = new Array<boolean>(n).fill(true);
  run = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && (upperWords[i] as number) > 0 && hasLower[i] !== 1) {
      run++;
      continue;
    }
    if (run >= 3) for (let j = i - run; j < i; j++) flags[j] = false;
    run = 0;
  }
  return flags;
}

/**
 * The words of a text with what each means for matching (see acronymReadings). A question's
 * new chunks are not remembered (`remember` false): words nobody asked before rarely come back,
 * and remembering them would only churn the cache.
 */
export function words(text: string, remember = true): Word[] {
  const cs = chunksOf(text, remember);
  const acronyms = acronymReadings(
    cs.map((c) => c.upperWords),
    cs.map((c) => (c.hasLower ? 1 : 0)),
    cs.length,
  );
  const out: Word[] = [];
  cs.forEach((chunk, i) => {
    const asAcronyms = acronyms === true || (acronyms !== false && acronyms[i] === true);
    for (const w of chunkWords(chunk, asAcronyms)) out.push(w);
  });
  return out;
}

/** Texts encoded and chunks tokenised by TermEncoders (for tests: a reload tokenises only what changed). */
const encoderStats = { texts: 0, chunksTokenised: 0 };

/** Texts encoded and chunks tokenised by TermEncoders in this thread since it started. */
export function encodingStats(): { texts: number; chunksTokenised: number } {
  return { ...encoderStats };
}

/** Reading 0 of a chunk takes its upper-case words as acronyms, reading 1 as ordinary words. */
type Reading = 0 | 1;

/**
 * The chunks an encoder has seen, found by a hash of their characters computed while the text
 * is scanned: a chunk seen before costs no substring and no string hashing (an open-addressing
 * table of 32-bit FNV-1a hashes; equal hashes are told apart by the characters). What every
 * occurrence of a chunk needs is kept in typed columns by the chunk's index, not in an object
 * per chunk: how it reads, and where its codes are in one pool of numbers. Each code is the
 * number of its term ids, the number of its written-word ids, then the ids.
 */
class ChunkTable {
  /** Each chunk's text, by index. */
  readonly keys: string[] = [];
  size = 0;
  /** Per chunk: its hash; its upper-case words (-1 until tokenised); 1 when it has lower-case words. */
  hashes = new Int32Array(0);
  upper = new Int32Array(0);
  lower = new Uint8Array(0);
  /** Per chunk i and reading r, at 2i + r: where its code starts in `pool`, plus one (0: none yet). */
  codes = new Int32Array(0);
  pool = new Int32Array(1 << 12);
  poolSize = 0;
  /** A reading's words read but not coded yet, by 2i + r (both readings are read at once). */
  readonly pending = new Map<number, Word[]>();
  /** Open addressing: per slot, a chunk's index (-1: empty) and its hash, side by side. */
  private slots = new Int32Array(0);
  private mask = 0;

  constructor() {
    this.clear();
  }

  /** Forgets every chunk (an overflow of the encoder's capacity: they are tokenised again). */
  clear(): void {
    this.size = 0;
    this.keys.length = 0;
    this.poolSize = 0;
    this.pending.clear();
    this.resize(1 << 12);
  }

  private resize(slotCount: number): void {
    this.slots = new Int32Array(2 * slotCount).fill(-1);
    this.mask = slotCount - 1;
    for (let i = 0; i < this.size; i++) {
      const hash = this.hashes[i] as number;
      let at = hash & this.mask;
      while ((this.slots[2 * at] as number) >= 0) at = (at + 1) & this.mask;
      this.slots[2 * at] = i;
      this.slots[2 * at + 1] = hash;
    }
  }

  /** The index of the chunk text[from, to) of hash `hash`, added (not tokenised) when new. */
  index(text: string, from: number, to: number, hash: number): number {
    const slots = this.slots;
    const length = to - from;
    let at = hash & this.mask;
    for (;;) {
      const i = slots[2 * at] as number;
      if (i < 0) break;
      if (slots[2 * at + 1] === hash) {
        const key = this.keys[i] as string;
        if (key.length === length && sameChars(key, text, from, length)) return i;
      }
      at = (at + 1) & this.mask;
    }
    const i = this.size++;
    if (i >= this.hashes.length) this.grow();
    this.keys.push(text.slice(from, to));
    this.hashes[i] = hash;
    this.upper[i] = -1;
    this.lower[i] = 0;
    this.codes[2 * i] = 0;
    this.codes[2 * i + 1] = 0;
    slots[2 * at] = i;
    slots[2 * at + 1] = hash;
    if (this.size * 2 > this.mask + 1) this.resize(2 * (this.mask + 1));
    return i;
  }

  /** Appends a code (term ids, then written-word ids) to the pool: where it starts. */
  addCode(ids: readonly number[], words: readonly number[]): number {
    const need = this.poolSize + 2 + ids.length + words.length;
    if (need > this.pool.length) {
      const grown = new Int32Array(Math.max(need, 2 * this.pool.length));
      grown.set(this.pool.subarray(0, this.poolSize));
      this.pool = grown;
    }
    const at = this.poolSize;
    const pool = this.pool;
    pool[at] = ids.length;
    pool[at + 1] = words.length;
    let p = at + 2;
    for (const id of ids) pool[p++] = id;
    for (const w of words) pool[p++] = w;
    this.poolSize = p;
    return at;
  }

  private grow(): void {
    const n = Math.max(1 << 12, 2 * this.hashes.length);
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const upper = new Int32Array(n);
    upper.set(this.upper);
    this.upper = upper;
    const lower = new Uint8Array(n);
    lower.set(this.lower);
    this.lower = lower;
    const codes = new Int32Array(2 * n);
    codes.set(this.codes);
    this.codes = codes;
  }
}

/** Whether `key` is text[from, from + length) (the caller has compared the lengths). */
function sameChars(key: string, text: string, from: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (key.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

/**
 * Turns texts into term ids for the index, fast: each distinct chunk is tokenised once per
 * encoder and its ids remembered (without wink's columns, which are large). Also gives every
 * written word an id with its term (for typo tolerance), and each text's distinct written
 * words in the order they first appear. Terms and words get ids in the order first seen.
 */
export class TermEncoder {
  /** Term of each id. */
  readonly terms: string[] = [];
  /** Written word of each word id, and the id of its term. */
  readonly words: string[] = [];
  readonly wordTerms: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly wordIds = new Map<string, number>();
  /** Per word id: the last text it was listed for (each text lists a word once). */
  private wordStamp = new Int32Array(1024).fill(-1);
  private text = 0;
  private readonly chunks = new ChunkTable();
  /** A batch's chunks (table indexes), text after text; and one text's readings, gathered. */
  private refs = new Int32Array(1 << 12);
  private textUpper = new Int32Array(64);
  private textLower = new Uint8Array(64);
  /** Chunks remembered at most (between batches; an overflow costs only time). */
  private readonly capacity: number;

  /** `capacity`: chunks remembered (sized to the corpus; an overflow only costs time). */
  constructor(capacity: number = limits().chunks) {
    this.capacity = Math.max(1, capacity);
  }

  /** Written word → term, every word so far, in the order first seen. */
  get vocabulary(): Map<string, string> {
    return new Map(this.words.map((w, i) => [w, this.terms[this.wordTerms[i] as number] as string]));
  }

  /** Appends the term ids of `text` to `out`, and its distinct written words' ids to `words`. */
  encode(text: string, out: number[], words: number[] = []): void {
    this.encodeBatch([text], out, [], words, []);
  }

  /**
   * Encodes many texts, appending each one's ids to `out` and its end in `out` to `ends`, its
   * distinct words to `words` and their end to `wordEnds`; pauses (yields) between batches so
   * a caller can let other work run. Each batch's new chunks are tokenised by one wink-nlp call.
   */
  *encodeAll(
    texts: readonly string[],
    out: number[],
    ends: number[],
    words: number[] = [],
    wordEnds: number[] = [],
    batch = 2000,
  ): Generator<void, void> {
    for (let from = 0; from < texts.length; from += batch) {
      if (from > 0) yield;
      this.encodeBatch(texts.slice(from, from + batch), out, ends, words, wordEnds);
    }
  }

  private encodeBatch(
    texts: readonly string[],
    out: number[],
    ends: number[],
    words: number[],
    wordEnds: number[],
  ): void {
    const table = this.chunks;
    // The capacity is checked between batches: a batch's chunks stay until it is encoded.
    if (table.size >= this.capacity) table.clear();
    // Chunks new to the table are added at its end: those from `first` on are this batch's.
    const first = table.size;
    // Each text's chunks (the pieces split(' ') gives of its normal form), as table indexes.
    let refs = this.refs;
    let count = 0;
    const textEnds: number[] = [];
    for (const t of texts) {
      const normal = chunkText(t);
      if (normal) {
        const n = normal.length;
        let start = 0;
        let hash = 0x811c9dc5 | 0;
        for (let j = 0; j <= n; j++) {
          const c = j < n ? normal.charCodeAt(j) : 32;
          if (c !== 32) {
            hash = Math.imul(hash ^ c, 16777619);
            continue;
          }
          if (count === refs.length) {
            const grown = new Int32Array(2 * refs.length);
            grown.set(refs);
            refs = grown;
            this.refs = refs;
          }
          refs[count++] = table.index(normal, start, j, hash);
          start = j + 1;
          hash = 0x811c9dc5 | 0;
        }
      }
      textEnds.push(count);
    }
    if (table.size > first) this.tokenise(first, table.size);
    let from = 0;
    for (const to of textEnds) {
      this.encodeChunks(refs, from, to, out, words);
      ends.push(out.length);
      wordEnds.push(words.length);
      from = to;
    }
  }

  /** Tokenises the table's chunks from..to (one wink-nlp call) and fills their columns in. */
  private tokenise(from: number, to: number): void {
    const table = this.chunks;
    encoderStats.chunksTokenised += to - from;
    const keys = table.keys.slice(from, to);
    const made = tokenizeChunks(keys, false);
    for (let i = from; i < to; i++) {
      const chunk = made.get(table.keys[i] as string) as Chunk;
      table.upper[i] = chunk.upperWords;
      table.lower[i] = chunk.hasLower ? 1 : 0;
      // Both readings are read now, while wink's columns are at hand; ids are given on first use.
      table.pending.set(2 * i, wordsOf(chunk.columns, true));
      if (chunk.upperWords > 0) table.pending.set(2 * i + 1, wordsOf(chunk.columns, false));
    }
  }

  /** Appends the codes of the chunks refs[from..to), one text's, to `out` and `words`. */
  private encodeChunks(refs: Int32Array, from: number, to: number, out: number[], words: number[]): void {
    encoderStats.texts++;
    const stamp = this.text++;
    const table = this.chunks;
    const n = to - from;
    if (n > this.textUpper.length) {
      this.textUpper = new Int32Array(2 * n);
      this.textLower = new Uint8Array(2 * n);
    }
    const upper = this.textUpper;
    const lower = this.textLower;
    for (let k = 0; k < n; k++) {
      const i = refs[from + k] as number;
      upper[k] = table.upper[i] as number;
      lower[k] = table.lower[i] as number;
    }
    const acronyms = acronymReadings(upper, lower, n);
    for (let k = 0; k < n; k++) {
      const i = refs[from + k] as number;
      const asAcronyms = acronyms === true || (acronyms !== false && acronyms[k] === true);
      // A chunk without upper-case words reads one way.
      const reading: Reading = (upper[k] as number) > 0 && !asAcronyms ? 1 : 0;
      let at = (table.codes[2 * i + reading] as number) - 1;
      if (at < 0) at = this.codeOf(i, reading);
      const pool = table.pool;
      let p = at + 2;
      for (const end = p + (pool[at] as number); p < end; p++) out.push(pool[p] as number);
      const stamps = this.wordStamp;
      for (const end = p + (pool[at + 1] as number); p < end; p++) {
        const w = pool[p] as number;
        if (stamps[w] !== stamp) {
          stamps[w] = stamp;
          words.push(w);
        }
      }
    }
  }

  /** Codes reading `reading` of chunk i (its ids given now, in the order first seen): where it starts. */
  private codeOf(i: number, reading: Reading): number {
    const table = this.chunks;
    let ws = table.pending.get(2 * i + reading);
    if (ws) table.pending.delete(2 * i + reading);
    else {
      // Read again (the readings of a chunk are always kept together: this is a safety net).
      const key = table.keys[i] as string;
      const columns = tokenizeChunks([key], false).get(key)?.columns as Columns;
      ws = wordsOf(columns, reading === 0);
    }
    const ids: number[] = [];
    const words: number[] = [];
    for (const word of ws) {
      for (const t of wordTerms(word)) ids.push(this.termId(t));
      // The word as a whole (a camelCase word's first reading is the whole word).
      const whole = word.alternatives[0];
      if (!word.exact && whole?.length === 1 && /^\p{L}+(?:-\p{L}+)*$/u.test(word.text)) {
        // A hyphenated word is recorded joined (`co-operate` as `cooperate`).
        const term = this.termId(whole[0] as string);
        words.push(this.wordId(word.text.replaceAll('-', ''), term));
        words.push(this.wordId(word.written.replaceAll('-', ''), term));
      }
    }
    const at = table.addCode(ids, words);
    table.codes[2 * i + reading] = at + 1;
    return at;
  }

  private termId(t: string): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(t, id);
      this.terms.push(t);
    }
    return id;
  }

  private wordId(w: string, term: number): number {
    let id = this.wordIds.get(w);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(w, id);
      this.words.push(w);
      this.wordTerms.push(term);
      if (id >= this.wordStamp.length) {
        const grown = new Int32Array(this.wordStamp.length * 2).fill(-1);
        grown.set(this.wordStamp);
        this.wordStamp = grown;
      }
    }
    return id;
  }
}

/** Every term a word gives, across its alternatives, without repeats. */
export function wordTerms(word: Word): string[] {
  return word.alternatives.length === 1
    ? (word.alternatives[0] as string[])
    : [...new Set(word.alternatives.flat())];
}

/** The terms of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) for (const t of wordTerms(word)) out.push(t);
  return out;
}
