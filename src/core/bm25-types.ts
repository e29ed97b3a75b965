/**
 * What the BM25 index is given and gives: passages as terms and as term ids, the settings of a
 * build, the question's concepts and their alternatives, hits, postings, and the numbering a
 * build gives its ids once they are final.
 */
import type { Ranking } from './ranking.js';

/** One indexed passage: its terms per field (already tokenised). */
export interface IndexedFields {
  title: string[];
  body: string[];
}

/** Passages as term ids: passage i's title terms are titleIds[titleOffsets[i]..titleOffsets[i+1]). */
export interface EncodedPassages {
  /** Term of each id. */
  terms: string[];
  titleOffsets: Uint32Array;
  titleIds: Uint32Array;
  bodyOffsets: Uint32Array;
  bodyIds: Uint32Array;
}

/** The settings the index build uses (see ranking.ts). */
export type Bm25Options = Partial<Pick<Ranking, 'k1' | 'b' | 'titleWeight'>>;

/** One way to match a concept: terms counted together, scaled by a weight in (0, 1]. */
export interface Alternative {
  terms: string[];
  weight: number;
  /** A phrase that counts only whole (an alias, what an acronym stands for). */
  whole?: boolean;
  /**
   * The document title the question names by its acronym ("GFDL"): every passage of that
   * document holds it, whatever its section, and so does one that writes the title out as a
   * phrase (see Engine.holdsKeys).
   */
  title?: string;
}

/** Something the question asks about: a word, or a phrase found in the aliases. */
export interface Concept {
  alternatives: Alternative[];
  /** An extra way to match (two words written as one): a passage without it misses nothing. */
  optional?: boolean;
  /**
   * A function word of a question asked in another language than English that the documents
   * hold (`как`, `welche`): it ranks, but is not marked, picks no sentence and keys no gap.
   */
  phrasing?: boolean;
  /** What the question is about (a name, a number, an acronym): a direct answer must have it. */
  key?: boolean;
  /**
   * Only says where the asker stands (a sentence around the question, a URL it quotes): found
   * in the documents, it does not make the question one they cover (see Engine.coverage).
   */
  context?: boolean;
  /**
   * A number written onto a word (`HTTP/2`, `10%`): the passage must hold it so written, not
   * the number anywhere (see numberForms in query.ts). Tested on the passage's text in lower case.
   */
  form?: RegExp;
}

export interface Hit {
  /** Position of the passage in the list given to build(). */
  id: number;
  score: number;
}

/** The postings of some terms: term i has passages ids[offsets[i]..offsets[i+1]), weights alike. */
export interface Postings {
  /** Term id (into EncodedPassages.terms) of each row. */
  termIds: Uint32Array;
  offsets: Uint32Array;
  ids: Uint32Array;
  weights: Float32Array;
}

/**
 * Ids given to the index in another numbering than the engine's: term id s of the encoded
 * passages is the engine's term order[s] (-1: no passage has it), the engine's terms being
 * `terms`. A build sends its passages to the worker before their ids are final, and the
 * numbering once it is worked out: wink needs only that a term has one id throughout.
 */
export interface Renumbering {
  terms: string[];
  order: Int32Array;
}
