/**
 * Caches never cost correctness, and questions full of new words never grow the process:
 * the tokenizer's caches overflow in the middle of a batch without losing what the batch needs,
 * and wink-nlp's ever-growing lexicon is recycled.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/core/cache.js';
import { Engine } from '../../src/core/engine.js';
import { CACHE_LIMITS, terms, tokenizerStats } from '../../src/core/tokenizer.js';
import { corpusOf } from '../helpers.js';

const saved = structuredClone(CACHE_LIMITS);
afterEach(() => {
  Object.assign(CACHE_LIMITS.query, saved.query);
  Object.assign(CACHE_LIMITS.bulk, saved.bulk);
});

/** Deterministic made-up words (xorshift), none of them English. */
function wordsFrom(seed: number) {
  let state = seed;
  return () => {
    let w = '';
    for (let i = 0; i < 7; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      w += 'bcdfghjklmnpqrstvwxz'[(state >>> 0) % 20];
    }
    return w;
  };
}

describe('BoundedCache', () => {
  it('holds at most twice its capacity and keeps what is used', () => {
    const cache = new BoundedCache<number, string>(100);
    for (let i = 0; i < 1000; i++) {
      cache.set(i, String(i));
      expect(cache.get(0) ?? cache.remember(0, () => 'zero')).toBeDefined();
    }
    expect(cache.size).toBeLessThanOrEqual(200);
    expect(cache.get(0)).toBeDefined();
    expect(cache.get(999)).toBe('999');
    expect(cache.get(5)).toBeUndefined();
  });
});

describe('the tokenizer under overflow', () => {
  it('builds a corpus whose new chunks overflow the cache within one batch', () => {
    CACHE_LIMITS.bulk.chunks = 64;
    CACHE_LIMITS.bulk.words = 64;
    const next = wordsFrom(7);
    const paragraphs = Array.from({ length: 40 }, () => Array.from({ length: 60 }, next).join(' '));
    const engine = Engine.create(corpusOf({ 'big.txt': `${paragraphs.join('.\n\n')}.` }));
    const last = paragraphs[39]?.split(' ')[59] as string;
    const answer = engine.answer(`${last} ${paragraphs[0]?.split(' ')[0]}`);
    expect(answer.results.map((r) => r.paragraph)).toContain(40);
  });

  it('tokenises a question longer than the query cache', () => {
    CACHE_LIMITS.query.chunks = 4;
    const next = wordsFrom(11);
    const question = Array.from({ length: 50 }, next).join(' ');
    expect(terms(question)).toHaveLength(50);
  });

  it('keeps memory flat under 3,500 questions of 28,000 new words', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed / 1048576;
    };
    // Lower bounds than the bot's (they take effect when a build ends), so that a short test
    // fills them and sees several recycles.
    CACHE_LIMITS.query.unknownWords = 2000;
    CACHE_LIMITS.query.chunks = 1024;
    CACHE_LIMITS.query.words = 1024;
    const engine = Engine.create(
      corpusOf({
        'a.txt':
          'Iraq shares intelligence with Russia.\n\nThe meeting was in Baghdad.\n\nFighters are active.',
      }),
    );
    const next = wordsFrom(3);
    const ask = (n: number) => {
      for (let i = 0; i < n; i++) engine.answer(`${Array.from({ length: 8 }, next).join(' ')} Iraq?`);
    };
    // The bounded caches fill over the first thousand or so questions (the heap grows by about
    // 0.8 MB, then stays): measured after them.
    ask(1500);
    const before = heap();
    ask(2000);
    const after = heap();
    // 16,000 more new words, eight times what the unknown-words cache holds. Recycled, the heap
    // moves by ±0.3 MB, and by up to 0.5 MB on a loaded machine (V8's own records of the code it
    // optimises, whose timing varies); a question that left a kilobyte behind would add 1.5-2 MB.
    // That wink's vocabulary is recycled is checked below, by its counters.
    expect(after - before).toBeLessThan(1);
    const stats = tokenizerStats();
    expect(stats.unknownWords).toBeLessThanOrEqual(CACHE_LIMITS.query.unknownWords);
    expect(stats.recycled).toBeGreaterThan(0);
  }, 90_000);
});
