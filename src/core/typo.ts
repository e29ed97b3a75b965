/**
 * Typo tolerance: a word unknown to the corpus is matched to the corpus's written words that
 * are within a small edit distance (Damerau–Levenshtein: a swap of neighbours is one edit).
 */

/** Three rows of the distance table, reused by every call (a question compares thousands of words). */
let rows = new Int32Array(3 * 64);

/** The edit distance between a and b, or max + 1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  const width = n + 1;
  if (rows.length < 3 * width) rows = new Int32Array(6 * width);
  const r = rows;
  // Offsets of the row before last, the last row and the row being filled.
  let before = 0;
  let last = width;
  let row = 2 * width;
  for (let j = 0; j <= n; j++) {
    r[before + j] = 0;
    r[last + j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    r[row] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = (r[last + j] as number) + 1;
      const inserted = (r[row + j - 1] as number) + 1;
      if (inserted < d) d = inserted;
      const replaced = (r[last + j - 1] as number) + (ai === bj ? 0 : 1);
      if (replaced < d) d = replaced;
      // A swap of neighbours is one edit.
      if (j > 1 && aPrev === bj && ai === b.charCodeAt(j - 2)) {
        const swapped = (r[before + j - 2] as number) + 1;
        if (swapped < d) d = swapped;
      }
      r[row + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const free = before;
    before = last;
    last = row;
    row = free;
  }
  return Math.min(r[last + n] as number, max + 1);
}

/** Words shorter than this are never corrected: too many short words are one edit apart. */
export const MIN_TYPO_LENGTH = 4;

/** How many edits a word of this length may have: 1, or 2 from 8 letters on. */
export function allowedEdits(length: number): number {
  if (length < MIN_TYPO_LENGTH) return 0;
  return length >= 8 ? 2 : 1;
}

/** Which letters a word has, as bits (letters beyond a–z share bits: a filter, never a verdict). */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) % 31);
  return mask >>> 0;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The corpus's written words, bucketed by length, each with its letter mask: one edit
 * changes at most two letters of the mask, so a word whose mask differs in more than
 * 2 × edits letters is skipped without computing its distance.
 */
export class TypoIndex {
  private readonly byLength = new Map<number, { words: string[]; masks: number[] }>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length < MIN_TYPO_LENGTH - 1) continue;
      let bucket = this.byLength.get(w.length);
      if (!bucket) {
        bucket = { words: [], masks: [] };
        this.byLength.set(w.length, bucket);
      }
      bucket.words.push(w);
      bucket.masks.push(letterMask(w));
    }
  }

  /** Corpus words closest to `word` within its allowed edits (all at the smallest distance). */
  nearest(word: string, maxEdits = allowedEdits(word.length)): string[] {
    if (maxEdits === 0) return [];
    const mask = letterMask(word);
    let best = maxEdits + 1;
    let found: string[] = [];
    for (let len = word.length - maxEdits; len <= word.length + maxEdits; len++) {
      const bucket = this.byLength.get(len);
      if (!bucket) continue;
      const { words, masks } = bucket;
      for (let i = 0; i < words.length; i++) {
        if (popcount(((masks[i] as number) ^ mask) >>> 0) > 2 * Math.min(best, maxEdits)) continue;
        const candidate = words[i] as string;
        const d = editDistance(word, candidate, Math.min(best, maxEdits));
        if (d < best) {
          best = d;
          found = [candidate];
        } else if (d === best && d <= maxEdits) found.push(candidate);
      }
    }
    return best <= maxEdits ? found : [];
  }
}
