/**
 * Retrieval quality on real questions: the project's own question set over seeds/, and an
 * independent hard-wrapped FAQ/legal/Markdown corpus written to test layouts the seeds lack.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine, loadCorpus } from '../../src/core/index.js';
import { evaluate, readCases, summary } from './evaluate.js';

const root = path.resolve(import.meta.dirname, '../..');

async function score(seeds: string, questions: string) {
  const engine = Engine.create(await loadCorpus(path.join(root, seeds)));
  const s = evaluate(readCases(path.join(root, questions)), (q) => engine.answer(q, { limit: 5 }));
  console.log(`${seeds}: ${summary(s)}${s.misses.length ? `\n  ${s.misses.join('\n  ')}` : ''}`);
  return s;
}

describe('retrieval quality', () => {
  it('answers the project question set over seeds/ with hit@1 >= 90%, every negative empty', async () => {
    const s = await score('seeds', 'test/quality/seeds-questions.jsonl');
    expect(s.hit1 / s.positives).toBeGreaterThanOrEqual(0.9);
    expect(s.negativesEmpty).toBe(s.negatives);
    expect(s.duplicates).toBe(0);
  });

  it('keeps its level on the independent FAQ/legal/Markdown corpus', async () => {
    const s = await score('test/fixtures/eval-corpus', 'test/fixtures/eval-corpus/questions.jsonl');
    // Paraphrase-heavy questions: a floor that catches regressions, not a target.
    expect(s.hit1 / s.positives).toBeGreaterThanOrEqual(0.6);
    expect(s.hit3 / s.positives).toBeGreaterThanOrEqual(0.85);
    expect(s.negativesEmpty).toBe(s.negatives);
    expect(s.duplicates).toBe(0);
  });
});
