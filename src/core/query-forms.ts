/**
 * More than a word's own terms: the numbers a question writes onto a word (`HTTP/2`, `10%`),
 * the longer corpus words a word begins, and the word a yes-or-no question asks permission with.
 */
import type { Concept } from './bm25.js';
import { matchText } from './normalize.js';
import type { Vocabulary } from './query-types.js';
import type { Word } from './tokenizer.js';

/**
 * The numbers a question writes onto a word, each with how a passage must write it: a version
 * after a slash (`HTTP/2`, `TLS/1.3`: the word, letters only, then the number, with or without
 * the slash, so "HTTP 2", "http2" and `HTTP/2.0` too) and a percentage (`10%`, "10 percent",
 * either way). "Does undici support HTTP/3?" is not answered by a passage that says HTTP and,
 * elsewhere, 3. The written form is all such a concept needs: `http2` is one term, not http
 * and 2. `IPv4/6` and `x86/64` make no form (a word with digits before the slash).
 */
export function numberForms(question: string): Map<string, RegExp> {
  const sources = new Map<string, string[]>();
  const add = (n: string, source: string) => sources.set(n, [...(sources.get(n) ?? []), source]);
  const number = (n: string) => n.replace(/\./g, '\\.');
  for (const m of question.matchAll(/(?<![\p{L}\p{N}])(\p{L}+) ?\/ ?(\d+(?:\.\d+)*)(?![\p{L}\p{N}])/gu)) {
    const [, word, n] = m as unknown as [string, string, string];
    // `HTTP/2.0` is `HTTP/2`; `HTTP/2.1` is not.
    add(n, `(?<![\\p{L}\\p{N}])${matchText(word)} ?[/-]? ?${number(n)}(?:\\.0+)?(?![\\p{N}]|\\.\\d)`);
  }
  for (const m of question.matchAll(/(?<![\p{N}.])(\d+(?:\.\d+)?) ?(?:%|per ?cent\b)/giu)) {
    const n = m[1] as string;
    add(n, `(?<![\\p{N}.])${number(n)} ?(?:%|per ?cent\\b)`);
  }
  // The same number written onto two words (`HTTP/2` and `2%`) must be found both ways.
  return new Map(
    [...sources].map(([n, all]) => [
      n,
      new RegExp(`^${all.map((a) => `(?=[\\s\\S]*?(?:${a}))`).join('')}`, 'u'),
    ]),
  );
}

/**
 * The words a yes-or-no question asks permission with ("is cheating allowed?", "is it ok to…",
 * "am I permitted to…"), and such a question (see permissionWeight).
 */
const PERMISSION_QUESTION =
  /(?:^|[.!?:]\s{1,4})[^\p{L}\p{N}\s]{0,4}(?:am|is|are|can|may|could|would)(?:n[’']?t)?\b([^?.!]{0,300}?)\b(allowed|permitted|ok|okay|acceptable)\b(?=\s*(?:[?.!,;:)]|$|(?:to|in|on|here|there|for|at|during|anywhere|if|when|now|again|anymore|or)\b))/iu;

/**
 * The word a question asks permission with, in lower case, if it does. In capitals, "OK" asks
 * only after "it", "this", "that" or "be" ("Is it OK to…"): elsewhere it is a status ("Is 200
 * OK for a DELETE request?").
 */
export function permissionWord(question: string): string | undefined {
  const m = PERMISSION_QUESTION.exec(question);
  const word = m?.[2];
  if (!m || !word) return undefined;
  if (word === word.toUpperCase() && !/\b(?:it|this|that|be)\s+$/i.test(m[1] ?? '')) return undefined;
  return word.toLowerCase();
}

/** A word's concept with the longer corpus words it begins as weaker alternatives. */
export function withDerived(
  concept: Concept,
  word: Word | undefined,
  vocabulary: Vocabulary,
  weight: number,
): Concept {
  const only = concept.alternatives.length === 1 ? concept.alternatives[0] : undefined;
  const term = only?.terms.length === 1 ? only.terms[0] : undefined;
  if (weight <= 0 || !word || word.exact || !term || !/^\p{L}{4,}$/u.test(term)) return concept;
  const derived = vocabulary.derived(term);
  if (derived.length === 0) return concept;
  return {
    alternatives: [...concept.alternatives, ...derived.map((d) => ({ terms: [d], weight }))],
  };
}

/** A people's word and the place it is made from: `Americans` ← America, `Iraqis` ← Iraq. */
const PEOPLE_ENDING = /^(\p{L}{3,}[aeiou])ns?$|^(\p{L}{3,}[^aeiouy])is?$/u;

/**
 * The place a word for its people is made from, as written (`Americans` → `america`, `Syrian`
 * → `syria`, `Iraqis` → `iraq`, `Pakistani` → `pakistan`): what the documents may write
 * instead, the derived words (Russia → Russian) the other way round. Read from the word as
 * typed, not its stem (`ready` stems to `readi`). Undefined when the word makes none.
 */
export function placeOfPeople(written: string): string | undefined {
  const m = PEOPLE_ENDING.exec(written.toLowerCase());
  return m ? (m[1] ?? m[2]) : undefined;
}
