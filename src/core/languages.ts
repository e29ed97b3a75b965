/**
 * Documents written in other languages than English: which languages a corpus is written in,
 * and which words of a question only phrase it in one of them (`welche`, `ich`, `wie`, `est-ce`,
 * `cómo`), from the stop-word lists of stopwords-iso (57 languages; English words are wink-nlp's
 * business, Chinese and Japanese are read by pairs of characters: see tokenizer.ts).
 *
 * Such words are everywhere in those documents, or nowhere in them (a German question over a
 * short page of rules that never says "welche"): either way they say nothing of what is asked,
 * and a word the documents lack stops a direct answer. English function words have always been
 * left out so; now a question in the documents' own language gets the same treatment.
 */
import { createRequire } from 'node:module';

/** Languages read elsewhere: English by wink-nlp, Chinese, Japanese and Korean by pairs of characters. */
const ELSEWHERE = new Set(['en', 'zh', 'ja', 'ko']);

/** Each listed word (lower case) → the languages whose stop word it is. */
let byWord: Map<string, string[]> | undefined;
let english: Set<string> | undefined;

function load(): { byWord: Map<string, string[]>; english: Set<string> } {
  if (!byWord || !english) {
    // Read when first needed, by require: the index's worker threads (a bundle of this code)
    // never need it, and a JSON import would need an attribute their bundle does not keep.
    const all = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
    byWord = new Map();
    for (const [language, words] of Object.entries(all)) {
      if (ELSEWHERE.has(language)) continue;
      for (const w of words) {
        const word = w.toLowerCase();
        const at = byWord.get(word);
        if (at) at.push(language);
        else byWord.set(word, [language]);
      }
    }
    english = new Set((all.en ?? []).map((w) => w.toLowerCase()));
  }
  return { byWord, english };
}

/** Characters of each document read to tell its language. */
export const SAMPLE_CHARS = 4000;
/** A document is in a language when this share of its words are that language's stop words… */
const SHARE = 0.2;
/** …and it has at least this many words, and this many distinct stop words of the language. */
const MIN_WORDS = 20;
const MIN_KINDS = 10;

const WORD = /\p{L}+(?:['\u2019]\p{L}+)*/gu;

/**
 * The languages other than English that some document is written in, each document read from
 * a sample of its text: the language whose stop words make up a fifth of its words or more, and
 * more of them than English's do.
 */
export function corpusLanguages(samples: Iterable<string>): Set<string> {
  const { byWord, english } = load();
  const found = new Set<string>();
  for (const sample of samples) {
    const counts = new Map<string, number>();
    const kinds = new Map<string, Set<string>>();
    let words = 0;
    let englishWords = 0;
    for (const [w] of sample.toLowerCase().matchAll(WORD)) {
      words++;
      if (english.has(w)) englishWords++;
      for (const language of byWord.get(w) ?? []) {
        counts.set(language, (counts.get(language) ?? 0) + 1);
        const seen = kinds.get(language);
        if (seen) seen.add(w);
        else kinds.set(language, new Set([w]));
      }
    }
    if (words < MIN_WORDS) continue;
    let best: string | undefined;
    let bestCount = 0;
    for (const [language, n] of counts) if (n > bestCount) [best, bestCount] = [language, n];
    // Sentences of the language, not a list of names (`de`, `van`, `der` in a list of
    // contributors make a fifth of its words, with few kinds of them).
    const varied = best !== undefined && (kinds.get(best)?.size ?? 0) >= MIN_KINDS;
    if (best && varied && bestCount >= SHARE * words && bestCount > englishWords) found.add(best);
  }
  return found;
}

/** A question is in a language when it has at least this many of its stop words… */
const QUESTION_STOP_WORDS = 2;
/** …or one with a letter English does not write (`как`, `für`, `où`). */
const NOT_ENGLISH_LETTER = /[^\p{ASCII}]/u;
/** A letter of another script than Latin. */
const NOT_LATIN = /[^\P{L}\p{Script=Latin}]/u;

/**
 * The words of a question (lower case, as written) that only phrase it in one of `languages`:
 * those of its stop words, when the question has two or more of them, or one English never
 * writes, and more than English ones ("Welche Sprache im Hauptkanal?", "Как удалить пакеты?";
 * not "why does my bot die?", where `die` is German too, nor "door code?", where `door` is
 * Dutch). None when the question reads as English.
 */
export function phrasingWords(words: readonly string[], detected: ReadonlySet<string>): Set<string> {
  const { byWord, english } = load();
  // A stop word in another script than Latin (`как`, `πώς`) is no English word whatever the
  // documents are in: its languages are candidates too, detected or not (a short page of rules
  // is too short to tell its language).
  const languages = new Set(detected);
  for (const w of words)
    if (NOT_LATIN.test(w)) for (const language of byWord.get(w) ?? []) languages.add(language);
  if (languages.size === 0) return new Set();
  let best: string | undefined;
  let bestCount = 0;
  for (const language of languages) {
    const n = words.filter((w) => byWord.get(w)?.includes(language)).length;
    if (n > bestCount) [best, bestCount] = [language, n];
  }
  const englishCount = words.filter((w) => english.has(w)).length;
  if (!best || bestCount <= englishCount) return new Set();
  const found = words.filter((w) => byWord.get(w)?.includes(best));
  // One such word is enough when no English word is written so (`как`, `für`); `door` is English.
  if (bestCount < QUESTION_STOP_WORDS && !found.some((w) => NOT_ENGLISH_LETTER.test(w))) return new Set();
  return new Set(found);
}

/**
 * Whether a word is a stop word of a language other than English and not one of English's (a
 * question may be in that language). Only such a word can make a question read as foreign (see
 * phrasingWords), so an English question ("how do I set it in the config?": `in` is German too)
 * never pays for telling the documents' languages.
 */
export function foreignStopWord(word: string): boolean {
  const { byWord, english } = load();
  return byWord.has(word) && !english.has(word);
}
