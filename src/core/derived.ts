/**
 * Derived words: the longer corpus words a question word begins (Russia → Russian, Iraq →
 * Iraqi), found by binary search in the corpus's sorted words.
 */

/** The corpus's terms made of letters only, sorted (for finding the words a term begins). */
export function sortedWords(terms: readonly string[]): string[] {
  return terms.filter((t) => /^\p{L}+$/u.test(t)).sort();
}

/** At most this many longer words per question word, each at most this many letters longer. */
const MAX_DERIVED = 2;
const DERIVED_EXTRA = 3;

/** Terms of `sorted` that begin with `term` and are 1–3 letters longer, commonest first. */
export function derivedTerms(sorted: readonly string[], term: string, df: (t: string) => number): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < term) lo = mid + 1;
    else hi = mid;
  }
  const found: string[] = [];
  for (let i = lo; i < sorted.length && found.length < 64; i++) {
    const t = sorted[i] as string;
    if (!t.startsWith(term)) break;
    if (t.length > term.length && t.length <= term.length + DERIVED_EXTRA) found.push(t);
  }
  return found
    .filter((t) => df(t) > 0)
    .sort((a, b) => df(b) - df(a) || (a < b ? -1 : 1))
    .slice(0, MAX_DERIVED);
}
