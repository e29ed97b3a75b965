/**
 * Per-file work, cached. Each file is parsed, cut into passages and encoded once into a
 * FileUnit, kept (in memory and in the snapshot) under its content hash, so a reload parses and
 * tokenises only the files that changed. The units of every file are then joined (assemble)
 * into the engine's passages, in an order that depends only on the files' contents: never on
 * which thread, or which earlier build, made each unit.
 *
 * What joining must reproduce, exactly as one pass over the corpus would: near-duplicate
 * passages are indexed once (the first occurrence, across files); term ids are given in the
 * order terms are first seen, the title fields of every kept passage first, then the bodies;
 * the written-word vocabulary likewise (its order decides which typo correction wins a tie).
 */

import type { DocumentInfo, Paragraph, Spans } from './answer-types.js';
import type { EncodedPassages } from './bm25.js';
import type { SourceFile } from './corpus.js';
import { duplicateKey } from './normalize.js';
import { fileLabel, namesNothing } from './passages.js';
import { buildSpans, countWords, spanText } from './sections.js';
import type { TermEncoder } from './tokenizer.js';

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

/** A 53-bit hash of a string (cyrb53): duplicates are found by it, then checked by their keys. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish53(h1, h2);
}

function finish53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * hash53(duplicateKey(text)), or -1 when the key is empty. A text of printable ASCII (most
 * passages) is hashed as its key reads, lower case with every run of other characters one
 * space, without making the key.
 */
export function duplicateHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let started = false;
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      const key = duplicateKey(text);
      return key ? hash53(key) : -1;
    }
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && started) {
        h1 = Math.imul(h1 ^ 32, 2654435761);
        h2 = Math.imul(h2 ^ 32, 1597334677);
      }
      gap = false;
      started = true;
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    } else gap = true;
  }
  return started ? finish53(h1, h2) : -1;
}

/**
 * Makes a file's unit: its paragraphs, its passages (headings, titles and questions give
 * context, the title field, not passages; long paragraphs become sentence windows), each
 * passage's title and body encoded. Pauses between batches of passages.
 */
export function* unitSteps(file: SourceFile, key: string, encoder: TermEncoder): Generator<void, FileUnit> {
  let words = 0;
  // Properties set one by one, in the order a spread of the optional ones gave (the order a
  // snapshot stores them in): spreading made and copied an object per optional property.
  const paragraphs: Paragraph[] = file.paragraphs.map((p) => {
    words += countWords(p.text);
    const out = { doc: 0, source: file.source, title: file.title } as Paragraph;
    if (p.section) out.section = p.section;
    if (p.anchor) out.anchor = p.anchor;
    if (p.group !== undefined) out.group = p.group;
    if (p.lang !== undefined) out.lang = p.lang;
    out.paragraph = p.number;
    out.text = p.text;
    out.kind = p.kind;
    return out;
  });
  const document: DocumentInfo = {
    source: file.source,
    title: file.title,
    ...(file.explicitTitle ? { explicitTitle: true as const } : {}),
    ...(file.url ? { url: file.url } : {}),
    ...(file.slug ? { slug: file.slug } : {}),
    paragraphs: file.paragraphs.length,
    words,
    hash: file.hash,
  };
  const first: number[] = [];
  const last: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const dupes: number[] = [];
  const context: number[] = [];
  const texts: string[] = [];
  const contexts = new Map<string, number>();
  const contextIds: number[] = [];
  const contextOffsets = [0];
  const contextWords: number[] = [];
  const contextWordOffsets = [0];
  for (const span of buildSpans(paragraphs, () => file.markdown)) {
    const text = spanText(paragraphs, span);
    const dupe = duplicateHash(text);
    if (dupe < 0) continue;
    const p = paragraphs[span.first] as Paragraph;
    // The title field: the document's title (when written as one) and the section's headings.
    const title = `${file.explicitTitle ? p.title : ''}\n${(p.section ?? []).join('\n')}`;
    let c = contexts.get(title);
    if (c === undefined) {
      c = contexts.size;
      contexts.set(title, c);
      encoder.encode(title, contextIds, contextWords);
      contextOffsets.push(contextIds.length);
      contextWordOffsets.push(contextWords.length);
    }
    first.push(span.first);
    last.push(span.last);
    start.push(span.start);
    end.push(span.end);
    dupes.push(dupe);
    context.push(c);
    texts.push(text);
  }
  const bodyIds: number[] = [];
  const bodyOffsets = [0];
  const bodyWords: number[] = [];
  const wordOffsets = [0];
  yield* encoder.encodeAll(texts, bodyIds, bodyOffsets, bodyWords, wordOffsets);
  return {
    key,
    document,
    paragraphs,
    spans: {
      first: Uint32Array.from(first),
      last: Uint32Array.from(last),
      start: Uint32Array.from(start),
      end: Uint32Array.from(end),
    },
    dupes: Float64Array.from(dupes),
    context: Uint32Array.from(context),
    contextOffsets: Uint32Array.from(contextOffsets),
    contextIds: Uint32Array.from(contextIds),
    contextWordOffsets: Uint32Array.from(contextWordOffsets),
    contextWords: Uint32Array.from(contextWords),
    bodyOffsets: Uint32Array.from(bodyOffsets),
    bodyIds: Uint32Array.from(bodyIds),
    wordOffsets: Uint32Array.from(wordOffsets),
    words: Uint32Array.from(bodyWords),
  };
}

/** An encoder's dictionary. */
export function dictionaryOf(encoder: TermEncoder): Dictionary {
  return { terms: encoder.terms, words: encoder.words, wordTerms: Uint32Array.from(encoder.wordTerms) };
}

/** Passages in a unit. */
export const passagesIn = (unit: FileUnit): number => unit.dupes.length;

/**
 * How the ids of units encoded with one dictionary map into another: term id i is terms[i],
 * word id i is words[i].
 */
export interface IdMap {
  terms: ArrayLike<number>;
  words: ArrayLike<number>;
}

/** A unit with its ids mapped (term ids through `terms`, word ids through `words`). */
function remapUnit(unit: FileUnit, terms: ArrayLike<number>, words: ArrayLike<number>): FileUnit {
  const map = (ids: Uint32Array, to: ArrayLike<number>) => {
    const out = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = to[ids[i] as number] as number;
    return out;
  };
  return {
    ...unit,
    contextIds: map(unit.contextIds, terms),
    contextWords: map(unit.contextWords, words),
    bodyIds: map(unit.bodyIds, terms),
    words: map(unit.words, words),
  };
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

/** Everything the index build and the engine need, joined from the units of every file. */
export interface Assembled {
  documents: DocumentInfo[];
  paragraphs: Paragraph[];
  spans: Spans;
  /** The indexed passages (see keptPassages). */
  kept: KeptPassages;
  /** The units again, their ids into `dictionary`, their paragraphs numbered for this engine. */
  units: FileUnit[];
  /**
   * Terms in the order first seen over the kept passages (titles first, then bodies), then
   * those only the left-out duplicates have; written words alike, the first `keptWords` being
   * the engine's vocabulary.
   */
  dictionary: Dictionary;
  keptWords: number;
  /** The final id of each term id of the input (-1: a term no unit has). */
  termIds: Int32Array;
}

/** The passages indexed, in order: passage keptPassage[k] of unit keptUnit[k]. */
export interface KeptPassages {
  keptUnit: number[];
  keptPassage: number[];
}

/** The passages to index: the first of each duplicate key, in file order. */
export function keptPassages(input: readonly FileUnit[]): KeptPassages {
  const keptUnit: number[] = [];
  const keptPassage: number[] = [];
  const seen = new Map<number, number[]>();
  const keyOf = (u: number, p: number) => {
    const unit = input[u] as FileUnit;
    return duplicateKey(
      spanText(unit.paragraphs, {
        first: unit.spans.first[p] as number,
        last: unit.spans.last[p] as number,
        start: unit.spans.start[p] as number,
        end: unit.spans.end[p] as number,
      }),
    );
  };
  input.forEach((unit, u) => {
    for (let p = 0; p < unit.dupes.length; p++) {
      const h = unit.dupes[p] as number;
      const before = seen.get(h);
      if (before) {
        // The same hash: a duplicate when the keys are the same (else two keys share a hash).
        const key = keyOf(u, p);
        if (before.some((k) => keyOf(keptUnit[k] as number, keptPassage[k] as number) === key)) continue;
        before.push(keptUnit.length);
      } else seen.set(h, [keptUnit.length]);
      keptUnit.push(u);
      keptPassage.push(p);
    }
  });
  return { keptUnit, keptPassage };
}

/** Copies row `row` of ids (offsets give the rows) into `out` at `at`, through `map` when given. */
function copyIds(
  out: Uint32Array,
  at: number,
  ids: Uint32Array,
  row: number,
  offsets: Uint32Array,
  map: ArrayLike<number> | undefined,
): void {
  const from = offsets[row] as number;
  const to = offsets[row + 1] as number;
  if (!map) out.set(ids.subarray(from, to), at);
  else for (let i = from; i < to; i++) out[at++] = map[ids[i] as number] as number;
}

/**
 * The title and body term ids of the kept passages: the units' own ids, or theirs through
 * maps[u] for unit u when it has one (see DictionaryBuilder.map).
 */
export function passageFields(
  units: readonly FileUnit[],
  { keptUnit, keptPassage }: KeptPassages,
  maps: readonly (IdMap | undefined)[] = [],
): Omit<EncodedPassages, 'terms'> {
  const kept = keptUnit.length;
  const titleOffsets = new Uint32Array(kept + 1);
  const bodyOffsets = new Uint32Array(kept + 1);
  for (let k = 0; k < kept; k++) {
    const unit = units[keptUnit[k] as number] as FileUnit;
    const p = keptPassage[k] as number;
    const c = unit.context[p] as number;
    titleOffsets[k + 1] =
      (titleOffsets[k] as number) +
      (unit.contextOffsets[c + 1] as number) -
      (unit.contextOffsets[c] as number);
    bodyOffsets[k + 1] =
      (bodyOffsets[k] as number) + (unit.bodyOffsets[p + 1] as number) - (unit.bodyOffsets[p] as number);
  }
  const titleIds = new Uint32Array(titleOffsets[kept] as number);
  const bodyIds = new Uint32Array(bodyOffsets[kept] as number);
  for (let k = 0; k < kept; k++) {
    const unit = units[keptUnit[k] as number] as FileUnit;
    const p = keptPassage[k] as number;
    const c = unit.context[p] as number;
    const to = maps[keptUnit[k] as number]?.terms;
    copyIds(titleIds, titleOffsets[k] as number, unit.contextIds, c, unit.contextOffsets, to);
    copyIds(bodyIds, bodyOffsets[k] as number, unit.bodyIds, p, unit.bodyOffsets, to);
  }
  return { titleOffsets, titleIds, bodyOffsets, bodyIds };
}

/** The kept passages' fields in the final ids, for the index. */
export function encodedOf(a: Assembled): EncodedPassages {
  return { terms: a.dictionary.terms, ...passageFields(a.units, a.kept) };
}

/**
 * Joins the units of every file, in order (their ids into `dictionary`, through maps[u] for a
 * unit u that has one), into what the engine keeps: the kept passages (given, or worked out),
 * every id in its final place.
 */
export function assemble(
  input: readonly FileUnit[],
  dictionary: Dictionary,
  chosen: KeptPassages = keptPassages(input),
  maps: readonly (IdMap | undefined)[] = [],
): Assembled {
  const { keptUnit, keptPassage } = chosen;
  const kept = keptUnit.length;

  // Final ids: first seen over the kept titles, then the kept bodies, then everything else.
  const termMap = new Int32Array(dictionary.terms.length).fill(-1);
  const wordMap = new Int32Array(dictionary.words.length).fill(-1);
  const terms: string[] = [];
  const words: string[] = [];
  const wordTerms: number[] = [];
  const term = (id: number) => {
    let to = termMap[id] as number;
    if (to < 0) {
      to = terms.length;
      termMap[id] = to;
      terms.push(dictionary.terms[id] as string);
    }
    return to;
  };
  // A unit's ids into `dictionary`: its own, or through its map.
  let map: IdMap | undefined;
  const takeTerms = (ids: Uint32Array, from: number, to: number) => {
    const through = map?.terms;
    for (let i = from; i < to; i++) {
      const id = through ? (through[ids[i] as number] as number) : (ids[i] as number);
      if ((termMap[id] as number) < 0) term(id);
    }
  };
  const takeWords = (ids: Uint32Array, from: number, to: number) => {
    const through = map?.words;
    for (let i = from; i < to; i++) {
      const id = through ? (through[ids[i] as number] as number) : (ids[i] as number);
      if ((wordMap[id] as number) >= 0) continue;
      wordMap[id] = words.length;
      words.push(dictionary.words[id] as string);
      wordTerms.push(term(dictionary.wordTerms[id] as number));
    }
  };
  for (let k = 0; k < kept; k++) {
    const unit = input[keptUnit[k] as number] as FileUnit;
    map = maps[keptUnit[k] as number];
    const c = unit.context[keptPassage[k] as number] as number;
    takeTerms(unit.contextIds, unit.contextOffsets[c] as number, unit.contextOffsets[c + 1] as number);
    takeWords(
      unit.contextWords,
      unit.contextWordOffsets[c] as number,
      unit.contextWordOffsets[c + 1] as number,
    );
  }
  for (let k = 0; k < kept; k++) {
    const unit = input[keptUnit[k] as number] as FileUnit;
    map = maps[keptUnit[k] as number];
    const p = keptPassage[k] as number;
    takeTerms(unit.bodyIds, unit.bodyOffsets[p] as number, unit.bodyOffsets[p + 1] as number);
    takeWords(unit.words, unit.wordOffsets[p] as number, unit.wordOffsets[p + 1] as number);
  }
  const keptWords = words.length;
  for (const [u, unit] of input.entries()) {
    map = maps[u];
    takeTerms(unit.contextIds, 0, unit.contextIds.length);
    takeWords(unit.contextWords, 0, unit.contextWords.length);
    takeTerms(unit.bodyIds, 0, unit.bodyIds.length);
    takeWords(unit.words, 0, unit.words.length);
  }
  // A unit with a map: its ids through the map, then to their final place (one map for both).
  const composed = new Map<IdMap, IdMap>();
  const finalMap = (m: IdMap): IdMap => {
    let c = composed.get(m);
    if (!c) {
      c = {
        terms: Int32Array.from(m.terms, (id) => termMap[id] as number),
        words: Int32Array.from(m.words, (id) => wordMap[id] as number),
      };
      composed.set(m, c);
    }
    return c;
  };
  const units = input.map((unit, doc) => {
    const numbered =
      unit.paragraphs[0]?.doc === doc ? unit.paragraphs : unit.paragraphs.map((p) => ({ ...p, doc }));
    const m = maps[doc] ? finalMap(maps[doc] as IdMap) : { terms: termMap, words: wordMap };
    return { ...remapUnit(unit, m.terms, m.words), paragraphs: numbered };
  });

  // The passages, in final ids.
  const first = new Uint32Array(kept);
  const last = new Uint32Array(kept);
  const start = new Uint32Array(kept);
  const end = new Uint32Array(kept);
  const paragraphBase = new Uint32Array(units.length);
  let paragraphCount = 0;
  units.forEach((unit, u) => {
    paragraphBase[u] = paragraphCount;
    paragraphCount += unit.paragraphs.length;
  });
  for (let k = 0; k < kept; k++) {
    const u = keptUnit[k] as number;
    const unit = units[u] as FileUnit;
    const p = keptPassage[k] as number;
    first[k] = (paragraphBase[u] as number) + (unit.spans.first[p] as number);
    last[k] = (paragraphBase[u] as number) + (unit.spans.last[p] as number);
    start[k] = unit.spans.start[p] as number;
    end[k] = unit.spans.end[p] as number;
  }
  const documents = distinctTitles(units.map((u) => u.document));
  const paragraphs: Paragraph[] = new Array(paragraphCount);
  units.forEach((unit, u) => {
    const title = (documents[u] as DocumentInfo).title;
    const renamed = title !== unit.document.title;
    for (let i = 0; i < unit.paragraphs.length; i++) {
      const p = unit.paragraphs[i] as Paragraph;
      paragraphs[(paragraphBase[u] as number) + i] = renamed ? { ...p, title } : p;
    }
  });
  return {
    documents,
    paragraphs,
    spans: { first, last, start, end },
    kept: chosen,
    units,
    dictionary: { terms, words, wordTerms: Uint32Array.from(wordTerms) },
    keptWords,
    termIds: termMap,
  };
}

/**
 * Documents with titles of their own: where several share one (every page of a docs site
 * opening with the site's banner, `<h1 align="center">Fastify</h1>`; two pages titled
 * "Overview"), each is named by its file too — `Reply (Fastify)`, `guide (Overview)` for a
 * `guide/overview.md` — so that a list of the documents and a citation tell them apart.
 * The units' own documents are not changed (a later build reuses them).
 */
export function distinctTitles(documents: readonly DocumentInfo[]): DocumentInfo[] {
  const count = new Map<string, number>();
  for (const d of documents) count.set(d.title, (count.get(d.title) ?? 0) + 1);
  if (documents.every((d) => count.get(d.title) === 1)) return [...documents];
  const named = documents.map((d) => {
    if ((count.get(d.title) as number) < 2) return d;
    const parts = d.source.split('/');
    const stem = fileLabel(parts.at(-1) as string);
    const generic = namesNothing(stem) || stem.toLowerCase() === d.title.toLowerCase();
    const name = generic && parts.length > 1 ? fileLabel(parts.at(-2) as string) : stem;
    return { ...d, title: `${name} (${d.title})` };
  });
  // Two files of one name under one title keep their paths.
  const again = new Map<string, number>();
  for (const d of named) again.set(d.title, (again.get(d.title) ?? 0) + 1);
  return named.map((d, i) => {
    const original = documents[i] as DocumentInfo;
    return (again.get(d.title) as number) > 1 ? { ...original, title: `${original.title} (${d.source})` } : d;
  });
}

/** The engine's vocabulary: written word → term, the first `kept` words of a dictionary. */
export function vocabularyOf(dictionary: Dictionary, kept: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < kept; i++)
    out.set(dictionary.words[i] as string, dictionary.terms[dictionary.wordTerms[i] as number] as string);
  return out;
}
