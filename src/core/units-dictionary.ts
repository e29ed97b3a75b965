/**
 * Dictionaries of terms and written words: an encoder's, one that grows as units encoded with
 * other dictionaries are taken in (with how their ids map into it), and the engine's
 * vocabulary read from one.
 */
import type { TermEncoder } from './tokenizer.js';
import type { Dictionary, IdMap } from './units-types.js';

/** An encoder's dictionary. */
export function dictionaryOf(encoder: TermEncoder): Dictionary {
  return { terms: encoder.terms, words: encoder.words, wordTerms: Uint32Array.from(encoder.wordTerms) };
}

/** Whether a map sends every id to itself. */
function isIdentity(map: Uint32Array): boolean {
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
}

/**
 * A dictionary that grows: starts as `base` (whose units keep their ids) and takes in units
 * encoded with other dictionaries, giving their new terms and words the next ids.
 */
export class DictionaryBuilder {
  private readonly terms: string[];
  private readonly words: string[];
  private readonly wordTerms: number[];
  private readonly termIds = new Map<string, number>();
  private readonly wordIds = new Map<string, number>();

  constructor(base?: Dictionary) {
    this.terms = base ? [...base.terms] : [];
    this.words = base ? [...base.words] : [];
    this.wordTerms = base ? Array.from(base.wordTerms) : [];
    this.terms.forEach((t, i) => {
      this.termIds.set(t, i);
    });
    this.words.forEach((w, i) => {
      this.wordIds.set(w, i);
    });
  }

  /**
   * Takes in the terms and words of `dictionary`: how ids given by it map into this one
   * (undefined when they are the same, as for the first dictionary added to an empty builder).
   * Units encoded with it keep their ids: passageFields and assemble read them through the map.
   */
  map(dictionary: Dictionary): IdMap | undefined {
    const termMap = new Uint32Array(dictionary.terms.length);
    dictionary.terms.forEach((t, i) => {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.terms.push(t);
        this.termIds.set(t, id);
      }
      termMap[i] = id;
    });
    const wordMap = new Uint32Array(dictionary.words.length);
    dictionary.words.forEach((w, i) => {
      let id = this.wordIds.get(w);
      if (id === undefined) {
        id = this.words.length;
        this.words.push(w);
        this.wordTerms.push(termMap[dictionary.wordTerms[i] as number] as number);
        this.wordIds.set(w, id);
      }
      wordMap[i] = id;
    });
    return isIdentity(termMap) && isIdentity(wordMap) ? undefined : { terms: termMap, words: wordMap };
  }

  dictionary(): Dictionary {
    return { terms: this.terms, words: this.words, wordTerms: Uint32Array.from(this.wordTerms) };
  }
}

/** The engine's vocabulary: written word → term, the first `kept` words of a dictionary. */
export function vocabularyOf(dictionary: Dictionary, kept: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < kept; i++)
    out.set(dictionary.words[i] as string, dictionary.terms[dictionary.wordTerms[i] as number] as string);
  return out;
}
