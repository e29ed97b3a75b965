/**
 * The units of every file joined into what the engine keeps: the passages indexed (the first
 * of each duplicate), their title and body term ids, and every term and word id in its final
 * place, in the order one pass over the corpus would give them.
 */
import type { DocumentInfo, Paragraph, Spans } from './answer-types.js';
import type { EncodedPassages } from './bm25.js';
import { duplicateKey } from './normalize.js';
import { spanText } from './sections.js';
import { distinctTitles } from './units-titles.js';
import type { Dictionary, FileUnit, IdMap } from './units-types.js';

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
