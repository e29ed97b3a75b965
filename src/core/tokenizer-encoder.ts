/**
 * TermEncoder: texts turned into term ids for the index, fast. Each distinct chunk is
 * tokenised once per encoder (found by a hash computed while the text is scanned) and its
 * codes kept in typed columns; written words get ids too, for typo tolerance.
 */

import { acronymReadings, chunkText, tokenizeChunks, wordsOf, wordTerms } from './tokenizer-chunks.js';
import type { Chunk, Columns, Word } from './tokenizer-types.js';
import { limits } from './tokenizer-wink.js';

/** Texts encoded and chunks tokenised by TermEncoders (for tests: a reload tokenises only what changed). */
const encoderStats = { texts: 0, chunksTokenised: 0 };

/** Texts encoded and chunks tokenised by TermEncoders in this thread since it started. */
export function encodingStats(): { texts: number; chunksTokenised: number } {
  return { ...encoderStats };
}

/** The shortest part of a hyphenated word recorded as a word of its own. */
const PART_MIN = 4;
/** Reading 0 of a chunk takes its upper-case words as acronyms, reading 1 as ordinary words. */
type Reading = 0 | 1;

/**
 * The chunks an encoder has seen, found by a hash of their characters computed while the text
 * is scanned: a chunk seen before costs no substring and no string hashing (an open-addressing
 * table of 32-bit FNV-1a hashes; equal hashes are told apart by the characters). What every
 * occurrence of a chunk needs is kept in typed columns by the chunk's index, not in an object
 * per chunk: how it reads, and where its codes are in one pool of numbers. Each code is the
 * number of its term ids, the number of its written-word ids, then the ids.
 */
class ChunkTable {
  /** Each chunk's text, by index. */
  readonly keys: string[] = [];
  size = 0;
  /** Per chunk: its hash; its upper-case words (-1 until tokenised); 1 when it has lower-case words. */
  hashes = new Int32Array(0);
  upper = new Int32Array(0);
  lower = new Uint8Array(0);
  /** Per chunk i and reading r, at 2i + r: where its code starts in `pool`, plus one (0: none yet). */
  codes = new Int32Array(0);
  pool = new Int32Array(1 << 12);
  poolSize = 0;
  /** A reading's words read but not coded yet, by 2i + r (both readings are read at once). */
  readonly pending = new Map<number, Word[]>();
  /** Open addressing: per slot, a chunk's index (-1: empty) and its hash, side by side. */
  private slots = new Int32Array(0);
  private mask = 0;

  constructor() {
    this.clear();
  }

  /** Forgets every chunk (an overflow of the encoder's capacity: they are tokenised again). */
  clear(): void {
    this.size = 0;
    this.keys.length = 0;
    this.poolSize = 0;
    this.pending.clear();
    this.resize(1 << 12);
  }

  private resize(slotCount: number): void {
    this.slots = new Int32Array(2 * slotCount).fill(-1);
    this.mask = slotCount - 1;
    for (let i = 0; i < this.size; i++) {
      const hash = this.hashes[i] as number;
      let at = hash & this.mask;
      while ((this.slots[2 * at] as number) >= 0) at = (at + 1) & this.mask;
      this.slots[2 * at] = i;
      this.slots[2 * at + 1] = hash;
    }
  }

  /** The index of the chunk text[from, to) of hash `hash`, added (not tokenised) when new. */
  index(text: string, from: number, to: number, hash: number): number {
    const slots = this.slots;
    const length = to - from;
    let at = hash & this.mask;
    for (;;) {
      const i = slots[2 * at] as number;
      if (i < 0) break;
      if (slots[2 * at + 1] === hash) {
        const key = this.keys[i] as string;
        if (key.length === length && sameChars(key, text, from, length)) return i;
      }
      at = (at + 1) & this.mask;
    }
    const i = this.size++;
    if (i >= this.hashes.length) this.grow();
    this.keys.push(text.slice(from, to));
    this.hashes[i] = hash;
    this.upper[i] = -1;
    this.lower[i] = 0;
    this.codes[2 * i] = 0;
    this.codes[2 * i + 1] = 0;
    slots[2 * at] = i;
    slots[2 * at + 1] = hash;
    if (this.size * 2 > this.mask + 1) this.resize(2 * (this.mask + 1));
    return i;
  }

  /** Appends a code (term ids, then written-word ids) to the pool: where it starts. */
  addCode(ids: readonly number[], words: readonly number[]): number {
    const need = this.poolSize + 2 + ids.length + words.length;
    if (need > this.pool.length) {
      const grown = new Int32Array(Math.max(need, 2 * this.pool.length));
      grown.set(this.pool.subarray(0, this.poolSize));
      this.pool = grown;
    }
    const at = this.poolSize;
    const pool = this.pool;
    pool[at] = ids.length;
    pool[at + 1] = words.length;
    let p = at + 2;
    for (const id of ids) pool[p++] = id;
    for (const w of words) pool[p++] = w;
    this.poolSize = p;
    return at;
  }

  private grow(): void {
    const n = Math.max(1 << 12, 2 * this.hashes.length);
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const upper = new Int32Array(n);
    upper.set(this.upper);
    this.upper = upper;
    const lower = new Uint8Array(n);
    lower.set(this.lower);
    this.lower = lower;
    const codes = new Int32Array(2 * n);
    codes.set(this.codes);
    this.codes = codes;
  }
}

/** Whether `key` is text[from, from + length) (the caller has compared the lengths). */
function sameChars(key: string, text: string, from: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (key.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

/**
 * Turns texts into term ids for the index, fast: each distinct chunk is tokenised once per
 * encoder and its ids remembered (without wink's columns, which are large). Also gives every
 * written word an id with its term (for typo tolerance), and each text's distinct written
 * words in the order they first appear. Terms and words get ids in the order first seen.
 */
export class TermEncoder {
  /** Term of each id. */
  readonly terms: string[] = [];
  /** Written word of each word id, and the id of its term. */
  readonly words: string[] = [];
  readonly wordTerms: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly wordIds = new Map<string, number>();
  /** Per word id: the last text it was listed for (each text lists a word once). */
  private wordStamp = new Int32Array(1024).fill(-1);
  private text = 0;
  private readonly chunks = new ChunkTable();
  /** A batch's chunks (table indexes), text after text; and one text's readings, gathered. */
  private refs = new Int32Array(1 << 12);
  private textUpper = new Int32Array(64);
  private textLower = new Uint8Array(64);
  /** Chunks remembered at most (between batches; an overflow costs only time). */
  private readonly capacity: number;

  /** `capacity`: chunks remembered (sized to the corpus; an overflow only costs time). */
  constructor(capacity: number = limits().chunks) {
    this.capacity = Math.max(1, capacity);
  }

  /** Written word → term, every word so far, in the order first seen. */
  get vocabulary(): Map<string, string> {
    return new Map(this.words.map((w, i) => [w, this.terms[this.wordTerms[i] as number] as string]));
  }

  /** Appends the term ids of `text` to `out`, and its distinct written words' ids to `words`. */
  encode(text: string, out: number[], words: number[] = []): void {
    this.encodeBatch([text], out, [], words, []);
  }

  /**
   * Encodes many texts, appending each one's ids to `out` and its end in `out` to `ends`, its
   * distinct words to `words` and their end to `wordEnds`; pauses (yields) between batches so
   * a caller can let other work run. Each batch's new chunks are tokenised by one wink-nlp call.
   */
  *encodeAll(
    texts: readonly string[],
    out: number[],
    ends: number[],
    words: number[] = [],
    wordEnds: number[] = [],
    batch = 2000,
  ): Generator<void, void> {
    for (let from = 0; from < texts.length; from += batch) {
      if (from > 0) yield;
      this.encodeBatch(texts.slice(from, from + batch), out, ends, words, wordEnds);
    }
  }

  private encodeBatch(
    texts: readonly string[],
    out: number[],
    ends: number[],
    words: number[],
    wordEnds: number[],
  ): void {
    const table = this.chunks;
    // The capacity is checked between batches: a batch's chunks stay until it is encoded.
    if (table.size >= this.capacity) table.clear();
    // Chunks new to the table are added at its end: those from `first` on are this batch's.
    const first = table.size;
    // Each text's chunks (the pieces split(' ') gives of its normal form), as table indexes.
    let refs = this.refs;
    let count = 0;
    const textEnds: number[] = [];
    for (const t of texts) {
      const normal = chunkText(t);
      if (normal) {
        const n = normal.length;
        let start = 0;
        let hash = 0x811c9dc5 | 0;
        for (let j = 0; j <= n; j++) {
          const c = j < n ? normal.charCodeAt(j) : 32;
          if (c !== 32) {
            hash = Math.imul(hash ^ c, 16777619);
            continue;
          }
          if (count === refs.length) {
            const grown = new Int32Array(2 * refs.length);
            grown.set(refs);
            refs = grown;
            this.refs = refs;
          }
          refs[count++] = table.index(normal, start, j, hash);
          start = j + 1;
          hash = 0x811c9dc5 | 0;
        }
      }
      textEnds.push(count);
    }
    if (table.size > first) this.tokenise(first, table.size);
    let from = 0;
    for (const to of textEnds) {
      this.encodeChunks(refs, from, to, out, words);
      ends.push(out.length);
      wordEnds.push(words.length);
      from = to;
    }
  }

  /** Tokenises the table's chunks from..to (one wink-nlp call) and fills their columns in. */
  private tokenise(from: number, to: number): void {
    const table = this.chunks;
    encoderStats.chunksTokenised += to - from;
    const keys = table.keys.slice(from, to);
    const made = tokenizeChunks(keys, false);
    for (let i = from; i < to; i++) {
      const chunk = made.get(table.keys[i] as string) as Chunk;
      table.upper[i] = chunk.upperWords;
      table.lower[i] = chunk.hasLower ? 1 : 0;
      // Both readings are read now, while wink's columns are at hand; ids are given on first use.
      table.pending.set(2 * i, wordsOf(chunk.columns, true));
      if (chunk.upperWords > 0) table.pending.set(2 * i + 1, wordsOf(chunk.columns, false));
    }
  }

  /** Appends the codes of the chunks refs[from..to), one text's, to `out` and `words`. */
  private encodeChunks(refs: Int32Array, from: number, to: number, out: number[], words: number[]): void {
    encoderStats.texts++;
    const stamp = this.text++;
    const table = this.chunks;
    const n = to - from;
    if (n > this.textUpper.length) {
      this.textUpper = new Int32Array(2 * n);
      this.textLower = new Uint8Array(2 * n);
    }
    const upper = this.textUpper;
    const lower = this.textLower;
    for (let k = 0; k < n; k++) {
      const i = refs[from + k] as number;
      upper[k] = table.upper[i] as number;
      lower[k] = table.lower[i] as number;
    }
    const acronyms = acronymReadings(upper, lower, n);
    for (let k = 0; k < n; k++) {
      const i = refs[from + k] as number;
      const asAcronyms = acronyms === true || (acronyms !== false && acronyms[k] === true);
      // A chunk without upper-case words reads one way.
      const reading: Reading = (upper[k] as number) > 0 && !asAcronyms ? 1 : 0;
      let at = (table.codes[2 * i + reading] as number) - 1;
      if (at < 0) at = this.codeOf(i, reading);
      const pool = table.pool;
      let p = at + 2;
      for (const end = p + (pool[at] as number); p < end; p++) out.push(pool[p] as number);
      const stamps = this.wordStamp;
      for (const end = p + (pool[at + 1] as number); p < end; p++) {
        const w = pool[p] as number;
        if (stamps[w] !== stamp) {
          stamps[w] = stamp;
          words.push(w);
        }
      }
    }
  }

  /** Codes reading `reading` of chunk i (its ids given now, in the order first seen): where it starts. */
  private codeOf(i: number, reading: Reading): number {
    const table = this.chunks;
    let ws = table.pending.get(2 * i + reading);
    if (ws) table.pending.delete(2 * i + reading);
    else {
      // Read again (the readings of a chunk are always kept together: this is a safety net).
      const key = table.keys[i] as string;
      const columns = tokenizeChunks([key], false).get(key)?.columns as Columns;
      ws = wordsOf(columns, reading === 0);
    }
    const ids: number[] = [];
    const words: number[] = [];
    for (const word of ws) {
      for (const t of wordTerms(word)) ids.push(this.termId(t));
      // The word as a whole (a camelCase word's first reading is the whole word).
      const whole = word.alternatives[0];
      if (!word.exact && whole?.length === 1 && /^\p{L}+(?:-\p{L}+)*$/u.test(word.text)) {
        // A hyphenated word is recorded joined (`co-operate` as `cooperate`).
        const term = this.termId(whole[0] as string);
        words.push(this.wordId(word.text.replaceAll('-', ''), term));
        words.push(this.wordId(word.written.replaceAll('-', ''), term));
        // And each part, for a typo of it to be corrected (`Bagdadi` for `al-Baghdadi`).
        const parts = word.alternatives[1];
        const written = word.written.split('-');
        if (parts && parts.length === written.length && parts.length > 1)
          written.forEach((part, k) => {
            if (part.length >= PART_MIN) words.push(this.wordId(part, this.termId(parts[k] as string)));
          });
      }
    }
    const at = table.addCode(ids, words);
    table.codes[2 * i + reading] = at + 1;
    return at;
  }

  private termId(t: string): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(t, id);
      this.terms.push(t);
    }
    return id;
  }

  private wordId(w: string, term: number): number {
    let id = this.wordIds.get(w);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(w, id);
      this.words.push(w);
      this.wordTerms.push(term);
      if (id >= this.wordStamp.length) {
        const grown = new Int32Array(this.wordStamp.length * 2).fill(-1);
        grown.set(this.wordStamp);
        this.wordStamp = grown;
      }
    }
    return id;
  }
}
