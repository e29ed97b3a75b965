/**
 * Typo tolerance: a word unknown to the corpus is matched to the corpus's written words that
 * are within a small edit distance (Damerau–Levenshtein: a swap of neighbours is one edit).
 */

/** Three rows of the distance table, reused by every call (a question compares thousands of words). */
let rows = new Int32Array(3 * 64);

/**
 * The edit distance between a and b, or max + 1 as soon as it must exceed max. Only the band of
 * cells within max of the diagonal is computed: a cell further off it costs more than max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  const width = n + 1;
  const over = max + 1;
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
    const lo = i > max ? i - max : 1;
    const hi = i + max < n ? i + max : n;
    r[row] = i;
    // The cells just outside the band that the band reads: more than max away.
    if (lo > 1) r[row + lo - 1] = over;
    if (hi === i + max) r[last + hi] = over;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
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
    if (rowMin > max) return over;
    const free = before;
    before = last;
    last = row;
    row = free;
  }
  return Math.min(r[last + n] as number, over);
}

/** Words shorter than this are never corrected: too many short words are one edit apart. */
export const MIN_TYPO_LENGTH = 4;

/** How many edits a word of this length may have: 1, or 2 from 8 letters on. */
export function allowedEdits(length: number): number {
  if (length < MIN_TYPO_LENGTH) return 0;
  return length >= 8 ? 2 : 1;
}

/** Below this length, a letter replaced by one its key does not touch is another word, not a typo. */
const SHORT_WORD = 6;
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Whether two letters' keys touch on a QWERTY keyboard (in a row, or the row above or below). */
const NOT_LATIN = /[^\p{Script=Latin}]/u;

export function neighbourKeys(a: string, b: string): boolean {
  const ra = KEY_ROWS.findIndex((r) => r.includes(a));
  const rb = KEY_ROWS.findIndex((r) => r.includes(b));
  // A letter of another script (Cyrillic, Greek) has no place known here: no slip is proven, and
  // a short word one such letter away is another word (`соль` is not `роль`). A Latin letter off
  // the rows (`é`) may sit anywhere.
  if (ra < 0 || rb < 0) return !NOT_LATIN.test(a) && !NOT_LATIN.test(b);
  const ia = (KEY_ROWS[ra] as string).indexOf(a);
  const ib = (KEY_ROWS[rb] as string).indexOf(b);
  // Each row sits half a key to the right of the one above it.
  if (ra === rb) return Math.abs(ia - ib) === 1;
  if (rb === ra + 1) return ib === ia || ib === ia - 1;
  if (rb === ra - 1) return ib === ia || ib === ia + 1;
  return false;
}

/**
 * Whether `candidate`, one edit from a short `word`, is a slip of the hand rather than another
 * word: a letter left out (not the first), doubled or swapped, or a key's neighbour hit instead
 * of it or beside it. "pypi" is not a typo of `gypi` (p and g lie apart), nor "pnpx" of `npx`,
 * nor "auth" of `oauth`; "wprk" is one of `work`, "frist" of `first`, "worrk" of `work`.
 */
export function plausibleTypo(word: string, candidate: string): boolean {
  if (word.length >= SHORT_WORD) return true;
  let at = 0;
  while (at < candidate.length && word[at] === candidate[at]) at++;
  if (word.length === candidate.length) {
    // One letter replaced (a swap of two changes two places and is always a slip).
    if (at === word.length || word.slice(at + 1) !== candidate.slice(at + 1)) return true;
    return neighbourKeys(word[at] as string, candidate[at] as string);
  }
  // One letter left out: a slip anywhere but at the start ("auth" is not `oauth`).
  if (word.length + 1 === candidate.length) return at > 0;
  if (word.length !== candidate.length + 1) return true;
  // One letter too many, at `at`: a doubled letter, or a key beside the one meant.
  const extra = word[at] as string;
  const around = [word[at - 1], word[at + 1]].filter((c): c is string => c !== undefined);
  return around.some((c) => c === extra || neighbourKeys(c, extra));
}

/**
 * Which letters a word has, as bits, and which it has twice or more (letters beyond a–z share
 * bits: a filter, never a verdict). The bits that differ between two words' masks count how far
 * apart their letter counts are (each counted up to two): one edit moves them by two at most.
 */
export function letterMasks(word: string): [once: number, twice: number] {
  let once = 0;
  let twice = 0;
  for (let i = 0; i < word.length; i++) {
    const bit = 1 << (word.charCodeAt(i) % 31);
    if (once & bit) twice |= bit;
    once |= bit;
  }
  return [once >>> 0, twice >>> 0];
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The corpus's written words, bucketed by length, each with its letter masks: one edit changes
 * at most two of their bits, so a word whose masks differ in more than 2 × edits bits is skipped
 * without computing its distance.
 */
/**
 * Words compared letter by letter, at most: for one word, and for all the words of one question
 * (see TypoBudget). On real documents a word needs a few thousand at most (3,000 measured with
 * three edits at 100,000 paragraphs); a vocabulary of one small alphabet (gene sequences: every
 * word has the same letters) would otherwise compare every word of a length, seconds per question.
 * Past the budget, a word gets the closest words found so far, or none.
 */
export const TYPO_BUDGET = { word: 20_000, question: 60_000 };

/** What is left of a budget of comparisons (see TYPO_BUDGET), shared by the words of one question. */
export interface TypoBudget {
  left: number;
}

export class TypoIndex {
  private readonly byLength = new Map<number, { words: string[]; once: Uint32Array; twice: Uint32Array }>();

  constructor(words: Iterable<string>) {
    const lists = new Map<number, string[]>();
    for (const w of words) {
      if (w.length < MIN_TYPO_LENGTH - 1) continue;
      let list = lists.get(w.length);
      if (!list) {
        list = [];
        lists.set(w.length, list);
      }
      list.push(w);
    }
    // The masks in typed columns: a mask above 2^30 would otherwise be a boxed number, and the
    // scan reads every mask of a length.
    for (const [length, list] of lists) {
      const once = new Uint32Array(list.length);
      const twice = new Uint32Array(list.length);
      list.forEach((w, i) => {
        [once[i], twice[i]] = letterMasks(w);
      });
      this.byLength.set(length, { words: list, once, twice });
    }
  }

  /**
   * Corpus words closest to `word` within its allowed edits (all at the smallest distance), found
   * within `budget` comparisons (and TYPO_BUDGET.word).
   */
  nearest(
    word: string,
    maxEdits = allowedEdits(word.length),
    budget: TypoBudget = { left: TYPO_BUDGET.word },
  ): string[] {
    if (maxEdits === 0) return [];
    const [once, twice] = letterMasks(word);
    let best = maxEdits + 1;
    let found: string[] = [];
    const start = Math.min(budget.left, TYPO_BUDGET.word);
    let left = start;
    scan: for (let len = word.length - maxEdits; len <= word.length + maxEdits; len++) {
      const bucket = this.byLength.get(len);
      if (!bucket) continue;
      const { words, once: onces, twice: twices } = bucket;
      for (let i = 0; i < words.length; i++) {
        const apart =
          popcount(((onces[i] as number) ^ once) >>> 0) + popcount(((twices[i] as number) ^ twice) >>> 0);
        if (apart > 2 * Math.min(best, maxEdits)) continue;
        if (left-- <= 0) break scan;
        const candidate = words[i] as string;
        const d = editDistance(word, candidate, Math.min(best, maxEdits));
        if (d < best) {
          best = d;
          found = [candidate];
        } else if (d === best && d <= maxEdits) found.push(candidate);
      }
    }
    budget.left -= start - Math.max(left, 0);
    return best <= maxEdits ? found : [];
  }
}
