/**
 * Chinese, Japanese and Korean text, which has no spaces between words: read as overlapping
 * pairs of characters and as single characters, with the place of each piece in the text.
 */

import { CJK } from './normalize.js';
import { wordTerm } from './tokenizer-terms.js';
import type { Word } from './tokenizer-types.js';

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
export function cjkWords(text: string): Word[] {
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
