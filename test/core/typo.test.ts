/**
 * Typo tolerance's distance and look-up: the distance counts a swap of neighbours as one edit and
 * stops at the limit; the look-up finds every corpus word at the smallest distance. Both are
 * checked against a plain full-table distance, so the band and the letter-mask filter that make
 * them fast can never change what a misspelt question finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, TypoIndex } from '../../src/core/typo.js';

/** Damerau–Levenshtein (a swap of neighbours is one edit, no substring edited twice), every cell. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

// Few letters, some outside a–z, so that words share letters, repeat them and collide in masks.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'e', 'é', 'ß', 'z'), maxLength: 14 });

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and swaps of neighbours as one edit each', () => {
    expect(editDistance('country', 'coutnry', 2)).toBe(1);
    expect(editDistance('intelligence', 'inteligence', 2)).toBe(1);
    expect(editDistance('government', 'goverment', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });

  it('gives max + 1 as soon as the distance must exceed max', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('abcdefgh', 'hgfedcba', 2)).toBe(3);
    expect(editDistance('short', 'much longer', 1)).toBe(2);
  });

  it('equals the full-table distance, capped at max + 1 (property)', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('TypoIndex.nearest', () => {
  it('finds every word at the smallest distance, and nothing beyond the allowed edits', () => {
    const index = new TypoIndex(['country', 'county', 'card', 'cart', 'intelligence', 'banana', 'bandana']);
    expect(index.nearest('coutnry')).toEqual(['country']);
    expect(index.nearest('carx').sort()).toEqual(['card', 'cart']);
    expect(index.nearest('inteligense')).toEqual(['intelligence']);
    expect(index.nearest('bananna')).toEqual(['banana']);
    expect(index.nearest('zebra')).toEqual([]);
    // Below four letters, no typo is guessed.
    expect(index.nearest('cnt')).toEqual([]);
  });

  it('finds what a scan of every word with the full-table distance finds (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 60 }),
        word,
        fc.integer({ min: 1, max: 3 }),
        (words, asked, max) => {
          const candidates = words.filter((w) => w.length >= 3);
          const distances = candidates.map((w) => reference(asked, w));
          const best = Math.min(...distances);
          const expected = best <= max ? candidates.filter((_, i) => distances[i] === best) : [];
          expect(new TypoIndex(words).nearest(asked, max).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 1500 },
    );
  });
});
