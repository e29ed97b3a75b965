/**
 * What the tokenizer's modules pass each other: a word and what it means for matching, wink-nlp's
 * tokens read out as columns, and a chunk (a run of text between spaces) as tokenised once.
 */

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

/** wink-nlp's tokens of a text, column by column (see columns in tokenizer-columns.ts). */
export interface Columns {
  value: string[];
  normal: string[];
  type: string[];
  letterCase: string[];
  spaces: string[];
}

/**
 * A chunk: a run of text between spaces, tokenised once and remembered. Texts are split at
 * white space and each distinct chunk goes through wink-nlp once, so a corpus costs one
 * tokenisation per distinct chunk, not per word; what a chunk means can depend on its text
 * only in one way, whether its upper-case words are acronyms, so both readings are kept.
 */
export interface Chunk {
  columns: Columns;
  /** Word tokens in upper case, and whether any word token is in lower or title case. */
  upperWords: number;
  hasLower: boolean;
  /** The chunk's words with upper-case words as acronyms, and as ordinary words. */
  asAcronyms?: Word[];
  asWords?: Word[];
}
