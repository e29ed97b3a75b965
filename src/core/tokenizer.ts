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

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { normalizeForMatch } from './normalize.js';

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
}

const nlp = winkNLP(model, []);
const its = nlp.its;
const stemAddon = model.addons.stem as ((word: string) => string) | undefined;
if (typeof stemAddon !== 'function')
  throw new Error('seedbot: the wink-eng-lite-web-model in node_modules has no stemmer; run npm ci');
const stemWord: (word: string) => string = stemAddon;

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

/** Bounded memo: a long-running bot sees endless new words in questions. */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string, make: (key: string) => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.max) this.map.clear();
      value = make(key);
      this.map.set(key, value);
    }
    return value;
  }
}

const stems = new Memo<string>(200_000);
const stopWords = new Memo<boolean>(50_000);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HAS_LETTER = /\p{L}/u;
const ALNUM_RUNS = /[\p{L}\p{N}]+/gu;

/** Folds Latin diacritics (`François` → `francois`); other scripts keep their marks. */
function fold(word: string): string {
  return /[^\p{ASCII}]/u.test(word)
    ? word
        .normalize('NFD')
        .replace(/([a-z])\p{M}+/gu, '$1')
        .normalize('NFC')
    : word;
}

const lexicon = new Memo<boolean>(50_000);

/** Whether wink's English lexicon knows the word (then it is no typo, even if the corpus lacks it). */
export function isEnglishWord(word: string): boolean {
  return lexicon.get(
    word,
    (w) => (nlp.readDoc(w).tokens().out(its.uniqueId)[0] as unknown as number) < LEXICON_SIZE,
  );
}

export function isStopWord(word: string): boolean {
  return stopWords.get(word, (w) => nlp.readDoc(w).tokens().out(its.stopWordFlag)[0] === true);
}

/** The term of a plain lower-case word, or null for stop words and single letters. */
function wordTerm(word: string): string | null {
  const w = fold(word.replace(/['.]/g, ''));
  if (w.length < 2 && !/\d/.test(w)) return null;
  if (!LETTER_OR_DIGIT.test(w) || isStopWord(w)) return null;
  return stems.get(w, stemWord);
}

/** The term of an acronym: never dropped as a stop word. */
function acronymTerm(word: string): string {
  const w = word.replace(/\./g, '');
  return isStopWord(w) ? w : stems.get(w, stemWord);
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

function columns(text: string): Columns {
  const tokens = nlp.readDoc(text).tokens();
  return {
    value: tokens.out(its.value) as string[],
    normal: tokens.out(its.normal) as string[],
    type: tokens.out(its.type) as string[],
    letterCase: tokens.out(its.case) as string[],
    spaces: tokens.out(its.precedingSpaces) as string[],
  };
}

/**
 * All-caps text (a shouted question, an upper-case heading) has no acronyms to find:
 * when no word is in lower case, upper case means nothing.
 */
function acronymsMeaningful(c: Columns): boolean {
  let upper = 0;
  for (let i = 0; i < c.type.length; i++) {
    if (c.type[i] !== 'word') continue;
    if (c.letterCase[i] === 'lowerCase' || c.letterCase[i] === 'titleCase') return true;
    if (c.letterCase[i] === 'upperCase') upper++;
  }
  return upper < 3;
}

/**
 * Which tokens are acronyms: upper-case words, but none in all-caps text and none inside a
 * run of three or more upper-case words ("WHERE IS IT" is shouting, not three acronyms).
 */
function acronymFlags(c: Columns): boolean[] {
  const flags = c.letterCase.map((lc, i) => lc === 'upperCase' && c.type[i] === 'word');
  if (!acronymsMeaningful(c)) return flags.fill(false);
  let run: number[] = [];
  const endRun = () => {
    if (run.length >= 3) for (const j of run) flags[j] = false;
    run = [];
  };
  for (let i = 0; i < flags.length; i++) {
    if (c.type[i] !== 'word') continue;
    if (flags[i]) run.push(i);
    else endRun();
  }
  endRun();
  return flags;
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
    return t ? { alternatives: [[t]], exact: !HAS_LETTER.test(bare) } : NONE;
  }
  if (type === 'punctuation' || type === 'symbol' || type === 'tabCRLF') return NONE;
  // URLs, e-mails, hashtags, mentions, ordinals, times, unknown runs: their letter/digit runs.
  const runs = (normal.match(ALNUM_RUNS) ?? [])
    .map((run) => (/^\d+$/.test(run) ? run : wordTerm(run)))
    .filter((t): t is string => t !== null);
  return runs.length > 0 ? { alternatives: [runs], exact: true } : NONE;
}

/** Index of the right-hand word when token i is a hyphen joining two words: `intelligence-sharing`. */
function hyphenJoins(c: Columns, i: number): boolean {
  if (c.normal[i] !== '-' || c.spaces[i] !== '' || c.spaces[i + 1] !== '') return false;
  if (c.type[i - 1] !== 'word' || c.type[i + 1] !== 'word') return false;
  return HAS_LETTER.test(c.normal[i - 1] ?? '') && HAS_LETTER.test(c.normal[i + 1] ?? '');
}

/**
 * The words of a text with what each means for matching. Words the tokeniser split at a
 * hyphen (`intelligence-sharing`) are merged back into one word with a joined alternative.
 */
export function words(text: string): Word[] {
  const c = columns(normalizeForMatch(text));
  const acronyms = acronymFlags(c);
  const out: Word[] = [];
  for (let i = 0; i < c.normal.length; i++) {
    const m = meaning(c, i, acronyms[i] === true);
    if (m.alternatives.length === 0 && (c.type[i] !== 'word' || hyphenJoins(c, i))) {
      if (!hyphenJoins(c, i)) continue;
      const left = out.pop();
      const right = meaning(c, i + 1, acronyms[i + 1] === true);
      const joined = wordTerm(`${c.normal[i - 1] ?? ''}${c.normal[i + 1] ?? ''}`);
      const parts = [...(left?.alternatives[0] ?? []), ...(right.alternatives[0] ?? [])];
      out.push({
        text: `${left?.text ?? ''}-${c.normal[i + 1] ?? ''}`,
        written: `${left?.written ?? ''}-${(c.value[i + 1] ?? '').toLowerCase()}`,
        alternatives: [joined ? [joined] : [], parts].filter((a) => a.length > 0),
        exact: false,
      });
      i++;
      continue;
    }
    const text = c.normal[i] ?? '';
    out.push({
      text,
      written: (c.value[i] ?? '').toLowerCase(),
      alternatives: m.alternatives,
      exact: m.exact,
    });
  }
  return out;
}

/** Every term a word gives, across its alternatives, without repeats. */
export function wordTerms(word: Word): string[] {
  return [...new Set(word.alternatives.flat())];
}

/**
 * The terms of a text, in order, for the index. With `vocabulary`, also records which
 * written word gave which term (for typo tolerance and suggestions).
 */
export function terms(text: string, vocabulary?: Map<string, string>): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    for (const t of wordTerms(word)) out.push(t);
    const single = word.alternatives.length === 1 ? word.alternatives[0] : undefined;
    if (vocabulary && !word.exact && single?.length === 1 && single[0] && /^\p{L}+$/u.test(word.text)) {
      vocabulary.set(word.text, single[0]);
      if (word.written !== word.text) vocabulary.set(word.written, single[0]);
    }
  }
  return out;
}
