import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bm25 from 'wink-bm25-text-search';
import {
  Bm25Index,
  buildIndex,
  buildPostings,
  type Concept,
  conceptRarity,
  encode,
} from '../../src/core/bm25.js';

const concept = (...terms: string[]): Concept => ({
  alternatives: terms.map((t) => ({ terms: [t], weight: 1 })),
});
const body = (text: string) => ({ title: [], body: text.split(' ').filter(Boolean) });

describe('Bm25Index', () => {
  it('works with a single passage and with two (wink alone refuses fewer than three)', () => {
    const one = Bm25Index.build([body('alpha beta')]);
    expect(one.search([concept('alpha')], 5)).toEqual([{ id: 0, score: expect.any(Number) }]);
    const two = Bm25Index.build([body('alpha'), body('beta gamma')]);
    expect(two.search([concept('gamma')], 5).map((h) => h.id)).toEqual([1]);
    expect(two.size).toBe(2);
  });

  it('finds nothing for terms it does not hold, including Object.prototype names', () => {
    const index = Bm25Index.build([body('a b'), body('c d'), body('e f')]);
    for (const t of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'zzz']) {
      expect(index.has(t)).toBe(false);
      expect(index.search([concept(t)], 5)).toEqual([]);
    }
  });

  it('indexes constructor and friends as ordinary words', () => {
    const index = Bm25Index.build([body('constructor call'), body('prototype chain'), body('other words')]);
    expect(index.search([concept('constructor')], 5).map((h) => h.id)).toEqual([0]);
    expect(index.df('constructor')).toBe(1);
  });

  it('ranks by BM25 and breaks ties by passage order', () => {
    const index = Bm25Index.build([
      body('x y'),
      body('apple x'),
      body('apple apple apple x'),
      body('apple x'),
    ]);
    expect(index.search([concept('apple')], 10).map((h) => h.id)).toEqual([2, 1, 3]);
    // More equal passages than asked for: the first ones in order, whatever the limit.
    const ties = Bm25Index.build(Array.from({ length: 9 }, () => body('apple x')));
    for (const limit of [1, 2, 3, 8]) {
      expect(ties.search([concept('apple')], limit).map((h) => h.id)).toEqual([...Array(limit).keys()]);
    }
  });

  it('counts a concept once, with its best alternative scaled by its weight', () => {
    const index = Bm25Index.build([
      body('isis attack'),
      body('isil attack'),
      body('isis isil attack'),
      body('calm'),
    ]);
    const aliases: Concept = {
      alternatives: [
        { terms: ['isis'], weight: 1 },
        { terms: ['isil'], weight: 0.5 },
      ],
    };
    const hits = index.search([aliases], 10);
    const score = (id: number) => hits.find((h) => h.id === id)?.score ?? 0;
    expect(score(0)).toBeGreaterThan(score(1));
    // Passage 2 has both forms but is not counted twice: it scores like its better form.
    expect(score(2)).toBeLessThan(score(0) + score(1));
  });

  it('scores a phrase alternative in proportion to how much of the phrase a passage holds', () => {
    const index = Bm25Index.build([
      body('islamic state group'),
      body('state of the union'),
      body('other text here'),
    ]);
    const phrase: Concept = { alternatives: [{ terms: ['islamic', 'state'], weight: 1 }] };
    const [first, second] = index.search([phrase], 10);
    expect(first?.id).toBe(0);
    expect(second?.id).toBe(1);
    expect(second?.score).toBeLessThan((first?.score ?? 0) / 2);
  });

  it('gives the title field weight', () => {
    const index = Bm25Index.build([
      { title: ['refund'], body: ['money', 'back'] },
      { title: [], body: ['money', 'back'] },
      { title: [], body: ['other'] },
    ]);
    expect(index.search([concept('refund')], 5).map((h) => h.id)).toEqual([0]);
  });

  it('filters passages with accept', () => {
    const index = Bm25Index.build([body('a x'), body('a y'), body('a z')]);
    expect(index.search([concept('a')], 5, (id) => id !== 0).map((h) => h.id)).toEqual([1, 2]);
  });

  it('scores exactly as wink-bm25-text-search does for plain questions (property)', () => {
    const vocab = ['ant', 'bee', 'cat', 'dog', 'eel', 'fox', 'gnu', 'hen', 'constructor'];
    const doc = fc.array(fc.constantFrom(...vocab), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 3, maxLength: 25 }),
        fc.uniqueArray(fc.constantFrom(...vocab), { minLength: 1, maxLength: 4 }),
        (docs, query) => {
          const ours = Bm25Index.build(docs.map((d) => ({ title: [], body: d })));
          const wink = bm25();
          wink.defineConfig({ fldWeights: { title: 0.5, body: 1 } });
          wink.definePrepTasks([(s: unknown) => String(s).split(' ').filter(Boolean)]);
          docs.forEach((d, id) => {
            wink.addDoc({ title: '', body: d.join(' ') }, id);
          });
          wink.consolidate(6);
          const expected = new Map(wink.search(query.join(' '), 100).map(([id, s]) => [Number(id), s]));
          const got = ours.search(
            query.map((t) => concept(t)),
            100,
            undefined,
            { prune: false },
          );
          expect(got.length).toBe(expected.size);
          for (const hit of got) expect(hit.score).toBeCloseTo(expected.get(hit.id) ?? Number.NaN, 4);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('builds the same index on a worker thread as in this thread, and says how far it is', async () => {
    const docs = Array.from({ length: 10_500 }, (_, i) => body(`w${i % 97} w${i % 13} common x${i % 5}`));
    const enc = encode(docs);
    const here = new Bm25Index(docs.length, enc.terms, buildPostings(enc, {}));
    const added: number[] = [];
    const there = await buildIndex(enc, {}, (n) => added.push(n), true);
    expect(added).toEqual([10_000, 10_500]);
    expect(there.postings).toEqual(here.postings);
    for (const t of ['w5', 'w12', 'common', 'x3'])
      expect(there.search([concept(t)], 50)).toEqual(here.search([concept(t)], 50));
  }, 60_000);
});

describe('conceptRarity', () => {
  // A license that says "Mozilla Public License" in every passage and "MPL" in one.
  const idf = (t: string) => ({ mpl: 2.6, mozilla: 0.3, public: 0.4, licens: 0.5 })[t];
  const written = { terms: ['mpl'], weight: 1 };
  const phrase = { terms: ['mozilla', 'public', 'licens'], weight: 0.9, whole: true };

  it('scales a rare spelling down to the rarity of the phrase it stands for', () => {
    const scale = conceptRarity({ alternatives: [written, phrase] }, idf);
    expect(scale.get(written)).toBeCloseTo(0.5 / 2.6);
    expect(scale.get(phrase)).toBe(1);
  });

  it('leaves concepts without a phrase, and phrases the documents lack, alone', () => {
    expect(conceptRarity({ alternatives: [written, { terms: ['licens'], weight: 0.5 }] }, idf).size).toBe(0);
    const absent = { terms: ['mozilla', 'foundation'], weight: 0.9, whole: true };
    expect(conceptRarity({ alternatives: [written, absent] }, idf).size).toBe(0);
  });
});
