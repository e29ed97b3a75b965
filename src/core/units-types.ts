/**
 * What a file gives the index (a FileUnit, its typed-array columns) and the dictionaries its
 * term and word ids are into, with how one dictionary's ids map into another's.
 */
import type { DocumentInfo, Paragraph, Spans } from './answer-types.js';

/** Terms and written words by id; a written word's term is wordTerms[id]. */
export interface Dictionary {
  terms: string[];
  words: string[];
  wordTerms: Uint32Array;
}

/** What one file gives the index. Term and word ids are into a Dictionary. */
export interface FileUnit {
  /** The file's content hash: the unit is reused while the file's path and hash are the same. */
  key: string;
  document: DocumentInfo;
  /** The file's paragraphs (`doc` is the file's position in the engine that holds the unit). */
  paragraphs: Paragraph[];
  /** The file's passages (paragraph indexes into `paragraphs`), duplicates within it included. */
  spans: Spans;
  /** A hash of each passage's duplicate key (see duplicateKey). */
  dupes: Float64Array;
  /** Each passage's title field: an index into the contexts. */
  context: Uint32Array;
  /** Term ids of each context, and its distinct written words. */
  contextOffsets: Uint32Array;
  contextIds: Uint32Array;
  contextWordOffsets: Uint32Array;
  contextWords: Uint32Array;
  /** Term ids of each passage's body, and its distinct written words. */
  bodyOffsets: Uint32Array;
  bodyIds: Uint32Array;
  wordOffsets: Uint32Array;
  words: Uint32Array;
}

/** The typed-array columns of a unit (what a worker transfers and a snapshot stores). */
export const UNIT_COLUMNS = [
  'dupes',
  'context',
  'contextOffsets',
  'contextIds',
  'contextWordOffsets',
  'contextWords',
  'bodyOffsets',
  'bodyIds',
  'wordOffsets',
  'words',
] as const;

/**
 * How the ids of units encoded with one dictionary map into another: term id i is terms[i],
 * word id i is words[i].
 */
export interface IdMap {
  terms: ArrayLike<number>;
  words: ArrayLike<number>;
}
