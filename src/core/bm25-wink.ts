/**
 * wink-bm25-text-search through its public API, in the one call order it needs (config → prep
 * tasks → add → consolidate), with fewer than 3 passages padded (wink refuses to consolidate
 * them), and its consolidated weights read out as postings; passages encoded as term ids for
 * it. The worker module (bm25-worker.ts) runs the same steps on its thread.
 */
import bm25 from 'wink-bm25-text-search';
import type { Bm25Options, EncodedPassages, IndexedFields, Postings } from './bm25-types.js';
import { rankingOf } from './ranking.js';

/** At most this many terms of a passage's body (and title) are indexed. */
export const MAX_BODY_TERMS = 4095;
export const MAX_TITLE_TERMS = 255;

const NONE = new Uint32Array(0);
/** Passages added between two progress reports of a build. */
const PROGRESS_EVERY = 10_000;

/**
 * Runs one wink engine with two fields (title and body) over every passage and returns the
 * postings of every term, in term id order. `progress` hears how many passages were added
 * (then `size` again once consolidated). With `order`, the passages' ids are renumbered: id
 * s is order[s] in the postings (see Renumbering).
 */
export function buildPostings(
  enc: EncodedPassages,
  options: Bm25Options,
  progress?: (added: number) => void,
  order?: Int32Array,
): Postings {
  const postings = extract(consolidated(enc, options, progress), enc, order);
  progress?.(enc.titleOffsets.length - 1);
  return postings;
}

/** wink's engine over every passage, consolidated (see buildPostings). */
export function consolidated(
  enc: EncodedPassages,
  options: Bm25Options,
  progress?: (added: number) => void,
): ReturnType<typeof bm25> {
  const o = rankingOf(options);
  const size = enc.titleOffsets.length - 1;
  const engine = bm25();
  engine.defineConfig({ fldWeights: { title: o.titleWeight, body: 1 }, bm25Params: { k1: o.k1, b: o.b } });
  const identity = (input: unknown) => input;
  engine.definePrepTasks([identity], 'title');
  engine.definePrepTasks([identity], 'body');
  engine.definePrepTasks([identity]);
  // Terms reach wink as their ids: each field is a view of the id column (no copy, no strings).
  const field = (ids: Uint32Array, offsets: Uint32Array, i: number, max: number) => {
    const from = offsets[i] as number;
    return ids.subarray(from, Math.min(offsets[i + 1] as number, from + max));
  };
  const doc: Record<string, Uint32Array> = {};
  for (let i = 0; i < size; i++) {
    doc.title = field(enc.titleIds, enc.titleOffsets, i, MAX_TITLE_TERMS);
    doc.body = field(enc.bodyIds, enc.bodyOffsets, i, MAX_BODY_TERMS);
    engine.addDoc(doc, i);
    if (progress && i % PROGRESS_EVERY === PROGRESS_EVERY - 1) progress(i + 1);
  }
  const empty = { title: NONE, body: NONE };
  for (let pad = size; pad < 3; pad++) engine.addDoc(empty, `pad${pad}`);
  engine.consolidate(6);
  return engine;
}

/**
 * Reads wink's consolidated weights into postings, passages in order, terms in the order of
 * their ids (renumbered by `order` when given).
 */
export function extract(engine: ReturnType<typeof bm25>, enc: EncodedPassages, order?: Int32Array): Postings {
  const size = enc.titleOffsets.length - 1;
  const tokens = engine.getTokens();
  const docs = engine.getDocs();
  // Rows: the terms that occur, in (final) id order; `row` and `winkIndex` by the passages' ids.
  const row = new Int32Array(enc.terms.length).fill(-1);
  const termIds: number[] = [];
  const winkIndex: number[] = [];
  const take = (id: number, final: number) => {
    if (tokens[id] === undefined) return;
    row[id] = termIds.length;
    termIds.push(final);
    winkIndex.push(tokens[id] as number);
  };
  if (order) {
    let finals = 0;
    for (const f of order) if (f >= finals) finals = f + 1;
    const idOf = new Int32Array(finals).fill(-1);
    order.forEach((f, id) => {
      if (f >= 0) idOf[f] = id;
    });
    for (let f = 0; f < finals; f++) if ((idOf[f] as number) >= 0) take(idOf[f] as number, f);
  } else for (let id = 0; id < enc.terms.length; id++) take(id, id);
  // Each passage's distinct indexed terms (both fields), as rows: counted, then filled in.
  const stamp = new Int32Array(enc.terms.length).fill(-1);
  const rows = new Int32Array(MAX_TITLE_TERMS + MAX_BODY_TERMS);
  const rowsOf = (i: number): number => {
    let n = 0;
    for (let f = 0; f < 2; f++) {
      const offsets = f === 0 ? enc.titleOffsets : enc.bodyOffsets;
      const ids = f === 0 ? enc.titleIds : enc.bodyIds;
      const from = offsets[i] as number;
      const to = Math.min(offsets[i + 1] as number, from + (f === 0 ? MAX_TITLE_TERMS : MAX_BODY_TERMS));
      for (let k = from; k < to; k++) {
        const id = ids[k] as number;
        const r = row[id] as number;
        if (r >= 0 && stamp[id] !== i) {
          stamp[id] = i;
          rows[n++] = r;
        }
      }
    }
    return n;
  };
  const counts = new Uint32Array(termIds.length + 1);
  for (let i = 0; i < size; i++) {
    const n = rowsOf(i);
    for (let k = 0; k < n; k++) counts[rows[k] as number] = (counts[rows[k] as number] as number) + 1;
  }
  const offsets = new Uint32Array(termIds.length + 1);
  for (let r = 0; r < termIds.length; r++) offsets[r + 1] = (offsets[r] as number) + (counts[r] as number);
  const fill = offsets.slice(0, termIds.length);
  const ids = new Uint32Array(offsets[termIds.length] as number);
  const weights = new Float32Array(ids.length);
  stamp.fill(-1);
  for (let i = 0; i < size; i++) {
    const freq = (docs[i] as { freq: Record<number, number> }).freq;
    const n = rowsOf(i);
    for (let k = 0; k < n; k++) {
      const r = rows[k] as number;
      const at = (fill[r] as number)++;
      ids[at] = i;
      weights[at] = freq[winkIndex[r] as number] as number;
    }
  }
  return { termIds: Uint32Array.from(termIds), offsets, ids, weights };
}

/** Encodes tokenised passages with a fresh dictionary. */
export function encode(passages: readonly IndexedFields[]): EncodedPassages {
  const dict = new Map<string, number>();
  const terms: string[] = [];
  const idOf = (t: string) => {
    let id = dict.get(t);
    if (id === undefined) {
      id = terms.length;
      dict.set(t, id);
      terms.push(t);
    }
    return id;
  };
  const field = (pick: (p: IndexedFields) => string[]) => {
    const offsets = new Uint32Array(passages.length + 1);
    const ids: number[] = [];
    passages.forEach((p, i) => {
      for (const t of pick(p)) ids.push(idOf(t));
      offsets[i + 1] = ids.length;
    });
    return { offsets, ids: Uint32Array.from(ids) };
  };
  const title = field((p) => p.title);
  const body = field((p) => p.body);
  return {
    terms,
    titleOffsets: title.offsets,
    titleIds: title.ids,
    bodyOffsets: body.offsets,
    bodyIds: body.ids,
  };
}
