/**
 * The BM25 ranker: wink-bm25-text-search computes the BM25F weights; this wrapper owns its
 * call order (config → prep tasks → add → consolidate) so no caller can get it wrong, and
 * answers queries from a compact inverted index read out of wink's consolidated weights.
 *
 * What the wrapper adds over calling wink directly:
 * - a corpus of 1 or 2 passages works (wink refuses to consolidate fewer than 3: empty
 *   padding documents are added, which match nothing);
 * - ids are the passages' positions, so they never collide;
 * - terms are looked up in a Map, so `constructor` or `__proto__` are ordinary words;
 * - queries are weighted concepts: a concept counts once per passage, with the best of its
 *   alternatives (an alias, a typo correction), each alternative scaled by its weight.
 */
import bm25 from 'wink-bm25-text-search';

/** One indexed passage: its terms per field (already tokenised). */
export interface IndexedFields {
  title: string[];
  body: string[];
}

export interface Bm25Options {
  /** Weight of the title field (document title and section heading) against the body's 1. Default 0.5. */
  titleWeight?: number;
  /** BM25 k1 (term-frequency saturation). Default 1.2. */
  k1?: number;
  /** BM25 b (length normalisation). Default 0.75. */
  b?: number;
}

export const BM25_DEFAULTS: Required<Bm25Options> = { titleWeight: 0.5, k1: 1.2, b: 0.75 };

/** One way to match a concept: terms counted together, scaled by a weight in (0, 1]. */
export interface Alternative {
  terms: string[];
  weight: number;
}

/** Something the question asks about: a word, or a phrase found in the aliases. */
export interface Concept {
  alternatives: Alternative[];
}

export interface Hit {
  /** Position of the passage in the list given to build(). */
  id: number;
  score: number;
}

/** wink's idf smoothing constant k (its default). */
const IDF_K = 1;
const PAD = '\u0000pad';

export class Bm25Index {
  /** term → position in the postings. */
  private readonly termIds: Map<string, number>;
  /** Postings: for term t, passages ids[offsets[t]..offsets[t+1]) with weights alike. */
  private readonly offsets: Uint32Array;
  private readonly ids: Uint32Array;
  private readonly weights: Float32Array;
  /** Scratch accumulators, one slot per passage, reused by every query. */
  private readonly total: Float64Array;
  private readonly concept: Float64Array;
  private readonly alternative: Float64Array;
  private readonly matched: Uint16Array;

  private constructor(
    readonly size: number,
    termIds: Map<string, number>,
    offsets: Uint32Array,
    ids: Uint32Array,
    weights: Float32Array,
  ) {
    this.termIds = termIds;
    this.offsets = offsets;
    this.ids = ids;
    this.weights = weights;
    this.total = new Float64Array(size);
    this.concept = new Float64Array(size);
    this.alternative = new Float64Array(size);
    this.matched = new Uint16Array(size);
  }

  /** Builds the index over passages, in one call: wink's call order cannot be broken. */
  static build(passages: readonly IndexedFields[], options: Bm25Options = {}): Bm25Index {
    const o = { ...BM25_DEFAULTS, ...options };
    const engine = bm25();
    engine.defineConfig({ fldWeights: { title: o.titleWeight, body: 1 }, bm25Params: { k1: o.k1, b: o.b } });
    // Fields arrive tokenised: the prep task passes the term arrays through.
    const identity = (input: unknown) => input;
    engine.definePrepTasks([identity], 'title');
    engine.definePrepTasks([identity], 'body');
    engine.definePrepTasks([identity]);
    passages.forEach((p, id) => {
      engine.addDoc({ title: p.title, body: p.body }, id);
    });
    for (let pad = passages.length; pad < 3; pad++) engine.addDoc({ title: [], body: [] }, `${PAD}${pad}`);
    engine.consolidate(6);
    return Bm25Index.fromEngine(engine, passages.length);
  }

  /** Reads wink's consolidated weights into compact postings. */
  private static fromEngine(engine: ReturnType<typeof bm25>, size: number): Bm25Index {
    const docs = engine.getDocs();
    const tokens = engine.getTokens();
    const termIds = new Map<string, number>();
    for (const term of Object.keys(tokens)) termIds.set(term, tokens[term] as number);
    const counts = new Uint32Array(termIds.size + 1);
    const docIds = Object.keys(docs).filter((id) => !id.startsWith(PAD));
    for (const id of docIds) {
      for (const t of Object.keys((docs[id] as { freq: object }).freq))
        counts[Number(t)] = (counts[Number(t)] ?? 0) + 1;
    }
    const offsets = new Uint32Array(termIds.size + 1);
    for (let t = 0; t < termIds.size; t++) offsets[t + 1] = (offsets[t] as number) + (counts[t] as number);
    const fill = offsets.slice(0, termIds.size);
    const ids = new Uint32Array(offsets[termIds.size] as number);
    const weights = new Float32Array(ids.length);
    // Ids in ascending passage order, so postings are sorted.
    docIds.sort((a, b) => Number(a) - Number(b));
    for (const id of docIds) {
      const freq = (docs[id] as { freq: Record<string, number> }).freq;
      for (const t of Object.keys(freq)) {
        const at = (fill[Number(t)] as number)++;
        ids[at] = Number(id);
        weights[at] = freq[t] as number;
      }
    }
    return new Bm25Index(size, termIds, offsets, ids, weights);
  }

  has(term: string): boolean {
    const t = this.termIds.get(term);
    return t !== undefined && (this.offsets[t + 1] as number) > (this.offsets[t] as number);
  }

  /** Number of passages holding the term. */
  df(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : (this.offsets[t + 1] as number) - (this.offsets[t] as number);
  }

  /** wink's idf: ln((N − n + 0.5) / (n + 0.5) + k); the idf of an unseen term for n = 0. */
  idf(term: string): number {
    const n = this.df(term);
    const total = Math.max(this.size, 3);
    return Math.log((total - n + 0.5) / (n + 0.5) + IDF_K);
  }

  /**
   * Scores passages for the concepts and returns the best `limit`, best first (ties in
   * passage order). `accept` limits the passages considered.
   */
  search(concepts: readonly Concept[], limit: number, accept?: (id: number) => boolean): Hit[] {
    const touched: number[] = [];
    const { total, concept, alternative, matched } = this;
    for (const c of concepts) {
      const conceptTouched: number[] = [];
      for (const alt of c.alternatives) {
        const altTouched: number[] = [];
        for (const term of alt.terms) {
          const t = this.termIds.get(term);
          if (t === undefined) continue;
          const end = this.offsets[t + 1] as number;
          for (let i = this.offsets[t] as number; i < end; i++) {
            const id = this.ids[i] as number;
            if (matched[id] === 0) altTouched.push(id);
            alternative[id] = (alternative[id] as number) + (this.weights[i] as number);
            matched[id] = (matched[id] as number) + 1;
          }
        }
        // A phrase (`Islamic State`) counts in proportion to how much of it the passage has.
        const parts = alt.terms.length;
        for (const id of altTouched) {
          const s = ((alternative[id] as number) * alt.weight * (matched[id] as number)) / parts;
          alternative[id] = 0;
          matched[id] = 0;
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
    const hits: Hit[] = [];
    for (const id of touched) {
      const score = total[id] as number;
      total[id] = 0;
      if (score > 0 && (!accept || accept(id))) hits.push({ id, score });
    }
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return hits.slice(0, Math.max(1, limit));
  }
}
