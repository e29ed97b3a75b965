/**
 * The term of a word: its stem (English by porter2, Cyrillic by the Russian Snowball stemmer),
 * Latin diacritics folded, a contraction cut to its first word, stop words and single letters
 * dropped; acronyms (never stop words) and numbers (without separators) as terms of their own.
 */

import { createRequire } from 'node:module';
import { stem as porter2 } from 'porter2';
import { isStopWord, stems } from './tokenizer-wink.js';

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

/** One letter or digit, in any script. */
export const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Folds Latin diacritics (`François` → `francois`); other scripts keep their marks. */
function fold(word: string): string {
  return /[^\p{ASCII}]/u.test(word)
    ? word
        .normalize('NFD')
        .replace(/([a-z])\p{M}+/gu, '$1')
        .normalize('NFC')
    : word;
}

/** The term of a plain lower-case word, or null for stop words and single letters. */
export function wordTerm(word: string): string | null {
  // A contraction is its first word (`i'm` → i, `don't` → do, `pino's` → pino).
  const w = fold(word.replace(CONTRACTION, '').replace(/['.]/g, ''));
  if (w.length < 2 && !/\d/.test(w)) return null;
  if (!LETTER_OR_DIGIT.test(w) || isStopWord(w)) return null;
  return stems.remember(w, stemWord);
}

const CONTRACTION = /(?:['\u2019](?:s|m|re|ve|ll|d)|n['\u2019]t)$/;

/** The term of an acronym: never dropped as a stop word. */
export function acronymTerm(word: string): string {
  const w = word.replace(/\./g, '');
  return isStopWord(w) ? w : stems.remember(w, stemWord);
}

export function numberTerm(value: string): string {
  return value.replace(/[,_\s']/g, '');
}
