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

import { words, wordTerms } from './tokenizer-chunks.js';

export { words, wordTerms } from './tokenizer-chunks.js';
export { CJK_CHAR, type CjkPiece, cjkPieces } from './tokenizer-cjk.js';
export { encodingStats, TermEncoder } from './tokenizer-encoder.js';
export { camelParts } from './tokenizer-meaning.js';
export { shortcutPattern } from './tokenizer-shortcuts.js';
export { LETTER_OR_DIGIT, stemWord } from './tokenizer-terms.js';
export type { Word } from './tokenizer-types.js';
export {
  bulk,
  CACHE_LIMITS,
  englishWords,
  isEnglishWord,
  isStopWord,
  tokenizerStats,
} from './tokenizer-wink.js';

/** The terms of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) for (const t of wordTerms(word)) out.push(t);
  return out;
}
