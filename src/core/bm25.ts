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
import bm25 from 'wink-bm25-text-search';
import { type Ranking, rankingOf } from './ranking.js';
import { threadOf, type WorkerName, workerModule } from './worker-module.js';

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

/** At most this many terms of a passage's body (and title) are indexed. */
export const MAX_BODY_TERMS = 4095;
export const MAX_TITLE_TERMS = 255;

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

/** A question concept worth less than this share of its rarest concept is not scored. */
export const PRUNE_RATIO = 0.1;
/** Passages scored at most by a question's commoner concepts (rarer ones are always scored). */
export const MAX_SCORED = 20_000;

/** wink's idf smoothing constant k (its default). */
const IDF_K = 1;
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

/** A worker thread started ahead of the index build (its start overlaps the tokenising). */
export interface IndexWorker {
  worker: Promise<CoreWorker>;
  /** Hears how many passages were added. */
  progress: ((added: number) => void) | undefined;
  close(): void;
}

/**
 * Starts the worker that will build the index of about `passages` passages (see buildIndex):
 * it loads while the passages are being made. Close it if it ends up unused.
 */
export function startIndexWorker(passages: number): IndexWorker {
  const indexer: IndexWorker = {
    progress: undefined,
    // wink holds about 3.5 KB per passage: past a million passages that is more than V8's
    // default heap limit (about 4 GB), so the worker's limit grows with the corpus.
    worker: startWorker(
      'bm25-worker',
      {},
      (message) => indexer.progress?.(message as number),
      [],
      Math.max(4096, Math.ceil(passages / 1000) * 6),
    ),
    close: () => {
      indexer.worker.then((w) => w.close()).catch(() => {});
    },
  };
  // A failure to start is the build's to report (see buildIndex), not an unhandled rejection.
  indexer.worker.catch(() => {});
  return indexer;
}

/** A worker thread of the core: jobs sent one at a time, each answered by one result. */
export interface CoreWorker {
  /** The next result (of the job given at start, or of the last one sent). */
  next<T>(): Promise<T>;
  /** Sends a job and waits for its result. */
  request<T>(job: unknown, transferList?: ArrayBuffer[]): Promise<T>;
  /** Sends more for the job under way (its result still comes through request or next). */
  post(message: unknown): void;
  close(): void;
}

/**
 * Starts a worker module of the core (`bm25-worker`, `encode-worker`) on a new thread with
 * `data` as its workerData; its progress messages go to `progress`. A worker that fails or
 * stops fails the result awaited.
 */
export async function startWorker(
  name: WorkerName,
  data: unknown,
  progress?: (message: unknown) => void,
  transferList: ArrayBuffer[] = [],
  heapMb?: number,
): Promise<CoreWorker> {
  // A smaller young generation than V8's default: a build keeps most of what it allocates, and
  // the worker's memory peaks with the build's (at 100k passages, a cold build's peak is 655 MB
  // with 4 MB, 675 MB with 16 MB, in the same time).
  const resourceLimits = {
    maxYoungGenerationSizeMb: 4,
    ...(heapMb ? { maxOldGenerationSizeMb: heapMb } : {}),
  };
  const worker = await threadOf(await workerModule(name), { workerData: data, transferList, resourceLimits });
  let waiting: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | undefined;
  let failure: unknown;
  let closed = false;
  const fail = (error: unknown) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = undefined;
  };
  worker.on('message', (message: { progress?: unknown; result?: unknown }) => {
    if ('progress' in message) progress?.(message.progress);
    else {
      waiting?.resolve(message.result);
      waiting = undefined;
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`seedbot: a worker thread stopped with code ${code}`));
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      if (failure !== undefined) reject(failure);
      else waiting = { resolve: resolve as (value: unknown) => void, reject };
    });
  return {
    next,
    request<T>(job: unknown, list: ArrayBuffer[] = []) {
      const result = next<T>();
      worker.postMessage(job, list);
      return result;
    },
    post(message: unknown) {
      worker.postMessage(message);
    },
    close() {
      closed = true;
      void worker.terminate();
    },
  };
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
