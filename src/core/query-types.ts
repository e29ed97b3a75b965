/**
 * What reading a question needs and gives: the documents' vocabulary it is read against, and
 * the question read (its concepts, the words the documents lack, the corrections made).
 */
import type { Concept } from './bm25.js';
import type { Word } from './tokenizer.js';
import type { TypoIndex } from './typo.js';

export interface Vocabulary {
  has(term: string): boolean;
  /** Passages holding the term. */
  df(term: string): number;
  /** Longer corpus terms that begin with this one (russia → russian), the commonest first. */
  derived(term: string): string[];
  /** Written words near `word`, for typo tolerance. */
  typos: TypoIndex;
  /** The term of a written corpus word. */
  termOf(word: string): string | undefined;
  /** The languages other than English some document is written in (see languages.ts). */
  languages?(): ReadonlySet<string>;
  /** The words an acronym stands for in the documents (`MPL` → Mozilla Public License), or none. */
  expansion(acronym: string): string | undefined;
  /**
   * The title of a document an acronym the documents never write stands for (`GFDL` → GNU
   * Free Documentation License, a name in capitals giving its letter), or none.
   */
  titleExpansion?(acronym: string): string | undefined;
}

export interface Correction {
  from: string;
  to: string[];
}

export interface ParsedQuestion {
  concepts: Concept[];
  /** Content words of the question (not stop words). */
  content: string[];
  /** Content words that matched nothing in the corpus, after aliases and typo tolerance. */
  notFound: string[];
  corrections: Correction[];
  /** The question's content words as written (lower case) with their terms, for exact-form matching. */
  written: { word: string; terms: string[] }[];
  /** Content words left out as question scaffolding (see QUESTION_WORDS) or misspelt stop words. */
  ignored: string[];
  /**
   * The words of notFound, each marked specific (a name, a number, an acronym, a word no English
   * dictionary has: what the question is about) or not (an everyday word that only phrases it).
   */
  missing: { word: string; specific: boolean; context?: true }[];
  /**
   * Whether the question asks about versions or changes ("which release added…", "is version
   * 10.7 still supported?", "what changed in v4?"), in the words it asks, not in what it says
   * around it ("I'm on the latest version."): then a change log is as good a place as any.
   */
  changes: boolean;
}

/** Words of the question read as one concept (a word, an alias, "X or Y"). */
export interface Slot {
  words: Word[];
  concept: Concept;
}
