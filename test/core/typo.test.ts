/**
 * Typo tolerance's distance and look-up: the distance counts a swap of neighbours as one edit and
 * stops at the limit; the look-up finds every corpus word at the smallest distance. Both are
 * checked against a plain full-table distance, so the band and the letter-mask filter that make
 * them fast can never change what a misspelt question finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/index.js';
import { parseQuestion } from '../../src/core/query.js';
import { editDistance, TYPO_BUDGET, TypoIndex } from '../../src/core/typo.js';
import { corpusOf } from '../helpers.js';

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

describe('typo correction on a vocabulary of one small alphabet', () => {
  // Gene sequences: every word has the same letters, so no letter mask rules a word out and
  // each misspelling would be compared with every word of its length.
  const letters = 'acgt';
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const sequence = (length = 10) => Array.from({ length }, () => letters[Math.floor(random() * 4)]).join('');
  // Words of 8 to 12 letters, as a listing of sequences has them.
  const corpus = [...new Set(Array.from({ length: 900_000 }, () => sequence(8 + Math.floor(random() * 5))))];
  const known = new Set(corpus);
  const index = new TypoIndex(corpus);
  const vocabulary = {
    has: (t: string) => known.has(t),
    df: () => 1,
    derived: () => [],
    typos: index,
    termOf: (w: string) => (known.has(w) ? w : undefined),
    expansion: () => undefined,
  };

  it("reads a question of 45 misspelt sequences (500 characters) within Discord's 3 s", {
    timeout: 3_000,
  }, () => {
    const asked = Array.from({ length: 45 }, () => {
      const w = sequence();
      return known.has(w) ? `${w}a` : w;
    });
    const parsed = parseQuestion(asked.join(' '), vocabulary, []);
    expect(parsed.concepts.length + parsed.notFound.length).toBeGreaterThan(0);
  });

  it('spends at most its budget, one for the whole question', () => {
    const budget = { left: TYPO_BUDGET.question };
    for (let i = 0; i < 23; i++) {
      const before = budget.left;
      index.nearest(`${sequence()}a`, 2, budget);
      expect(before - budget.left).toBeLessThanOrEqual(TYPO_BUDGET.word);
      expect(budget.left).toBeGreaterThanOrEqual(0);
    }
    expect(budget.left).toBe(0);
    // Spent: the next word compares nothing.
    expect(index.nearest(`${sequence()}a`, 2, budget)).toEqual([]);
  });
});

describe('suggestions when nothing is found', () => {
  it('offer words one edit from a short word, two from a longer one, never half of a short word', () => {
    const engine = Engine.create(
      corpusOf({
        'a.md': '# Server\n\nThe server listens on a port. Pour the config into the password file.\n',
        'b.md': '# Rules\n\nBe kind.\n',
        'c.md': '# Events\n\nGame nights on Fridays.\n',
      }),
    );
    // Before: "peru" suggested `port` and `pour`, two letters of four away.
    expect(engine.suggest(['peru'])).not.toContain('port');
    expect(engine.suggest(['prot'])).toContain('port');
    expect(engine.suggest(['pasword'])).toContain('password');
  });
});
