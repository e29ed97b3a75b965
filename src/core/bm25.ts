/**
 * The BM25 ranker: wink-bm25-text-search computes the BM25F weights; this wrapper owns its
 * call order (config → prep tasks → add → consolidate) so no caller can get it wrong, and
 * answers queries from a compact inverted index read out of wink's consolidated weights.
 *
 * What the wrapper adds over calling wink directly:
 * - a corpus of 1 or 2 passages works (wink refuses to consolidate fewer than 3: empty
 *   padding documents are added, which match nothing);
 * - ids are the passages' positions, and terms reach wink as numbers, so neither can collide
 *   and `constructor` or `__proto__` are ordinary words (terms are looked up in a Map);
 * - a large corpus is indexed on a worker thread, so the thread that asked keeps answering;
 * - queries are weighted concepts: a concept counts once per passage, with the best of its
 *   alternatives (an alias, a typo correction), each alternative scaled by its weight; only
 *   the best `limit` are sorted.
 */
import { type IndexWorker, startIndexWorker } from './bm25-threads.js';
import type {
  Alternative,
  Bm25Options,
  Concept,
  EncodedPassages,
  Hit,
  IndexedFields,
  Postings,
  Renumbering,
} from './bm25-types.js';
import { buildPostings, encode } from './bm25-wink.js';

export { type CoreWorker, type IndexWorker, startIndexWorker, startWorker } from './bm25-threads.js';
export type {
  Alternative,
  Bm25Options,
  Concept,
  EncodedPassages,
  Hit,
  IndexedFields,
  Postings,
  Renumbering,
} from './bm25-types.js';
export {
  buildPostings,
  consolidated,
  encode,
  extract,
  MAX_BODY_TERMS,
  MAX_TITLE_TERMS,
} from './bm25-wink.js';

/** A question concept worth less than this share of its rarest concept is not scored. */
export const PRUNE_RATIO = 0.1;
/** Passages scored at most by a question's commoner concepts (rarer ones are always scored). */
export const MAX_SCORED = 20_000;

/** wink's idf smoothing constant k (its default). */
const IDF_K = 1;

/** Each term's id (its position in `terms`). */
function termIdsOf(terms: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  terms.forEach((t, id) => {
    ids.set(t, id);
  });
  return ids;
}

export class Bm25Index {
  /** term → id, and id → row in the postings (-1: the term is in no indexed passage). */
  private readonly ids: ReadonlyMap<string, number>;
  private readonly rowOf: Int32Array;
  /** Scratch accumulators, one slot per passage, reused by every query. */
  private readonly total: Float64Array;
  private readonly concept: Float64Array;
  private readonly alternative: Float64Array;
  private readonly matched: Uint16Array;

  constructor(
    /** Number of passages. */
    readonly size: number,
    /** Every term, by id (the dictionary of the encoded passages). */
    readonly terms: readonly string[],
    readonly postings: Postings,
    /** termIdsOf(terms), when made already (a build makes it while wink works). */
    ids: ReadonlyMap<string, number> = termIdsOf(terms),
  ) {
    this.ids = ids;
    this.rowOf = new Int32Array(terms.length).fill(-1);
    postings.termIds.forEach((id, r) => {
      this.rowOf[id] = r;
    });
    this.total = new Float64Array(size);
    this.concept = new Float64Array(size);
    this.alternative = new Float64Array(size);
    this.matched = new Uint16Array(size);
  }

  /** Builds the index over passages in this thread: wink's call order cannot be broken. */
  static build(passages: readonly IndexedFields[], options: Bm25Options = {}): Bm25Index {
    const enc = encode(passages);
    return new Bm25Index(passages.length, enc.terms, buildPostings(enc, options));
  }

  /** The term's row in the postings, or -1. */
  private row(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? -1 : (this.rowOf[id] as number);
  }

  has(term: string): boolean {
    return this.row(term) >= 0;
  }

  /** Whether a passage holds the term (a binary search in the term's postings). */
  holds(term: string, passage: number): boolean {
    const r = this.row(term);
    if (r < 0) return false;
    let lo = this.postings.offsets[r] as number;
    let hi = this.postings.offsets[r + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const id = this.postings.ids[mid] as number;
      if (id === passage) return true;
      if (id < passage) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** Number of passages holding the term. */
  df(term: string): number {
    const r = this.row(term);
    return r < 0 ? 0 : (this.postings.offsets[r + 1] as number) - (this.postings.offsets[r] as number);
  }

  /** wink's idf: ln((N − n + 0.5) / (n + 0.5) + k); the idf of an unseen term for n = 0. */
  idf(term: string): number {
    const n = this.df(term);
    const total = Math.max(this.size, 3);
    return Math.log((total - n + 0.5) / (n + 0.5) + IDF_K);
  }

  /** Per alternative of a concept, the share of its rarity it counts (see conceptRarity). */
  rarity(c: Concept): Map<Alternative, number> {
    return conceptRarity(c, (t) => (this.has(t) ? this.idf(t) : undefined));
  }

  /**
   * Scores passages for the concepts and returns the best `limit`, best first (ties in
   * passage order). `accept` limits the passages considered. With `prune` (the default),
   * near-worthless concepts are skipped and commoner ones capped (see PRUNE_RATIO, MAX_SCORED);
   * without, every passage is scored exactly as wink's own search would.
   */
  search(
    concepts: readonly Concept[],
    limit: number,
    accept?: (id: number) => boolean,
    { prune = true }: { prune?: boolean } = {},
  ): Hit[] {
    const touched: number[] = [];
    const { total, concept, alternative, matched } = this;
    const { offsets, ids, weights } = this.postings;
    // Rarest concepts first; a concept far commoner than the rarest adds almost nothing and is
    // dropped; once MAX_SCORED passages are scored, commoner concepts only add to those.
    const worth = (c: Concept) => {
      let best = 0;
      for (const a of c.alternatives)
        for (const t of a.terms) if (this.has(t)) best = Math.max(best, a.weight * this.idf(t));
      return best;
    };
    // Context (see contextWords) comes after the question's own concepts and only adds to the
    // passages they found: a passage that matches only what the asker says around the question
    // is not what was asked.
    const ranked = concepts
      .map((c) => ({ c, w: worth(c) }))
      .sort((a, b) => Number(a.c.context === true) - Number(b.c.context === true) || b.w - a.w);
    const top = ranked.find((r) => !r.c.context)?.w ?? 0;
    for (const { c, w } of ranked) {
      if (prune && w < PRUNE_RATIO * top) continue;
      const closed = (prune && touched.length >= MAX_SCORED) || c.context === true;
      const only = c.alternatives.length === 1 ? c.alternatives[0] : undefined;
      if (only && only.terms.length === 1) {
        // One alternative of one term (a plain word): its scores go straight to the totals, as
        // below with nothing to take the best of (and no rarity to share: that takes two).
        const r = this.row(only.terms[0] as string);
        if (r < 0) continue;
        const weight = only.weight;
        const end = offsets[r + 1] as number;
        for (let i = offsets[r] as number; i < end; i++) {
          const id = ids[i] as number;
          const had = total[id] as number;
          if (closed && had === 0) continue;
          const s = (weights[i] as number) * weight;
          if (!(s > 0)) continue;
          if (had === 0) touched.push(id);
          total[id] = had + s;
        }
        continue;
      }
      const rarity = this.rarity(c);
      const conceptTouched: number[] = [];
      for (const alt of c.alternatives) {
        const scale = rarity.get(alt) ?? 1;
        if (alt.terms.length === 1) {
          // One term (most alternatives): each passage is in its postings once, so its score is
          // the posting's weight scaled, as below with held = parts = 1, in one pass.
          const r = this.row(alt.terms[0] as string);
          if (r < 0) continue;
          const end = offsets[r + 1] as number;
          for (let i = offsets[r] as number; i < end; i++) {
            const id = ids[i] as number;
            if (closed && total[id] === 0) continue;
            const s = (weights[i] as number) * alt.weight * scale;
            if (!(s > 0)) continue;
            const had = concept[id] as number;
            if (had === 0) conceptTouched.push(id);
            if (s > had) concept[id] = s;
          }
          continue;
        }
        const altTouched: number[] = [];
        for (const term of alt.terms) {
          const r = this.row(term);
          if (r < 0) continue;
          const end = offsets[r + 1] as number;
          for (let i = offsets[r] as number; i < end; i++) {
            const id = ids[i] as number;
            if (closed && total[id] === 0) continue;
            if (matched[id] === 0) altTouched.push(id);
            alternative[id] = (alternative[id] as number) + (weights[i] as number);
            matched[id] = (matched[id] as number) + 1;
          }
        }
        // The parts of a word (`co-operate`, `maxRetries`) count in proportion to how many the
        // passage has; a phrase from the aliases (`Islamic State`) only where it has all of it.
        const parts = alt.terms.length;
        for (const id of altTouched) {
          const held = matched[id] as number;
          const s =
            held === parts || !alt.whole
              ? ((alternative[id] as number) * alt.weight * scale * held) / parts
              : 0;
          alternative[id] = 0;
          matched[id] = 0;
          if (!(s > 0)) continue;
          if (concept[id] === 0) conceptTouched.push(id);
          if (s > (concept[id] as number)) concept[id] = s;
        }
      }
      for (const id of conceptTouched) {
        if (total[id] === 0) touched.push(id);
        total[id] = (total[id] as number) + (concept[id] as number);
        concept[id] = 0;
      }
    }
    return topHits(touched, total, Math.max(1, limit), accept);
  }
}

/** The best `limit` of the touched passages, best first, clearing their scores. */
function topHits(
  touched: number[],
  total: Float64Array,
  limit: number,
  accept?: (id: number) => boolean,
): Hit[] {
  // A min-heap of the best so far, in two typed columns (no object per passage touched):
  // O(n log limit), not a sort of every touched passage. The worst of the best is at the root;
  // a higher score, or an equal one with a lower id, is better.
  const scores = new Float64Array(limit);
  const ids = new Int32Array(limit);
  let size = 0;
  const worse = (i: number, j: number) =>
    (scores[i] as number) < (scores[j] as number) ||
    ((scores[i] as number) === (scores[j] as number) && (ids[i] as number) > (ids[j] as number));
  const swap = (i: number, j: number) => {
    const s = scores[i] as number;
    scores[i] = scores[j] as number;
    scores[j] = s;
    const d = ids[i] as number;
    ids[i] = ids[j] as number;
    ids[j] = d;
  };
  for (const id of touched) {
    const score = total[id] as number;
    total[id] = 0;
    if (!(score > 0)) continue;
    if (size === limit) {
      // Not better than the worst kept: skipped before asking `accept`.
      const s0 = scores[0] as number;
      if (score < s0 || (score === s0 && id > (ids[0] as number))) continue;
    }
    if (accept && !accept(id)) continue;
    if (size < limit) {
      scores[size] = score;
      ids[size] = id;
      for (let i = size++; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(i, p)) break;
        swap(i, p);
        i = p;
      }
      continue;
    }
    scores[0] = score;
    ids[0] = id;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(l, m)) m = l;
      if (r < size && worse(r, m)) m = r;
      if (m === i) break;
      swap(i, m);
      i = m;
    }
  }
  const hits: Hit[] = [];
  for (let i = 0; i < size; i++) hits.push({ id: ids[i] as number, score: scores[i] as number });
  return hits.sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Below this many passages the index is built in this thread (a worker costs more to start). */
export const WORKER_MIN = { passages: 5_000 };

/**
 * Builds the index from encoded passages: one wink engine, on a worker thread when the corpus
 * is large (the thread that asked keeps answering meanwhile), else in this thread. Same result
 * either way. `progress` hears how many passages were added. On a worker thread, the encoded
 * passages' id columns are moved to it: `enc` cannot be used after. `meanwhile` runs once the
 * work is under way (on a worker thread, while the worker builds; in this thread, before) and
 * may return how the passages' ids are renumbered in the index (see Renumbering).
 */
export async function buildIndex(
  enc: EncodedPassages,
  options: Bm25Options = {},
  progress?: (added: number) => void,
  worker: boolean | IndexWorker = enc.titleOffsets.length - 1 >= WORKER_MIN.passages,
  meanwhile?: () => Renumbering | undefined,
): Promise<Bm25Index> {
  const size = enc.titleOffsets.length - 1;
  if (!worker) {
    const renumbered = meanwhile?.();
    const postings = buildPostings(enc, options, progress, renumbered?.order);
    return new Bm25Index(size, renumbered?.terms ?? enc.terms, postings);
  }
  const indexer = worker === true ? startIndexWorker(size) : worker;
  indexer.progress = progress;
  // The worker needs only the ids, not the term strings; the id columns are moved to it, not
  // copied (this thread has no use for them once they are indexed).
  const shared = { ...enc, terms: { length: enc.terms.length } as unknown as string[] };
  const moved = [enc.titleOffsets, enc.titleIds, enc.bodyOffsets, enc.bodyIds].map(
    (a) => a.buffer as ArrayBuffer,
  );
  try {
    const w = await indexer.worker;
    // With `meanwhile`, the worker waits for the numbering once wink is consolidated.
    const built = w.request<Postings>({ enc: shared, options, renumbered: meanwhile !== undefined }, moved);
    // Should `meanwhile` throw, nothing waits for the worker any more: its failure is no one's.
    built.catch(() => {});
    const renumbered = meanwhile?.();
    if (meanwhile) w.post({ order: renumbered?.order ?? null });
    const terms = renumbered?.terms ?? enc.terms;
    const ids = termIdsOf(terms);
    return new Bm25Index(size, terms, await built, ids);
  } finally {
    indexer.close();
  }
}

/**
 * One concept, one rarity: when a phrase alternative (an alias, what an acronym stands for) is
 * common, a rare way of writing the same thing (`MPL` in a license that says "Mozilla Public
 * License" in every heading) is scaled down to the phrase's rarity, so the one passage that
 * happens to write `MPL` does not outrank the rest. Factor per alternative, 1 when none applies.
 */
export function conceptRarity(
  concept: Concept,
  idf: (term: string) => number | undefined,
): Map<Alternative, number> {
  const out = new Map<Alternative, number>();
  if (!concept.alternatives.some((a) => a.whole)) return out;
  const rarityOf = (a: Alternative): number | undefined => {
    let r: number | undefined;
    for (const t of a.terms) {
      const v = idf(t);
      if (v === undefined) return undefined;
      r = r === undefined ? v : Math.max(r, v);
    }
    return r;
  };
  const known = concept.alternatives
    .map((a) => [a, rarityOf(a)] as const)
    .filter((x): x is readonly [Alternative, number] => x[1] !== undefined && x[1] > 0);
  if (known.length < 2) return out;
  const floor = Math.min(...known.map(([, r]) => r));
  for (const [a, r] of known) out.set(a, floor / r);
  return out;
}
